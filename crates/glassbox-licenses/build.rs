//! Embeds the knowledge base: every `kb/licenses/*.toml` and `kb/fingerprints/*.fp` file is
//! listed in a generated module with `include_str!`, so adding a file needs no code change.

use std::{env, fs, path::Path};

// The normaliser is shared with the library so that build-time fingerprints hash exactly as
// run-time input does.
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

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
    let out_dir = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out_dir).join("kb_files.rs"), out).expect("writing kb_files.rs");
    // SPDX matching templates (kb/templates/*.template.txt), for the template matcher.
    let dir = root.join("templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut t = String::from("pub(crate) const TEMPLATE_FILES: &[(&str, &str)] = &[\n");
    for f in list(&dir, "txt") {
        let path = dir.join(&f);
        t.push_str(&format!(
            "    ({f:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    t.push_str("];\n");
    fs::write(Path::new(&out_dir).join("templates.rs"), t).expect("writing templates.rs");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    fs::write(
        Path::new(&out_dir).join("spdx_fingerprints.bin"),
        spdx_fingerprints(),
    )
    .expect("writing spdx_fingerprints.bin");
}

/// Fingerprints of every current SPDX license text, computed once here instead of at every
/// start: `u32` count, then per license `u16` id length, id bytes, `u32` sentence count and
/// per sentence `u64` hash and `u32` words, all little-endian.
fn spdx_fingerprints() -> Vec<u8> {
    let texts: Vec<(&str, &str)> = spdx::text::LICENSE_TEXTS
        .iter()
        .filter(|(id, _)| spdx::license_id(id).is_some_and(|l| !l.is_deprecated()))
        .map(|(id, t)| (*id, *t))
        .collect();
    let mut b = Vec::new();
    b.extend_from_slice(&(texts.len() as u32).to_le_bytes());
    for (id, text) in texts {
        let n = normalize::normalize(text);
        b.extend_from_slice(&(id.len() as u16).to_le_bytes());
        b.extend_from_slice(id.as_bytes());
        b.extend_from_slice(&(n.sentences.len() as u32).to_le_bytes());
        for s in &n.sentences {
            b.extend_from_slice(&s.hash.to_le_bytes());
            b.extend_from_slice(&s.words.to_le_bytes());
        }
    }
    b
}
