//! Measures the pickle walker on one file: `pickle_throughput FILE`. Prints opcodes, bytes,
//! seconds, M opcodes/s and MB/s (the file should be in the page cache: run it twice).

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pickle_throughput FILE");
        std::process::exit(2);
    };
    let f = std::fs::File::open(&path).expect("open");
    let t = Instant::now();
    let s =
        glassbox_formats::pickle::scan_reader(f, glassbox_formats::pickle::WalkOptions::default());
    let dt = t.elapsed().as_secs_f64();
    println!(
        "{path}: {} opcodes, {} bytes, {:.3} s, {:.1} M opcodes/s, {:.0} MB/s, {} globals, error {:?}",
        s.opcodes,
        s.bytes,
        dt,
        s.opcodes as f64 / dt / 1e6,
        s.bytes as f64 / dt / 1e6,
        s.globals.len(),
        s.error
    );
}
