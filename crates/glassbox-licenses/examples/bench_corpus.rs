//! Writes a corpus of license files for the identification benchmark
//! (`bench/licenses/run.sh`): the shared AI license texts, every SPDX text, and modified and
//! re-wrapped copies, until N files are written.
//!
//! `cargo run --release -p glassbox-licenses --example bench_corpus -- SHARED_LICENSES_DIR OUT_DIR N`

use std::path::{Path, PathBuf};

fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("scancode-licensedb")] {
        let Ok(rd) = std::fs::read_dir(&sub) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for p in files {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name == "README.md" {
                continue;
            }
            if let Ok(b) = std::fs::read(&p) {
                out.push((name, String::from_utf8_lossy(&b).into_owned()));
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [shared, out, n] = args.as_slice() else {
        eprintln!("usage: bench_corpus SHARED_LICENSES_DIR OUT_DIR N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let out = Path::new(out);
    std::fs::create_dir_all(out).expect("create OUT_DIR");
    let shared = texts(Path::new(shared));
    let spdx: Vec<(String, String)> = spdx::text::LICENSE_TEXTS
        .iter()
        .map(|(id, t)| (format!("{id}.txt"), t.to_string()))
        .collect();
    let mut written = 0;
    let mut round = 0;
    while written < n {
        let batch: Vec<(String, String)> = match round % 3 {
            0 => shared.clone(),
            1 => spdx.clone(),
            _ => shared
                .iter()
                .map(|(f, t)| {
                    let modified = format!("{t}\n\nThe licensee shall not use the model for any purpose in round {round}.\n");
                    (format!("modified-{f}"), modified)
                })
                .collect(),
        };
        for (name, text) in batch {
            if written == n {
                break;
            }
            std::fs::write(out.join(format!("{written:04}-{name}")), text)
                .expect("write corpus file");
            written += 1;
        }
        round += 1;
    }
    eprintln!("wrote {written} files to {}", out.display());
}
