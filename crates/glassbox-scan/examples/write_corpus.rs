//! Writes the scan corpus to a folder: `write_corpus DIR [--large]`. Prints one line per file:
//! expectation, case id and path (the bench script reads it).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: write_corpus DIR [--large]");
        std::process::exit(2);
    };
    let large = args.any(|a| a == "--large");
    let mut all = glassbox_scan::corpus::cases();
    if large {
        all.extend(glassbox_scan::corpus::large_cases());
    }
    for c in all {
        let p = std::path::Path::new(&dir).join(&c.path);
        std::fs::create_dir_all(p.parent().expect("corpus paths have a parent"))
            .expect("create folder");
        std::fs::write(&p, &c.bytes).expect("write corpus file");
        println!("{:?}\t{}\t{}", c.expect, c.case, c.path);
    }
}
