//! Discovery alone over a folder, timed: what `bench/check/run.sh` measures.
//!
//! usage: cargo run --release -p glassbox-check --example discover -- PATH [THREADS]

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: discover PATH [THREADS]");
        std::process::exit(2);
    };
    let mut opts = glassbox_check::discovery::Options::default();
    if let Some(t) = args.next().and_then(|t| t.parse().ok()) {
        opts.threads = t;
    }
    let start = Instant::now();
    let d = glassbox_check::discovery::discover(std::path::Path::new(&path), &opts);
    let secs = start.elapsed().as_secs_f64();
    let refs: usize = d.models.iter().map(|m| m.references.len()).sum();
    println!(
        "discovery: {secs:.3} s, {} threads, {} source files read, {} models, {refs} references, {} unresolved, {} skipped",
        opts.threads,
        d.files_read,
        d.models.len(),
        d.unresolved.len(),
        d.skipped.len()
    );
}
