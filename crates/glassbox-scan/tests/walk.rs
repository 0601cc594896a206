//! Walking a folder: symlinks that leave it or do not resolve are reported, never followed.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use glassbox_scan::{scan_paths, ScanOptions};

/// Found by the hostile-release corpus (#16): `scan DIR` followed a file symlink out of `DIR`
/// and passed over dangling and looping links in silence.
#[test]
fn links_out_of_the_folder_and_broken_links_are_findings() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("release");
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("evil.pkl"), b"cposix\nsystem\n(S'x'\ntR.").unwrap();
    std::fs::write(dir.join("inside.bin"), b"plain bytes").unwrap();
    symlink("inside.bin", dir.join("alias.bin")).unwrap();
    symlink(outside.join("evil.pkl"), dir.join("out.pkl")).unwrap();
    symlink("b.bin", dir.join("a.bin")).unwrap();
    symlink("a.bin", dir.join("b.bin")).unwrap();
    symlink("missing", dir.join("gone.pkl")).unwrap();

    let r = scan_paths(std::slice::from_ref(&dir), &ScanOptions::default());
    let kind = |name: &str| -> Option<String> {
        let f = r.files.iter().find(|f| f.path.ends_with(name))?;
        Some(
            f.findings
                .first()
                .map(|x| x.kind.to_string())
                .unwrap_or_else(|| f.format.clone()),
        )
    };
    assert_eq!(kind("out.pkl").as_deref(), Some("symlink-outside"));
    for n in ["a.bin", "b.bin", "gone.pkl"] {
        assert_eq!(kind(n).as_deref(), Some("broken-symlink"), "{n}");
    }
    // A link inside the folder is followed and scanned like the file itself.
    assert_eq!(kind("alias.bin"), kind("inside.bin"));
    // The pickle outside was never read: no finding names what it imports.
    assert!(!serde_json::to_string(&r).unwrap().contains("posix"));
}
