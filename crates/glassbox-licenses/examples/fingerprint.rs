//! Writes the fingerprint of a license text for `kb/fingerprints/`:
//! `cargo run -p glassbox-licenses --example fingerprint -- ID SOURCE FILE > kb/fingerprints/NAME.fp`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [id, source, file] = args.as_slice() else {
        eprintln!("usage: fingerprint ID SOURCE FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read(file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    print!("{}", glassbox_licenses::fingerprint_file(id, source, &text));
}
