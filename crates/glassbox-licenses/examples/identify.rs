//! Prints what glassbox identifies in each file, one line per license text found:
//! `cargo run --example identify -- FILE...`

fn main() {
    let kb = glassbox_licenses::kb();
    for f in std::env::args().skip(1) {
        match std::fs::read(&f) {
            Ok(b) => {
                let r = kb.identify_bytes(&b);
                let l = r.license.as_ref();
                println!(
                    "{f}\t{:?}\t{}\t{}\t{:.3}\tmodified={}\t{}\t+{} -{}",
                    r.kind,
                    l.map(|l| l.id.as_str()).unwrap_or("-"),
                    l.map(|l| l.tier.as_str()).unwrap_or("-"),
                    r.score,
                    r.modified,
                    r.method,
                    r.added.len(),
                    r.removed
                );
                for m in r.matches.iter().filter(|_| r.matches.len() > 1) {
                    println!(
                        "  lines {}-{}\t{}\t{:.3}\tmodified={}\t{}",
                        m.start_line,
                        m.end_line,
                        m.license.as_ref().map_or("-", |l| l.id.as_str()),
                        m.score,
                        m.modified,
                        m.method
                    );
                }
                for c in &r.changes {
                    println!("    {} {}-{}: {}", c.kind, c.start_line, c.end_line, c.text);
                }
            }
            Err(e) => eprintln!("{f}: {e}"),
        }
    }
}
