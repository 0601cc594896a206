//! Embeds the knowledge base: every `kb/licenses/*.toml` and `kb/fingerprints/*.fp` file is
//! listed in a generated module with `include_str!`, so adding a file needs no code change.

use std::{env, fs, path::Path};

fn list(dir: &Path, ext: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("kb");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::new();
    for (konst, sub, ext) in [
        ("LICENSE_FILES", "licenses", "toml"),
        ("FINGERPRINT_FILES", "fingerprints", "fp"),
    ] {
        let dir = root.join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        out.push_str(&format!("pub(crate) const {konst}: &[(&str, &str)] = &[\n"));
        for f in list(&dir, ext) {
            let path = dir.join(&f);
            out.push_str(&format!(
                "    ({f:?}, include_str!({:?})),\n",
                path.display().to_string()
            ));
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("kb_files.rs");
    fs::write(dest, out).expect("writing kb_files.rs");
}
