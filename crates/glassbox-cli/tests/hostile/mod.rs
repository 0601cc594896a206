//! Shared by the hostile-input tests: the corpus generator and a runner that starts `glassbox`
//! under a memory bound (`ulimit -v` in `sh -c`) and a time bound (killed when exceeded), with
//! its working folder, `HOME`, cache and `TMPDIR` pointed at fresh folders so that anything it
//! writes outside them is seen.

#![allow(dead_code)]

pub mod corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest a single `glassbox` run may take. Generous: CI machines are slow and shared, and the
/// bound exists to catch hangs and runaway loops, not to measure speed.
pub const TIME_BOUND: Duration = Duration::from_secs(60);
/// Virtual memory a single run may map, in KiB (2 GiB): a parser that allocates from a lying
/// length fails here instead of swapping the machine.
pub const MEMORY_KB: u64 = 2 << 20;

/// What a bounded run ended with.
pub struct Run {
    /// Exit code; `None` when killed by a signal (a crash, or the time bound).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error, lossily decoded.
    pub stderr: String,
    /// Wall time.
    pub elapsed: Duration,
    /// True when the time bound killed it.
    pub timed_out: bool,
}

impl Run {
    /// Standard output and error together, lossily decoded (for "names the file" checks).
    pub fn all(&self) -> String {
        format!("{}\n{}", String::from_utf8_lossy(&self.stdout), self.stderr)
    }

    /// Fails unless the run ended by itself, in time, with one of the documented exit codes
    /// (0 report, 1 findings at the fail level for `scan`, 2 error) and without a panic.
    pub fn assert_clean_end(&self, what: &str) {
        assert!(
            !self.timed_out,
            "{what}: still running after {TIME_BOUND:?}; killed"
        );
        assert!(
            matches!(self.code, Some(0..=2)),
            "{what}: ended with {:?} after {:?} (signal, crash or allocation failure under the {MEMORY_KB} KiB bound)\n{}",
            self.code,
            self.elapsed,
            tail(&self.stderr)
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("memory allocation"),
            "{what}: {}",
            tail(&self.stderr)
        );
    }
}

fn tail(s: &str) -> &str {
    let mut cut = s.len().saturating_sub(4000);
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    &s[cut..]
}

/// Fresh folders a run is confined to.
pub struct Sandbox {
    _dir: tempfile::TempDir,
    /// Working folder of the run.
    pub cwd: PathBuf,
    /// `HOME` and `XDG_CACHE_HOME` (glassbox's own cache may go here).
    pub home: PathBuf,
    /// `TMPDIR`.
    pub tmp: PathBuf,
    /// Where the runner keeps stdout and stderr.
    logs: PathBuf,
}

impl Sandbox {
    /// New, empty folders.
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let mk = |n: &str| {
            let p = dir.path().join(n);
            std::fs::create_dir(&p).unwrap();
            p
        };
        Sandbox {
            cwd: mk("cwd"),
            home: mk("home"),
            tmp: mk("tmp"),
            logs: mk("logs"),
            _dir: dir,
        }
    }

    /// Runs `glassbox ARGS` bounded, with `vars` set on top of the sandbox's.
    pub fn run(&self, args: &[&str], vars: &[(&str, &Path)]) -> Run {
        let out = self.logs.join("stdout");
        let err = self.logs.join("stderr");
        // `exec` keeps the pid, so a kill on timeout reaches glassbox itself.
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("ulimit -v {MEMORY_KB} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_glassbox"))
            .args(args)
            .current_dir(&self.cwd)
            .env("HOME", &self.home)
            .env("XDG_CACHE_HOME", self.home.join(".cache"))
            .env("HF_HUB_CACHE", self.home.join("hf"))
            .env("TMPDIR", &self.tmp)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap());
        for v in crate::spawn::OUTSIDE_VARS {
            cmd.env_remove(v);
        }
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let start = Instant::now();
        let mut child = cmd.spawn().expect("spawn sh");
        let mut timed_out = false;
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > TIME_BOUND {
                timed_out = true;
                let _ = child.kill();
                break child.wait().unwrap();
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Run {
            code: status.code(),
            stdout: std::fs::read(&out).unwrap_or_default(),
            stderr: String::from_utf8_lossy(&std::fs::read(&err).unwrap_or_default()).into_owned(),
            elapsed: start.elapsed(),
            timed_out,
        }
    }

    /// Fails if the run left anything in its working folder or `TMPDIR`.
    pub fn assert_nothing_written(&self, what: &str) {
        for d in [&self.cwd, &self.tmp] {
            let left: Vec<_> = std::fs::read_dir(d)
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .collect();
            assert!(
                left.is_empty(),
                "{what}: wrote {left:?} into {}",
                d.display()
            );
        }
    }
}

/// Every entry under `root` (symlinks not followed) with its kind, size and modification time:
/// compared before and after a run to show the release was not written to.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, (String, u64, Option<std::time::SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            let Ok(m) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            let kind = if m.file_type().is_symlink() {
                "link"
            } else if m.is_dir() {
                stack.push(p.clone());
                "dir"
            } else {
                "file"
            };
            out.insert(p, (kind.to_string(), m.len(), m.modified().ok()));
        }
    }
    out
}
