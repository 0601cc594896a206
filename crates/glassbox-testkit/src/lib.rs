//! Helpers shared by glassbox's tests. Not published; a dev-dependency only.
//!
//! Tests that read `../shared/data` find it through [`shared`]: on a developer's machine
//! without it they skip with a note, but under CI (`CI=true`, which `.ci/run` sets) a missing
//! folder fails the test, so that a misconfigured CI run cannot pass by skipping.
//!
//! ```
//! // `None` (with a note on stderr) only outside CI.
//! if let Some(root) = glassbox_testkit::shared("an example") {
//!     assert!(root.join("data").is_dir());
//! }
//! ```

#![warn(missing_docs)]

use std::path::PathBuf;

/// Whether the tests run under CI: `CI` set to anything but empty, `0` or `false`.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| flag(&v))
}

fn flag(v: &str) -> bool {
    !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false")
}

/// `$GLASSBOX_SHARED` (the folder holding `data/`), or `None` after a note on stderr that
/// `test` skips.
///
/// # Panics
///
/// Under CI ([`under_ci`]) when the variable is unset or its folder has no `data/`.
pub fn shared(test: &str) -> Option<PathBuf> {
    let root = std::env::var_os("GLASSBOX_SHARED")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let missing = match &root {
        None => "GLASSBOX_SHARED is unset".to_string(),
        Some(r) if !r.join("data").is_dir() => {
            format!("GLASSBOX_SHARED={} has no data/ folder", r.display())
        }
        Some(_) => return root,
    };
    if under_ci() {
        panic!("{missing}: {test} needs the shared data (CI must not skip it)");
    }
    eprintln!("{missing}: skipping {test}");
    None
}

/// A validator for the SARIF 2.1.0 schema in `$GLASSBOX_SHARED/data/spec`, or `None` where
/// [`shared`] skips.
pub fn sarif_validator() -> Option<jsonschema::Validator> {
    let root = shared("the SARIF schema validation")?;
    let path = root.join("data/spec/sarif/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("SARIF schema compiles"),
    )
}

/// A Chromium or Chrome on `PATH` (Debian's `chromium` first), or `None`.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `url` with a profile folder of its own and the flags that keep it
/// off the network (no background requests, no QUIC, no sync), plus `extra`.
pub fn headless_chromium(
    bin: &std::path::Path,
    profile: &std::path::Path,
    extra: &[&str],
    url: &str,
) -> std::process::Output {
    std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs")
}

#[cfg(test)]
mod tests {
    use super::flag;

    #[test]
    fn ci_is_read_as_a_flag() {
        assert!(flag("true") && flag("1") && flag("yes"));
        assert!(!flag("") && !flag("0") && !flag("FALSE"));
    }
}
