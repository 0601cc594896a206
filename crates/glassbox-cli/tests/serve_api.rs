//! The catalog's HTTP contract (issue 13), against a real `glassbox serve` on 127.0.0.1 with the
//! mock Hub as the source: on SQLite in a temporary folder, and on PostgreSQL when
//! `GLASSBOX_TEST_POSTGRES` names a server (`.ci/run` starts one).

mod catalog;
use glassbox_testkit as common;
mod spawn;

use catalog::{finished, get, get_json, post, submit, TOKEN};
use common::mock_hub::Fault;

/// Every endpoint of the contract on one database.
fn contract(database: &str, home: &std::path::Path) {
    let hub = catalog::hub_with(2);
    hub.add_model("org/private", catalog::repo("p").with(Fault::Private));
    hub.add_model(
        "org/flaky",
        catalog::repo("f").with(Fault::Flaky { times: 12 }),
    );
    let allowed = home.join("allowed");
    let local = allowed.join("tiny");
    common::write_folder(&local, &common::fixture_files());
    let outside = home.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let allow = allowed.to_string_lossy().to_string();
    let srv = catalog::serve(
        &[
            "--database",
            database,
            "--workers",
            "2",
            "--allow-local",
            &allow,
        ],
        &hub.endpoint,
        home,
    );
    let base = &srv.base;

    let (status, health) = get_json(&format!("{base}/healthz"), None);
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));

    // Writes need the token.
    let body = r#"{"target": "hf:org/m0"}"#;
    let url = format!("{base}/api/v1/audits");
    assert_eq!(post(&url, body, None).0, 401);
    assert_eq!(post(&url, body, Some("wrong")).0, 401);

    // Targets that are not allowed.
    for bad in [
        "file:///etc/passwd".to_string(),
        "https://127.0.0.1/org/repo.git".into(),
        "https://192.168.1.5/org/repo.git".into(),
        "https://localhost/org/repo.git".into(),
        "http://github.com/org/repo.git".into(),
        "hf:not-an-id".into(),
        "hf:org/../x".into(),
        "/etc".into(),
        outside.to_string_lossy().to_string(),
        format!("{}/../../outside", local.display()),
        "x".repeat(600),
    ] {
        let (status, v) = submit(base, &bad);
        assert_eq!(status, 400, "{bad}: {v}");
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
    }
    let (status, v) = post(&url, "not json", Some(TOKEN));
    assert_eq!(status, 400, "{v}");
    let big = format!("{{\"target\": \"{}\"}}", "a".repeat(20_000));
    match catalog::post_status(&url, &big, TOKEN) {
        Ok(status) => assert_eq!(status, 413, "bodies are bounded"),
        // Refused before it was read: the connection closes under the sender.
        Err(e) => assert!(e.contains("isconnect") || e.contains("reset"), "{e}"),
    }

    // A Hub target is queued, audited once, and a second request returns the same audit.
    let (status, q) = submit(base, "hf:org/m0");
    assert_eq!(status, 202, "{q}");
    assert_eq!(q["status"], "queued");
    let id = q["id"].as_str().unwrap().to_string();
    let (status, again) = submit(base, "hf:org/m0");
    assert!(status == 200 || status == 202, "{again}");
    assert_eq!(again["id"].as_str(), Some(id.as_str()));
    let done = finished(base, &id, &srv.log);
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["target"], "hf:org/m0");
    let release = done["release"].as_str().unwrap().to_string();
    assert_eq!(release, "org--m0");
    let sha = hub.sha("models", "org/m0");
    assert_eq!(done["revision"].as_str(), Some(sha.as_str()));

    // The same release at the same revision, named differently, is not audited again.
    let (status, pinned) = submit(base, &format!("hf:org/m0@{sha}"));
    assert_eq!(status, 202, "{pinned}");
    let pinned = finished(base, pinned["id"].as_str().unwrap(), &srv.log);
    assert_eq!(pinned["status"], "done", "{pinned}");
    assert_eq!(pinned["revision"].as_str(), Some(sha.as_str()));

    // A local folder inside --allow-local.
    let (status, lq) = submit(base, &local.to_string_lossy());
    assert_eq!(status, 202, "{lq}");
    let ldone = finished(base, lq["id"].as_str().unwrap(), &srv.log);
    assert_eq!(ldone["status"], "done", "{ldone}");

    // A failure is stored with its message; a 5xx streak is retried until it passes.
    let (_, pq) = submit(base, "hf:org/private");
    let (_, fq) = submit(base, "hf:org/flaky");
    let failed = finished(base, pq["id"].as_str().unwrap(), &srv.log);
    assert_eq!(failed["status"], "failed", "{failed}");
    assert!(
        failed["error"]
            .as_str()
            .is_some_and(|e| e.contains("org/private")),
        "{failed}"
    );
    let flaky = finished(base, fq["id"].as_str().unwrap(), &srv.log);
    assert_eq!(
        flaky["status"],
        "done",
        "{flaky}\n{}",
        srv.log.lock().unwrap()
    );

    // The list, its search and filters.
    let (status, list) = get_json(&format!("{base}/api/v1/releases"), None);
    assert_eq!(status, 200);
    assert_eq!(list["total"], 3, "{list}");
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["release"] == "org--m0")
        .expect("org--m0 listed")
        .clone();
    for key in [
        "release",
        "target",
        "revision",
        "category",
        "mof_class",
        "osaid",
        "licenses",
        "audited_at",
    ] {
        assert!(!item[key].is_null(), "{key} missing: {item}");
    }
    assert_eq!(
        item["licenses"],
        serde_json::json!(["Apache-2.0"]),
        "{item}"
    );
    let category = item["category"].as_str().unwrap().to_string();
    let (_, found) = get_json(&format!("{base}/api/v1/releases?q=M0"), None);
    assert_eq!(found["total"], 1, "{found}");
    let (_, none) = get_json(&format!("{base}/api/v1/releases?q=nothing-like-this"), None);
    assert_eq!(none["total"], 0);
    let (_, by_cat) = get_json(&format!("{base}/api/v1/releases?category={category}"), None);
    assert_eq!(by_cat["total"], 3, "{by_cat}");
    let (_, other) = get_json(&format!("{base}/api/v1/releases?category=closed"), None);
    assert_eq!(other["total"], 0, "{other}");
    let (_, page2) = get_json(&format!("{base}/api/v1/releases?per_page=2&page=2"), None);
    assert_eq!(page2["items"].as_array().unwrap().len(), 1, "{page2}");
    assert_eq!(page2["total"], 3);
    // Keyset paging: `next` leads through every release once, then is absent.
    let first = format!("{base}/api/v1/releases?per_page=1&sort=audited_at&order=desc");
    let (mut url, mut seen) = (first.clone(), Vec::new());
    loop {
        let (status, p) = get_json(&url, None);
        assert_eq!((status, &p["total"]), (200, &serde_json::json!(3)), "{p}");
        for i in p["items"].as_array().unwrap() {
            seen.push(i["release"].as_str().unwrap().to_string());
        }
        match p["next"].as_str() {
            Some(c) => url = format!("{first}&cursor={c}"),
            None => break,
        }
        assert!(seen.len() <= 3, "the walk does not end: {seen:?}");
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "{seen:?}");
    let (status, v) = get_json(&format!("{base}/api/v1/releases?cursor=zz"), None);
    assert_eq!(status, 400, "{v}");
    // The catalog page's "next" link carries the cursor, and it leads to the second release.
    let (_, _, html) = get(&format!("{base}/?per_page=1"), None);
    let href = html
        .split("id=\"next\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("no next link: {html}"))
        .replace("&amp;", "&");
    assert!(href.contains("cursor="), "{href}");
    let (status, _, second) = get(&format!("{base}{href}"), None);
    assert_eq!(status, 200);
    assert!(second.contains("page 2 of 3"), "{second}");
    assert!(second.contains("id=\"prev\""), "{second}");
    let (status, _, _) = get(
        &format!("{base}/api/v1/releases?q={}", "q".repeat(300)),
        None,
    );
    assert_eq!(status, 400);

    // The report in every format, from the stored JSON.
    let report_url = format!("{base}/api/v1/releases/{release}/report");
    let (status, json) = get_json(&report_url, None);
    assert_eq!(status, 200);
    assert_eq!(json["schema"], "glassbox/report/v1");
    assert_eq!(json["target"]["revision"].as_str(), Some(sha.as_str()));
    for (format, needle) in [
        ("html", "<!DOCTYPE html>"),
        ("markdown", "# "),
        ("sarif", "\"version\": \"2.1.0\""),
        ("cyclonedx", "CycloneDX"),
        ("spdx", "spdx"),
        ("mof", "framework"),
    ] {
        let (status, _, body) = get(&format!("{report_url}?format={format}"), None);
        assert_eq!(status, 200, "{format}");
        assert!(
            body.contains(needle),
            "{format}: {}",
            &body[..body.len().min(300)]
        );
    }
    assert_eq!(get(&format!("{report_url}?format=exe"), None).0, 400);
    assert_eq!(
        get(&format!("{base}/api/v1/releases/nope/report"), None).0,
        404
    );

    // History and refresh: an unchanged revision adds nothing; a new commit is audited and
    // its changes listed.
    let hist_url = format!("{base}/api/v1/releases/{release}/history");
    let (_, hist) = get_json(&hist_url, None);
    assert_eq!(hist.as_array().unwrap().len(), 1, "{hist}");
    let refresh_url = format!("{base}/api/v1/releases/{release}/refresh");
    assert_eq!(post(&refresh_url, "", None).0, 401);
    let (status, r) = post(&refresh_url, "", Some(TOKEN));
    assert_eq!(status, 202, "{r}");
    finished(base, r["id"].as_str().unwrap(), &srv.log);
    let (_, hist) = get_json(&hist_url, None);
    assert_eq!(
        hist.as_array().unwrap().len(),
        1,
        "unchanged revision: {hist}"
    );
    let mut files = common::fixture_files();
    files.push(("id.txt".into(), b"m0".to_vec()));
    files.push(("CHANGELOG.md".into(), b"# v2\n".to_vec()));
    hub.add_model("org/m0", common::mock_hub::MockRepo::new(files));
    let (_, r) = post(&refresh_url, "", Some(TOKEN));
    let refreshed = finished(base, r["id"].as_str().unwrap(), &srv.log);
    assert_eq!(refreshed["status"], "done", "{refreshed}");
    let (_, hist) = get_json(&hist_url, None);
    let hist = hist.as_array().unwrap();
    assert_eq!(hist.len(), 2, "{hist:?}");
    assert_eq!(
        hist[1]["revision"].as_str(),
        Some(hub.sha("models", "org/m0").as_str())
    );
    assert_eq!(
        hist[1]["changes"]["files_added"],
        serde_json::json!(["CHANGELOG.md"])
    );

    // Badge and unknown ids.
    let (status, ctype, svg) = get(&format!("{base}/badge/{release}.svg"), None);
    assert_eq!((status, ctype.as_str()), (200, "image/svg+xml"));
    assert!(svg.starts_with("<svg") && svg.contains("glassbox"), "{svg}");
    assert_eq!(get(&format!("{base}/badge/nope.svg"), None).0, 404);
    assert_eq!(get(&format!("{base}/api/v1/audits/nope"), None).0, 404);
    // The OpenAPI document names every endpoint and the audit's fields.
    let (status, doc) = get_json(&format!("{base}/api/v1/openapi.json"), None);
    assert_eq!(status, 200);
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    for path in [
        "/api/v1/audits",
        "/api/v1/audits/{id}",
        "/api/v1/releases",
        "/api/v1/releases/{release}/report",
        "/api/v1/releases/{release}/history",
        "/api/v1/releases/{release}/refresh",
        "/badge/{file}",
        "/healthz",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    let audit_props = &doc["components"]["schemas"]["Audit"]["properties"];
    for field in ["id", "target", "status", "error", "release", "revision"] {
        assert!(
            audit_props[field].is_object(),
            "Audit.{field}: {audit_props}"
        );
    }
    assert!(doc["paths"]["/api/v1/audits"]["post"]["security"].is_array());
    assert!(
        doc["components"]["schemas"]["ReleasePage"]["properties"]["next"].is_object(),
        "ReleasePage.next"
    );
    let params = doc["paths"]["/api/v1/releases"]["get"]["parameters"].to_string();
    assert!(params.contains("\"cursor\""), "{params}");
    let long = format!("{base}/api/v1/releases?q={}", "a".repeat(5000));
    assert_eq!(get(&long, None).0, 414);
}

#[test]
fn the_contract_on_sqlite() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("catalog.db");
    contract(&db.to_string_lossy(), home.path());
    assert!(db.is_file());
}

#[test]
fn the_contract_on_postgres() {
    let Some(url) = catalog::postgres("the_contract_on_postgres") else {
        return;
    };
    let db = catalog::fresh_postgres(&url, "glassbox_contract");
    let home = tempfile::tempdir().unwrap();
    contract(&db, home.path());
}

/// A private catalog wants the token for reads; writes are limited per token; a first start
/// without a token makes one, prints it once and keeps only its hash.
#[test]
fn private_reads_rate_limits_and_the_first_token() {
    let hub = catalog::hub_with(1);
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("p.db");
    let db = db.to_string_lossy().to_string();
    let srv = catalog::serve(
        &[
            "--database",
            &db,
            "--workers",
            "0",
            "--private",
            "--writes-per-minute",
            "2",
        ],
        &hub.endpoint,
        home.path(),
    );
    let list = format!("{}/api/v1/releases", srv.base);
    assert_eq!(get(&list, None).0, 401);
    assert_eq!(get(&list, Some(TOKEN)).0, 200);
    assert_eq!(get(&format!("{}/healthz", srv.base), None).0, 200);
    let statuses: Vec<u16> = ["hf:org/a", "hf:org/b", "hf:org/c"]
        .iter()
        .map(|t| submit(&srv.base, t).0)
        .collect();
    assert_eq!(statuses, [202, 202, 429]);
    drop(srv);

    // No token given: one is made and printed once.
    let fresh = home.path().join("fresh.db");
    let fresh = fresh.to_string_lossy().to_string();
    let srv = serve_without_token(&fresh, &hub.endpoint, home.path());
    let printed = srv.log.lock().unwrap().clone();
    let token = printed
        .lines()
        .find_map(|l| l.strip_prefix("glassbox: write token (shown once, keep it): "))
        .expect("the new token is printed")
        .to_string();
    let body = r#"{"target":"hf:org/m0"}"#;
    assert_eq!(
        post(&format!("{}/api/v1/audits", srv.base), body, Some(&token)).0,
        202
    );
    drop(srv);
    for file in [fresh.clone(), format!("{fresh}-wal")] {
        let stored = std::fs::read(&file).unwrap_or_default();
        assert!(
            !stored.windows(token.len()).any(|w| w == token.as_bytes()),
            "the token itself is not stored in {file}"
        );
    }
    let srv = serve_without_token(&fresh, &hub.endpoint, home.path());
    assert!(
        !srv.log.lock().unwrap().contains("write token"),
        "printed once only"
    );
    let (status, v) = post(&format!("{}/api/v1/audits", srv.base), body, Some(&token));
    assert!(
        status == 200 || status == 202,
        "the token works after a restart: {v}"
    );
}

fn serve_without_token(db: &str, hub: &str, home: &std::path::Path) -> catalog::Proc {
    // An empty GLASSBOX_SERVER_TOKEN is no token.
    catalog::serve_with_env(
        &["--database", db, "--workers", "0"],
        hub,
        home,
        &[("GLASSBOX_SERVER_TOKEN", "")],
    )
}

/// Polls `cond` until it holds, failing with `what` and the server's log after a generous
/// bound (a bound on a lost event, not a timing).
fn wait_for(what: &str, srv: &catalog::Proc, mut cond: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    while !cond() {
        assert!(
            std::time::Instant::now() < deadline,
            "{what}\n{}",
            srv.log.lock().unwrap()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// `serve --refresh-every`: the catalog asks the Hub about every release on its own, audits a
/// release whose revision changed (its history gains an entry) and leaves an unchanged one be.
#[test]
fn refresh_every_reaudits_changed_revisions_only() {
    let hub = catalog::hub_with(2);
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("refresh.db").to_string_lossy().to_string();
    let srv = catalog::serve(
        &["--database", &db, "--workers", "1", "--refresh-every", "1s"],
        &hub.endpoint,
        home.path(),
    );
    for target in ["hf:org/m0", "hf:org/m1"] {
        let (status, q) = submit(&srv.base, target);
        assert_eq!(status, 202, "{q}");
        let done = finished(&srv.base, q["id"].as_str().unwrap(), &srv.log);
        assert_eq!(done["status"], "done", "{done}");
    }
    let history = |release: &str| -> Vec<serde_json::Value> {
        let url = format!("{}/api/v1/releases/{release}/history", srv.base);
        get_json(&url, None).1.as_array().unwrap().clone()
    };
    let files_of_m1 = hub.requests_matching("/org/m1/resolve/");

    // Two refresh rounds for the unchanged releases: the Hub is asked for their commit (one
    // worker: the second question means the first refresh audit is over), nothing is audited.
    let asked = hub.requests_matching("/api/models/org/m1");
    wait_for("the refresh never asked the Hub again", &srv, || {
        hub.requests_matching("/api/models/org/m1") >= asked + 2
    });
    assert_eq!(history("org--m0").len(), 1);
    assert_eq!(history("org--m1").len(), 1);
    assert_eq!(
        hub.requests_matching("/org/m1/resolve/"),
        files_of_m1,
        "an unchanged revision is not audited again"
    );

    // A new commit of org/m0 is audited without anyone asking.
    let mut files = common::fixture_files();
    files.push(("id.txt".into(), b"m0".to_vec()));
    files.push(("CHANGELOG.md".into(), b"# v2\n".to_vec()));
    hub.add_model("org/m0", common::mock_hub::MockRepo::new(files));
    let new_sha = hub.sha("models", "org/m0");
    wait_for("the changed release was not re-audited", &srv, || {
        history("org--m0").len() == 2
    });
    let hist = history("org--m0");
    assert_eq!(hist[1]["revision"].as_str(), Some(new_sha.as_str()));
    assert_eq!(
        hist[1]["changes"]["files_added"],
        serde_json::json!(["CHANGELOG.md"])
    );
    let (_, list) = get_json(&format!("{}/api/v1/releases?q=org--m0", srv.base), None);
    assert_eq!(
        list["items"][0]["revision"].as_str(),
        Some(new_sha.as_str())
    );
    // Further rounds leave both alone.
    let asked = hub.requests_matching("/api/models/org/m0");
    wait_for("the refresh stopped", &srv, || {
        hub.requests_matching("/api/models/org/m0") >= asked + 2
    });
    assert_eq!(history("org--m0").len(), 2);
    assert_eq!(history("org--m1").len(), 1);
    assert_eq!(hub.requests_matching("/org/m1/resolve/"), files_of_m1);
}

/// A refresh of a git target asks the remote for `HEAD` first (its ref advertisement, no
/// fetch): an unchanged `HEAD` is neither cloned nor audited again, a new commit is. The
/// catalog admits public `https://` hosts only, so the release of the test's loopback git server
/// is put in the catalog as an earlier audit would have left it (`store_report`, before the
/// server starts) and refreshed through the API, which audits the stored target.
#[test]
fn git_refresh_reaudits_only_a_new_head() {
    use common::git_server;
    let backend = match git_server::http_backend() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipping git_refresh_reaudits_only_a_new_head: {why}");
            return;
        }
    };
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("git");
    let first = git_server::bare_repo(&root, "org/repo.git", &common::fixture_files());
    let git = git_server::smart_http(&root, &backend);
    let url = format!("{}/org/repo.git", git.base);
    let release = "git--loopback--org--repo";
    let db = home.path().join("git.db").to_string_lossy().to_string();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = glassbox_server::Db::open(&db).await.unwrap();
        let earlier = glassbox_server::summary::Summary {
            release: release.into(),
            target: url.clone(),
            revision: "0".repeat(40),
            category: "closed".into(),
            mof_class: "none".into(),
            osaid: "unknown".into(),
            licenses: Vec::new(),
            tier: "none".into(),
            files: Vec::new(),
        };
        store.store_report(&earlier, "{}").await.unwrap();
    });
    let hub = catalog::hub_with(0);
    let srv = catalog::serve(
        &["--database", &db, "--workers", "1"],
        &hub.endpoint,
        home.path(),
    );
    let fetches = || {
        git.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.ends_with("/git-upload-pack"))
            .count()
    };
    let refresh = || {
        let (status, r) = post(
            &format!("{}/api/v1/releases/{release}/refresh", srv.base),
            "",
            Some(TOKEN),
        );
        assert_eq!(status, 202, "{r}");
        let done = finished(&srv.base, r["id"].as_str().unwrap(), &srv.log);
        assert_eq!(done["status"], "done", "{done}");
        done
    };
    let history = || {
        let url = format!("{}/api/v1/releases/{release}/history", srv.base);
        get_json(&url, None).1.as_array().unwrap().clone()
    };

    // A HEAD not audited yet: cloned and audited.
    let done = refresh();
    assert_eq!(done["revision"].as_str(), Some(first.as_str()));
    assert_eq!(history().len(), 2);
    let cloned = fetches();
    assert!(cloned >= 1, "{:?}", git.requests.lock().unwrap());

    // The same HEAD: the advertisement is read, nothing is fetched, nothing added.
    let done = refresh();
    assert_eq!(done["revision"].as_str(), Some(first.as_str()));
    assert_eq!(history().len(), 2);
    assert_eq!(fetches(), cloned, "{:?}", git.requests.lock().unwrap());

    // A new commit on the remote: audited, and the history names the added file.
    let work = root.join(".work").join("org_repo.git");
    std::fs::write(work.join("CHANGELOG.md"), "# v2\n").unwrap();
    git_server::git(&work, &["add", "-A"]).expect("git add");
    git_server::git(&work, &["commit", "-q", "-m", "v2"]).expect("git commit");
    let second = git_server::git(&work, &["rev-parse", "HEAD"]).unwrap();
    let bare = root.join("org/repo.git");
    let branch = git_server::git(&bare, &["symbolic-ref", "--short", "HEAD"]).unwrap();
    git_server::git(
        &work,
        &[
            "push",
            "-q",
            bare.to_str().unwrap(),
            &format!("HEAD:refs/heads/{branch}"),
        ],
    )
    .expect("git push");
    let done = refresh();
    assert_eq!(done["revision"].as_str(), Some(second.as_str()));
    let hist = history();
    assert_eq!(hist.len(), 3, "{hist:?}");
    assert_eq!(hist[2]["revision"].as_str(), Some(second.as_str()));
    assert_eq!(
        hist[2]["changes"]["files_added"],
        serde_json::json!(["CHANGELOG.md"])
    );
    assert!(fetches() > cloned);
}
