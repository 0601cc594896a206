//! The catalog's pages in headless Chromium (Debian's `chromium`): the list, a release, a
//! comparison and the submit form with a token, a screenshot that is not blank, and a hostile
//! card whose markup stays text. Skips, saying so, when Chromium is not installed.

mod catalog;
use glassbox_testkit as common;
mod spawn;

use std::io::Read;
use std::path::{Path, PathBuf};

use catalog::{finished, get_json, submit, TOKEN};

/// Headless Chromium on a URL, kept off the network but for the given loopback server, with a
/// fresh profile under `profiles` each time (a profile still locked by the previous run would
/// stop this one).
fn headless(bin: &Path, profiles: &Path, extra: &[&str], url: &str) -> std::process::Output {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let profile = profiles.join(format!("profile-{n}"));
    let mut flags = vec!["--no-proxy-server"];
    flags.extend_from_slice(extra);
    glassbox_testkit::headless_chromium(bin, &profile, &flags, url)
}

fn dom(bin: &Path, profile: &Path, url: &str) -> String {
    let out = headless(
        bin,
        profile,
        &["--dump-dom", "--virtual-time-budget=5000"],
        url,
    );
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        dom.contains("</html>"),
        "{url}: no DOM: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

/// The distinct byte values of a PNG's image data once inflated: a blank page has a handful.
fn png_variety(png: &[u8]) -> usize {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let mut idat = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        if kind == b"IDAT" {
            idat.extend_from_slice(&png[at + 8..at + 8 + len]);
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("PNG data inflates");
    let mut seen = [false; 256];
    raw.iter().for_each(|&b| seen[b as usize] = true);
    seen.iter().filter(|s| **s).count()
}

const HOSTILE_CARD: &str =
    "---\nlicense: other\nlicense_name: \"<script>document.title='pwned'</script>\"\nmodel_name: \"<script>document.title='pwned'</script>\"\n---\n\
# <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">\n\n\
Weights for <b>bold</b> claims. <iframe src=\"https://example.invalid\"></iframe>\n";

#[test]
fn pages_in_chromium_list_release_compare_submit() {
    let Some(bin) = glassbox_testkit::chromium() else {
        eprintln!("chromium not installed: skipping pages_in_chromium_list_release_compare_submit");
        return;
    };
    let hub = catalog::hub_with(3);
    let mut files = common::fixture_files();
    files.retain(|(p, _)| p != "README.md");
    files.push(("README.md".into(), HOSTILE_CARD.as_bytes().to_vec()));
    hub.add_model("org/hostile", common::mock_hub::MockRepo::new(files));
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db").to_string_lossy().to_string();
    let srv = catalog::serve(
        &["--database", &db, "--workers", "2"],
        &hub.endpoint,
        home.path(),
    );
    let base = srv.base.clone();
    for t in ["hf:org/m0", "hf:org/m1", "hf:org/hostile"] {
        let (_, q) = submit(&base, t);
        let v = finished(&base, q["id"].as_str().unwrap(), &srv.log);
        assert_eq!(v["status"], "done", "{v}");
    }
    let profile = home.path().join("profile");

    // The list: three releases, sortable and filterable by links and forms, no script.
    let list = dom(&bin, &profile, &format!("{base}/"));
    assert!(list.contains("id=\"releases\""), "{list}");
    assert!(list.contains("3 releases"), "{list}");
    for r in ["org--m0", "org--m1", "org--hostile"] {
        assert!(
            list.contains(&format!("href=\"/releases/{r}\"")),
            "{r} not listed"
        );
    }
    assert!(list.contains("id=\"sort-category\""));
    assert!(list.contains("name=\"tier\""));
    let filtered = dom(&bin, &profile, &format!("{base}/?q=hostile"));
    assert!(filtered.contains("1 release<"), "{filtered}");
    let sorted = dom(&bin, &profile, &format!("{base}/?sort=release&order=desc"));
    let (a, b) = (
        sorted.find("org--m1").unwrap(),
        sorted.find("org--m0").unwrap(),
    );
    assert!(a < b, "descending order");

    // A release: its report, badge and history; the hostile card is text.
    let page = dom(&bin, &profile, &format!("{base}/releases/org--hostile"));
    assert!(page.contains("id=\"history\""), "{page}");
    assert!(page.contains("<svg"), "badge inline");
    assert!(page.contains("Model parameters"));
    let (_, _, json) = catalog::get(&format!("{base}/api/v1/releases/org--hostile/report"), None);
    let near: Vec<&str> = json
        .match_indices("script>")
        .map(|(i, _)| &json[i.saturating_sub(80)..(i + 40).min(json.len())])
        .collect();
    assert!(
        page.contains("&lt;script&gt;"),
        "the card's markup is shown as text; in the report: {near:?}"
    );
    for tag in ["<script", "<iframe", "<img"] {
        assert!(!page.contains(tag), "{tag} in the live DOM");
    }
    assert!(
        !page.contains("<title>pwned</title>"),
        "injected script ran"
    );
    let list = dom(&bin, &profile, &format!("{base}/?q=org"));
    assert!(!list.contains("<script") && !list.contains("pwned</title>"));

    // The comparison the CLI renders, side by side.
    let cmp = dom(
        &bin,
        &profile,
        &format!("{base}/compare?r=org--m0&r=org--hostile"),
    );
    assert!(
        cmp.contains("<th scope=\"row\">Training code</th>"),
        "{cmp}"
    );
    assert!(!cmp.contains("<script"));

    // Submit with a token through the form (a local page posts it, as a person would), and
    // with a wrong one.
    for (token, target) in [("wrong", "hf:org/m1"), (TOKEN, "hf:org/m2")] {
        let post = home.path().join(format!("post-{token}.html"));
        std::fs::write(
            &post,
            format!(
                "<!DOCTYPE html><html><body><form method=\"post\" action=\"{base}/submit\">\
<input name=\"target\" value=\"{target}\"><input name=\"token\" value=\"{token}\"></form>\
<script>document.forms[0].submit()</script></body></html>"
            ),
        )
        .unwrap();
        let res = dom(&bin, &profile, &format!("file://{}", post.display()));
        if token == TOKEN {
            assert!(res.contains("id=\"status\">queued<"), "{res}");
        } else {
            assert!(res.contains("id=\"error\""), "{res}");
        }
    }
    let form = dom(&bin, &profile, &format!("{base}/submit"));
    assert!(form.contains("id=\"token\"") && form.contains("type=\"password\""));
    let (_, listed) = get_json(&format!("{base}/api/v1/releases?q=m2"), None);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut listed = listed;
    while listed["total"] != 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
        listed = get_json(&format!("{base}/api/v1/releases?q=m2"), None).1;
    }
    assert_eq!(
        listed["total"],
        1,
        "the form's submission was audited: {listed}\n{}",
        srv.log.lock().unwrap()
    );

    // A screenshot of the catalog with something on it, unlike a blank page.
    let shots = std::env::var_os("GLASSBOX_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.path().to_path_buf());
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("catalog.png");
    let blank_png = home.path().join("blank.png");
    let blank_file = home.path().join("blank.html");
    std::fs::write(&blank_file, "<!DOCTYPE html><html><body></body></html>").unwrap();
    for (url, file) in [
        (format!("{base}/"), &png),
        (format!("file://{}", blank_file.display()), &blank_png),
    ] {
        let shot = format!("--screenshot={}", file.display());
        let out = headless(
            &bin,
            &profile,
            &[&shot, "--window-size=1280,900", "--hide-scrollbars"],
            &url,
        );
        assert!(
            file.is_file(),
            "no screenshot: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let page = png_variety(&std::fs::read(&png).unwrap());
    let blank = png_variety(&std::fs::read(&blank_png).unwrap());
    assert!(
        page > 16 && page > blank * 2,
        "blank-looking screenshot: {page} vs {blank}"
    );
}
