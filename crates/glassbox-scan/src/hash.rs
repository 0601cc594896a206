//! Integrity: streaming SHA-256 of weight files, parallel across files, a JSON manifest, and
//! verification against published hashes (Git LFS pointer oids, Hub `lfs.sha256`, a manifest).

use glassbox_core::progress::Progress;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Read size: large enough to amortise syscalls, small enough that memory stays flat (one
/// buffer per worker thread whatever the file size).
pub const CHUNK: usize = 1 << 20;
/// Manifest schema id.
pub const MANIFEST_SCHEMA: &str = "glassbox/manifest/v1";

/// One hashed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashEntry {
    /// Path (relative to the manifest root when written by [`Manifest::from_tree`]).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

/// SHA-256 and size of one file, streamed.
pub fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    hash_file_with(path, &Progress::default())
}

/// [`hash_file`], announcing the file's size to `progress` and reporting each chunk read.
pub fn hash_file_with(path: &Path, progress: &Progress) -> io::Result<(u64, String)> {
    let mut f = File::open(path)?;
    if progress.is_on() {
        progress.expect(f.metadata().map(|m| m.len()).unwrap_or(0));
    }
    let mut h = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        h.update(&buf[..n]);
        progress.done(n as u64);
        size += n as u64;
    }
    Ok((size, hex(&h.finalize())))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Hashes files in parallel (one rayon task per file), in the order given.
pub fn hash_files(paths: &[PathBuf]) -> Vec<io::Result<HashEntry>> {
    paths
        .par_iter()
        .map(|p| {
            hash_file(p).map(|(size, sha256)| HashEntry {
                path: p.display().to_string(),
                size,
                sha256,
            })
        })
        .collect()
}

/// A list of files with sizes and hashes, as `glassbox hash` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_SCHEMA`].
    pub schema: String,
    /// Files, sorted by path.
    pub files: Vec<HashEntry>,
}

impl Manifest {
    /// Hashes every regular file under `paths` (directories walked, `.git` skipped); paths in
    /// the manifest are relative to the directory given, or as given for files.
    pub fn from_paths(paths: &[PathBuf]) -> io::Result<Manifest> {
        Manifest::from_paths_with(paths, &Progress::default())
    }

    /// [`Manifest::from_paths`], reporting the bytes hashed to `progress`.
    pub fn from_paths_with(paths: &[PathBuf], progress: &Progress) -> io::Result<Manifest> {
        let mut todo: Vec<(PathBuf, String)> = Vec::new();
        for p in paths {
            if p.is_dir() {
                collect(p, p, &mut todo)?;
            } else {
                todo.push((p.clone(), p.display().to_string()));
            }
        }
        let results: Vec<io::Result<HashEntry>> = todo
            .par_iter()
            .map(|(p, shown)| {
                progress.working_on(&format!("hashing {shown}"));
                hash_file_with(p, progress)
                    .map(|(size, sha256)| HashEntry {
                        path: shown.clone(),
                        size,
                        sha256,
                    })
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))
            })
            .collect();
        let mut files = results.into_iter().collect::<io::Result<Vec<_>>>()?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Manifest {
            schema: MANIFEST_SCHEMA.into(),
            files,
        })
    }

    /// Parses a manifest.
    pub fn from_json(b: &[u8]) -> Result<Manifest, String> {
        let m: Manifest =
            serde_json::from_slice(b).map_err(|e| format!("not a glassbox manifest: {e}"))?;
        if m.schema != MANIFEST_SCHEMA {
            return Err(format!(
                "manifest schema is `{}`, expected `{MANIFEST_SCHEMA}`",
                m.schema
            ));
        }
        Ok(m)
    }

    /// Expected hashes from this manifest.
    pub fn expected(&self) -> Vec<Expected> {
        self.files
            .iter()
            .map(|f| Expected {
                path: f.path.clone(),
                sha256: f.sha256.clone(),
                size: Some(f.size),
                source: "manifest".into(),
            })
            .collect()
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let ft = e.file_type()?;
        let p = e.path();
        if ft.is_dir() {
            if e.file_name() != ".git" {
                collect(root, &p, out)?;
            }
        } else if ft.is_file() || (ft.is_symlink() && p.is_file()) {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((p, rel));
        }
    }
    Ok(())
}

/// A published hash for a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// Path it applies to.
    pub path: String,
    /// Hex SHA-256 (a `sha256:` prefix is accepted).
    pub sha256: String,
    /// Size when published.
    pub size: Option<u64>,
    /// Where it came from (`lfs-pointer`, `hub`, `manifest`).
    pub source: String,
}

impl Expected {
    /// From a Git LFS pointer for `path`.
    pub fn from_lfs(path: &str, p: &glassbox_core::LfsPointer) -> Expected {
        Expected {
            path: path.into(),
            sha256: p.oid.trim_start_matches("sha256:").into(),
            size: Some(p.size),
            source: "lfs-pointer".into(),
        }
    }
}

/// Outcome of checking one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum VerifyStatus {
    /// The hash matches a published one.
    Verified {
        /// Where the published hash came from.
        source: String,
    },
    /// The hash or size differs.
    Mismatched {
        /// Published hash.
        expected: String,
        /// Computed hash.
        actual: String,
        /// Where the published hash came from.
        source: String,
    },
    /// Nothing published to compare with.
    Unverifiable,
}

/// One file's verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyResult {
    /// Path.
    pub path: String,
    /// Outcome.
    #[serde(flatten)]
    pub status: VerifyStatus,
}

/// Compares computed hashes with published ones (matched by path).
pub fn verify(entries: &[HashEntry], expected: &[Expected]) -> Vec<VerifyResult> {
    entries
        .iter()
        .map(|e| {
            let status = match expected.iter().find(|x| x.path == e.path) {
                None => VerifyStatus::Unverifiable,
                Some(x) => {
                    let want = x.sha256.trim_start_matches("sha256:").to_ascii_lowercase();
                    if want == e.sha256 && x.size.is_none_or(|s| s == e.size) {
                        VerifyStatus::Verified {
                            source: x.source.clone(),
                        }
                    } else {
                        VerifyStatus::Mismatched {
                            expected: want,
                            actual: e.sha256.clone(),
                            source: x.source.clone(),
                        }
                    }
                }
            };
            VerifyResult {
                path: e.path.clone(),
                status,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn hashing_reports_the_file_size_announced_and_read() {
        struct Sum(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64);
        impl glassbox_core::progress::ByteProgress for Sum {
            fn expect(&self, b: u64) {
                self.0.fetch_add(b, std::sync::atomic::Ordering::Relaxed);
            }
            fn done(&self, b: u64) {
                self.1.fetch_add(b, std::sync::atomic::Ordering::Relaxed);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.bin");
        std::fs::write(&p, vec![7u8; 3 * CHUNK + 5]).unwrap();
        let sum = std::sync::Arc::new(Sum(Default::default(), Default::default()));
        let (size, _) = hash_file_with(&p, &Progress::new(sum.clone())).unwrap();
        let load = |a: &std::sync::atomic::AtomicU64| a.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!((load(&sum.0), load(&sum.1)), (size, size));
    }

    use super::*;

    #[test]
    fn known_digest_and_verification() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.bin");
        std::fs::write(&a, b"abc").unwrap();
        let (size, h) = hash_file(&a).unwrap();
        assert_eq!(size, 3);
        assert_eq!(
            h,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let big = d.path().join("big.bin");
        std::fs::write(&big, vec![7u8; CHUNK * 2 + 5]).unwrap();
        let m = Manifest::from_paths(&[d.path().to_path_buf()]).unwrap();
        assert_eq!(
            m.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(),
            ["a.bin", "big.bin"]
        );
        assert_eq!(m.files[1].size, (CHUNK * 2 + 5) as u64);
        let back = Manifest::from_json(serde_json::to_string(&m).unwrap().as_bytes()).unwrap();
        assert_eq!(back, m);
        let mut exp = m.expected();
        exp[1].sha256 = "00".repeat(32);
        let v = verify(&m.files, &exp);
        assert!(matches!(v[0].status, VerifyStatus::Verified { .. }));
        assert!(matches!(v[1].status, VerifyStatus::Mismatched { .. }));
        let lfs = glassbox_core::LfsPointer {
            oid: format!("sha256:{h}"),
            size: 3,
        };
        let v = verify(&m.files[..1], &[Expected::from_lfs("a.bin", &lfs)]);
        assert_eq!(
            v[0].status,
            VerifyStatus::Verified {
                source: "lfs-pointer".into()
            }
        );
        assert_eq!(
            verify(&m.files[..1], &[])[0].status,
            VerifyStatus::Unverifiable
        );
        assert!(Manifest::from_json(b"{\"schema\":\"x\",\"files\":[]}").is_err());
        let r = hash_files(&[a, d.path().join("missing")]);
        assert!(r[0].is_ok() && r[1].is_err());
    }
}
