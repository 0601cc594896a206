//! The audit queue survives kill -9: `glassbox serve` is killed while audits are running and
//! queued, restarted on the same SQLite file, and every audit finishes, each release audited
//! once. Two `glassbox worker` processes on one PostgreSQL catalog share 200 audits from the
//! mock Hub with none done twice (when `GLASSBOX_TEST_POSTGRES` names a server). A `glassbox
//! worker` process killed the same way, on SQLite and PostgreSQL, loses nothing either.

mod catalog;
use glassbox_testkit as common;
mod spawn;

use std::time::{Duration, Instant};

use catalog::{finished, get_json, submit};

/// Submits `hf:org/m0`…`hf:org/m{n-1}` and returns the audit ids.
fn submit_all(base: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let (status, v) = submit(base, &format!("hf:org/m{i}"));
            assert_eq!(status, 202, "{v}");
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// How many times the Hub was asked for each release's files, i.e. how many audits read it.
fn audits_per_release(hub: &common::mock_hub::MockHub, n: usize) -> Vec<usize> {
    (0..n)
        .map(|i| hub.requests_matching(&format!("/org/m{i}/resolve/")))
        .collect()
}

#[test]
fn kill_9_loses_no_audit() {
    let n = 60;
    let hub = catalog::hub_with(n);
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("catalog.db").to_string_lossy().to_string();
    let args = ["--database", db.as_str(), "--workers", "2"];
    let mut srv = catalog::serve(&args, &hub.endpoint, home.path());
    let ids = submit_all(&srv.base, n);
    // Kill as soon as audits are under way: one finished, the workers busy with the next
    // ones, the rest queued.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (_, list) = get_json(&format!("{}/api/v1/releases?per_page=1", srv.base), None);
        let done = list["total"].as_u64().unwrap() as usize;
        if done >= 1 {
            assert!(done < n, "every audit finished before the kill; use more");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no audit finished: {}",
            srv.log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    srv.kill9();
    let srv = catalog::serve(&args, &hub.endpoint, home.path());
    for id in &ids {
        let v = finished(&srv.base, id, &srv.log);
        assert_eq!(v["status"], "done", "{v}");
    }
    each_listed_once(&srv.base, n);
    // An audit interrupted by the kill runs again; one that finished never does.
    let per = audits_per_release(&hub, n);
    assert!(per.iter().all(|&c| c >= 1), "{per:?}");
}

#[test]
fn two_workers_share_one_postgres_queue() {
    let Some(url) = catalog::postgres("two_workers_share_one_postgres_queue") else {
        return;
    };
    let db = catalog::fresh_postgres(&url, "glassbox_workers");
    let n = 200;
    let hub = catalog::hub_with(n);
    let home = tempfile::tempdir().unwrap();
    // The server only takes requests; the two workers do every audit.
    let srv = catalog::serve(
        &[
            "--database",
            &db,
            "--workers",
            "0",
            "--writes-per-minute",
            "0",
        ],
        &hub.endpoint,
        home.path(),
    );
    let w1 = catalog::worker(
        &["--database", &db, "--workers", "2"],
        &hub.endpoint,
        home.path(),
    );
    let w2 = catalog::worker(
        &["--database", &db, "--workers", "2"],
        &hub.endpoint,
        home.path(),
    );
    let ids = submit_all(&srv.base, n);
    for id in &ids {
        let v = finished(&srv.base, id, &srv.log);
        assert_eq!(
            v["status"],
            "done",
            "{v}\nworker 1: {}\nworker 2: {}",
            w1.log.lock().unwrap(),
            w2.log.lock().unwrap()
        );
    }
    let per = audits_per_release(&hub, n);
    let once = per[0];
    assert!(once > 0);
    assert!(
        per.iter().all(|&c| c == once),
        "every release read the same number of times (none audited twice): {per:?}"
    );
    let (_, list) = get_json(&format!("{}/api/v1/releases?per_page=1", srv.base), None);
    assert_eq!(list["total"], n);
}

/// `glassbox serve --workers 0` takes the requests and a separate `glassbox worker` process
/// audits; the worker is killed with SIGKILL while it holds audits, another one is started,
/// and every audit finishes, each release audited into exactly one report.
fn worker_kill_9(database: &str, home: &std::path::Path) {
    let n = 40;
    // Files served slowly, so that an audit is under way for long enough to be seen running
    // (at full speed all 40 could finish between two looks).
    let hub = common::mock_hub::MockHub::start();
    for i in 0..n {
        let slow = common::mock_hub::Fault::SlowFiles(Duration::from_millis(150));
        hub.add_model(
            &format!("org/m{i}"),
            catalog::repo(&format!("m{i}")).with(slow),
        );
    }
    let srv = catalog::serve(
        &[
            "--database",
            database,
            "--workers",
            "0",
            "--writes-per-minute",
            "0",
        ],
        &hub.endpoint,
        home,
    );
    let worker_args = ["--database", database, "--workers", "2"];
    let mut w1 = catalog::worker(&worker_args, &hub.endpoint, home);
    let ids = submit_all(&srv.base, n);
    // Kill once one audit is stored and another is held (running) by the worker.
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let (_, list) = get_json(&format!("{}/api/v1/releases?per_page=1", srv.base), None);
        let done = list["total"].as_u64().unwrap() as usize;
        assert!(done < n, "every audit finished before the kill; use more");
        let running = done >= 1
            && ids.iter().any(|id| {
                let (_, a) = get_json(&format!("{}/api/v1/audits/{id}", srv.base), None);
                a["status"] == "running"
            });
        if running {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the worker never held an audit: {}",
            w1.log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    w1.kill9();
    let w2 = catalog::worker(&worker_args, &hub.endpoint, home);
    for id in &ids {
        let v = finished(&srv.base, id, &w2.log);
        assert_eq!(v["status"], "done", "{v}\n{}", w2.log.lock().unwrap());
    }
    each_listed_once(&srv.base, n);
    let per = audits_per_release(&hub, n);
    assert!(per.iter().all(|&c| c >= 1), "{per:?}");
}

#[test]
fn kill_9_of_a_worker_loses_no_audit_on_sqlite() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("catalog.db").to_string_lossy().to_string();
    worker_kill_9(&db, home.path());
}

#[test]
fn kill_9_of_a_worker_loses_no_audit_on_postgres() {
    let Some(url) = catalog::postgres("kill_9_of_a_worker_loses_no_audit_on_postgres") else {
        return;
    };
    let db = catalog::fresh_postgres(&url, "glassbox_worker_kill");
    let home = tempfile::tempdir().unwrap();
    worker_kill_9(&db, home.path());
}

/// The catalog lists releases `org/m0` … `org/m{n-1}`, each with one audited revision.
fn each_listed_once(base: &str, n: usize) {
    let (_, list) = get_json(&format!("{base}/api/v1/releases?per_page=1"), None);
    assert_eq!(list["total"], n, "{list}");
    for i in 0..n {
        let (_, hist) = get_json(&format!("{base}/api/v1/releases/org--m{i}/history"), None);
        assert_eq!(hist.as_array().unwrap().len(), 1, "org/m{i}: {hist}");
    }
}
