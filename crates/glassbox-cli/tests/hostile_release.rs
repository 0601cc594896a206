//! The hostile-release corpus (issue #16): lying lengths, a 100 MB safetensors header, a GGUF
//! with 2^32 tensors, zip and tar bombs, archives nested 50 deep, 100,000 pickle MARKs, 2 GiB
//! sparse files, a YAML alias bomb, a 50 MB card, 200,001 files, symlink loops and escapes,
//! hostile file names, a hostile `.git` and an HF cache that points outside itself.
//!
//! Each case is generated afresh (tests/hostile/corpus.rs), then `glassbox audit` and
//! `glassbox scan` run on it as child processes under `ulimit -v` and a kill-on-timeout
//! (tests/hostile/mod.rs). Each run must end by itself with exit 0, 1 or 2, name the hostile
//! file in its report or error, and leave the release, its working folder and `TMPDIR` as they
//! were.

mod hostile;
mod spawn;

use std::path::Path;

use hostile::corpus::{self, Case};
use hostile::{snapshot, Sandbox};

/// Audits and scans the release `make` writes, checking the bounds and that every name in the
/// case appears in each run's output.
fn check(make: impl FnOnce(&Path) -> Case) -> Vec<(String, hostile::Run)> {
    let root = tempfile::tempdir().unwrap();
    let rel = root.path().join("release");
    std::fs::create_dir(&rel).unwrap();
    let case = make(&rel);
    let before = snapshot(&rel);
    let r = rel.to_str().unwrap();
    let mut runs = Vec::new();
    for args in [
        vec!["audit", r, "--format", "json", "--no-follow", "--offline"],
        vec!["scan", r, "--format", "json"],
    ] {
        let what = format!("{}: glassbox {}", case.name, args[0]);
        let sb = Sandbox::new();
        let run = sb.run(&args, &[]);
        run.assert_clean_end(&what);
        sb.assert_nothing_written(&what);
        assert!(before == snapshot(&rel), "{what}: the release changed");
        let all = run.all();
        let extra = if args[0] == "audit" {
            &case.audit_names[..]
        } else {
            &[]
        };
        for n in case.must_name.iter().chain(extra) {
            assert!(
                all.contains(n.as_str()),
                "{what}: output does not name `{n}` (exit {:?})\n{}",
                run.code,
                all.chars().take(3000).collect::<String>()
            );
        }
        eprintln!("{what}: exit {:?} in {:.1?}", run.code, run.elapsed);
        // HOSTILE_VERBOSE=1 shows the messages and errors of each run (with --nocapture).
        if std::env::var_os("HOSTILE_VERBOSE").is_some() {
            for l in all
                .lines()
                .filter(|l| {
                    l.contains("\"message\"") || l.contains("error") || l.contains("\"format\"")
                })
                .take(200)
            {
                eprintln!("  {}", l.trim().chars().take(300).collect::<String>());
            }
        }
        runs.push((args[0].to_string(), run));
    }
    runs
}

fn json(run: &hostile::Run) -> serde_json::Value {
    serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&run.stdout[..run.stdout.len().min(2000)])
        )
    })
}

#[test]
fn lying_lengths() {
    for (cmd, run) in check(corpus::lying_lengths) {
        let j = json(&run);
        if cmd == "audit" {
            let findings = j["findings"].to_string();
            for f in ["lying.safetensors", "lying.gguf", "lying.npy"] {
                assert!(findings.contains(f), "{f} has no finding: {findings}");
            }
        }
    }
}

#[test]
fn safetensors_header_of_100_mb() {
    check(corpus::big_header);
}

#[test]
fn gguf_with_2pow32_tensors() {
    for (_, run) in check(corpus::gguf_many_tensors) {
        assert!(json(&run).to_string().contains("model.gguf"));
    }
}

#[test]
fn zip_bombs() {
    for (cmd, run) in check(corpus::zip_bomb) {
        if cmd == "scan" {
            let s = json(&run).to_string();
            assert!(s.contains("zip-bomb"), "{s}");
        }
    }
}

#[test]
fn tar_bombs() {
    for (cmd, run) in check(corpus::tar_bomb) {
        if cmd == "scan" {
            let s = json(&run).to_string();
            assert!(s.contains("100000 tar members"), "{s}");
        }
    }
}

#[test]
fn archives_nested_50_deep() {
    for (cmd, run) in check(corpus::nested) {
        if cmd == "scan" {
            let s = json(&run).to_string();
            assert!(s.contains("nested deeper than"), "{s}");
        }
    }
}

#[test]
fn pickle_with_100k_marks() {
    for (_, run) in check(corpus::marks) {
        let s = json(&run).to_string();
        assert!(
            s.contains("posix.system"),
            "the call after the marks is found: {s}"
        );
    }
}

#[test]
fn sparse_files_of_2_gb() {
    check(corpus::sparse);
}

#[test]
fn yaml_alias_bomb() {
    for (cmd, run) in check(corpus::yaml_bomb) {
        if cmd == "audit" {
            let s = json(&run)["findings"].to_string();
            assert!(s.contains("README.md"), "{s}");
        }
    }
}

#[test]
fn card_of_50_mb() {
    check(corpus::big_card);
}

#[test]
fn two_hundred_thousand_files() {
    for (cmd, run) in check(corpus::many_files) {
        if cmd == "audit" {
            let s = json(&run)["findings"].to_string();
            assert!(s.contains("200000"), "the file limit is a finding: {s}");
        }
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_escapes() {
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path().to_path_buf();
    for (_, run) in check(|d| corpus::symlinks(d, &o)) {
        assert!(
            !run.all().contains("SECRET-7f3a"),
            "the content of a file outside the release was read into the report"
        );
    }
}

#[cfg(unix)]
#[test]
fn hostile_file_names() {
    let runs = check(corpus::hostile_names);
    for (_, run) in &runs {
        json(run);
    }
    // The text report is what reaches a terminal: no escape sequence, no bidi override.
    let root = tempfile::tempdir().unwrap();
    corpus::hostile_names(root.path());
    let sb = Sandbox::new();
    for args in [
        vec!["audit", root.path().to_str().unwrap(), "--offline"],
        vec!["scan", root.path().to_str().unwrap()],
    ] {
        let run = sb.run(&args, &[]);
        run.assert_clean_end(args[0]);
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(
            !out.contains('\x1b'),
            "{}: raw ESC in the text output",
            args[0]
        );
        assert!(!out.contains('\u{202E}'), "{}: raw RTL override", args[0]);
    }
}

#[test]
fn hostile_git_folder() {
    let canary_dir = tempfile::tempdir().unwrap();
    let canary = canary_dir.path().join("pwned");
    check(|d| corpus::hostile_git(d, &canary));
    assert!(
        !canary.exists(),
        "a command from the hostile .git/config ran"
    );
}

#[cfg(unix)]
#[test]
fn hf_cache_pointing_outside() {
    let root = tempfile::tempdir().unwrap();
    let cache = root.path().join("hub");
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    corpus::hf_cache(&cache, &outside);
    let before = snapshot(root.path());
    for (repo, expect) in [
        ("hf:org/evil", "ref does not hold a 40-hex commit"),
        ("hf:org/away", "outside"),
        ("hf:org/leak", "LICENSE"),
    ] {
        let sb = Sandbox::new();
        let run = sb.run(
            &["audit", repo, "--offline", "--format", "json"],
            &[("HF_HUB_CACHE", &cache)],
        );
        run.assert_clean_end(repo);
        sb.assert_nothing_written(repo);
        let all = run.all();
        assert!(all.contains(expect), "{repo}: {all}");
        assert!(
            !all.contains("SECRET-7f3a"),
            "{repo}: a file outside the cache was read: {all}"
        );
        assert!(before == snapshot(root.path()), "{repo}: the cache changed");
    }
}
