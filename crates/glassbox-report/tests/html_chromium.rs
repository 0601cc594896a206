//! The HTML report in a real browser: headless Chromium (Debian's `chromium`) loads the page
//! and dumps the DOM after layout and any script would have run. The six rows and the category
//! must be there, and text injected through the card must not have run (the page title and body
//! stay as rendered). Skips, saying so, when Chromium is not installed.

mod common;

use std::path::{Path, PathBuf};

/// Headless Chromium on a local file.
fn headless(bin: &Path, profile: &Path, extra: &[&str], file: &Path) -> std::process::Output {
    glassbox_testkit::headless_chromium(bin, profile, extra, &format!("file://{}", file.display()))
}

#[test]
fn chromium_renders_the_report_and_runs_no_injected_script() {
    let Some(bin) = glassbox_testkit::chromium() else {
        eprintln!("chromium not installed: skipping chromium_renders_the_report_and_runs_no_injected_script");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut reports = vec![
        ("hostile", glassbox_report::sample::hostile()),
        ("hub", glassbox_report::sample::open_weights_hub()),
    ];
    if common::shared("chromium test of the bundled examples").is_some() {
        reports.push(("open-source", common::example("open-source")));
    }
    for (name, report) in reports {
        let html = glassbox_report::html::render(&report);
        let file = dir.path().join(format!("{name}.html"));
        std::fs::write(&file, &html).unwrap();
        let out = headless(&bin, &dir.path().join("profile"), &["--dump-dom"], &file);
        let dom = String::from_utf8_lossy(&out.stdout);
        assert!(
            dom.contains("</html>"),
            "{name}: no DOM from chromium: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for row in [
            "Model parameters",
            "Training code",
            "Training dataset",
            "Full reproducibility",
            "Transparency",
            "Auditability",
        ] {
            assert!(
                dom.contains(&format!("<th scope=\"row\">{row}</th>")),
                "{name}: row {row} missing"
            );
        }
        let cat = report.verdicts.seed.category.as_str();
        assert!(
            dom.contains(&format!("id=\"category\">{cat}</span>")),
            "{name}: category {cat} missing"
        );
        // No element came from the release's text: the only scripts/iframes/imgs are none.
        for tag in ["<script", "<iframe", "<img"] {
            assert!(!dom.contains(tag), "{name}: {tag} in the live DOM");
        }
        // The hostile sample's scripts would have rewritten the title.
        assert!(
            !dom.contains("<title>pwned</title>"),
            "{name}: injected script ran"
        );
        assert!(
            dom.contains("<title>glassbox: "),
            "{name}: the page title was changed"
        );
        if name == "hostile" {
            assert!(
                dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
                "{name}: the card text is shown as text"
            );
        }
    }
}

#[test]
fn chromium_renders_the_comparison() {
    let Some(bin) = glassbox_testkit::chromium() else {
        eprintln!("chromium not installed: skipping chromium_renders_the_comparison");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let reports = glassbox_report::sample::all();
    let file = dir.path().join("compare.html");
    std::fs::write(&file, glassbox_report::compare::html(&reports)).unwrap();
    let out = headless(&bin, &dir.path().join("profile"), &["--dump-dom"], &file);
    let dom = String::from_utf8_lossy(&out.stdout);
    for row in [
        "Category",
        "Model parameters",
        "Training code",
        "Training dataset",
        "Full reproducibility",
        "Transparency",
        "Auditability",
        "OSI Open Source AI Definition 1.0",
    ] {
        assert!(
            dom.contains(&format!("<th scope=\"row\">{row}</th>")),
            "row {row} missing"
        );
    }
    for r in &reports {
        let cat = r.verdicts.seed.category.as_str();
        assert!(dom.contains(&format!(">{cat}</span>")), "{cat} missing");
    }
    assert!(!dom.contains("<script"));
    assert!(!dom.contains("<title>pwned</title>"));
}

#[test]
fn chromium_screenshots_phone_and_desktop() {
    let Some(bin) = glassbox_testkit::chromium() else {
        eprintln!("chromium not installed: skipping chromium_screenshots_phone_and_desktop");
        return;
    };
    // Screenshots go to GLASSBOX_SCREENSHOTS when set (for a person to look at), else a temp dir.
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = std::env::var_os("GLASSBOX_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&out_dir).unwrap();
    let file = tmp.path().join("report.html");
    std::fs::write(
        &file,
        glassbox_report::html::render(&glassbox_report::sample::open_weights_hub()),
    )
    .unwrap();
    for (label, size) in [("phone", "390,844"), ("desktop", "1280,900")] {
        let png = out_dir.join(format!("report-{label}.png"));
        let shot = format!("--screenshot={}", png.display());
        let win = format!("--window-size={size}");
        let out = headless(
            &bin,
            &tmp.path().join("profile"),
            &[&shot, &win, "--hide-scrollbars"],
            &file,
        );
        let bytes = std::fs::read(&png)
            .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
        assert!(bytes.starts_with(b"\x89PNG"), "{label}: not a PNG");
        assert!(
            bytes.len() > 10_000,
            "{label}: suspiciously small screenshot"
        );
    }
}
