//! The catalog benchmark (`bench/catalog/run.sh`; ignored by `cargo test`): releases from the
//! mock Hub through the queue with 1, 2 and 4 in-process workers; the list endpoint and the
//! catalog page with 100,000 releases in the store; 200 concurrent readers of the report
//! endpoint. Prints figures; asserts only that the work was done, never how fast.

mod catalog;
use glassbox_testkit as common;
mod spawn;

use std::time::{Duration, Instant};

use catalog::{get, get_json, submit};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Waits until `n` releases are listed.
fn wait_listed(base: &str, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(3600);
    loop {
        let (_, v) = get_json(&format!("{base}/api/v1/releases?per_page=1"), None);
        if v["total"].as_u64() == Some(n as u64) {
            return;
        }
        assert!(Instant::now() < deadline, "{n} releases never listed: {v}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "benchmark: bench/catalog/run.sh"]
fn bench_catalog() {
    let n = env_usize("GLASSBOX_BENCH_RELEASES", 1000);
    let big = env_usize("GLASSBOX_BENCH_STORE", 100_000);
    let hub = catalog::hub_with(n);
    let home = tempfile::tempdir().unwrap();
    let mut last_db = String::new();

    // 1. Throughput of the queue.
    for workers in [1usize, 2, 4] {
        let db = home
            .path()
            .join(format!("q{workers}.db"))
            .to_string_lossy()
            .to_string();
        let w = workers.to_string();
        let srv = catalog::serve(
            &[
                "--database",
                &db,
                "--workers",
                &w,
                "--writes-per-minute",
                "0",
            ],
            &hub.endpoint,
            home.path(),
        );
        let start = Instant::now();
        for i in 0..n {
            assert_eq!(submit(&srv.base, &format!("hf:org/m{i}")).0, 202);
        }
        let queued = start.elapsed();
        wait_listed(&srv.base, n);
        let all = start.elapsed();
        println!(
            "queue: {n} releases, {workers} worker(s): {:.1} s ({:.1} releases/s; submitting took {:.1} s)",
            all.as_secs_f64(),
            n as f64 / all.as_secs_f64(),
            queued.as_secs_f64()
        );
        last_db = db;
    }

    // 2. The list and the page with `big` releases: the audited rows copied under new ids (and
    // report ids of their own, which the search index keys its rows on; the copies' reports
    // are not read).
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect('{last_db}'); \
             c.execute(\"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {copies}) \
             INSERT INTO releases SELECT r.release || '-c' || k.i, r.target, r.revision, \
             CASE k.i % 4 WHEN 0 THEN 'open-source' WHEN 1 THEN 'open-weights' WHEN 2 THEN 'restricted-weights' ELSE 'closed' END, \
             r.mof_class, r.osaid, r.licenses, r.tier, r.audited_at + k.i, k.i * 1000000 + r.report_id, r.search || ' c' || k.i \
             FROM releases r, k\"); c.commit()",
            copies = big / n - 1
        ))
        .status()
        .expect("python3");
    assert!(status.success());
    let srv = catalog::serve(
        &["--database", &last_db, "--workers", "0"],
        &hub.endpoint,
        home.path(),
    );
    let (_, v) = get_json(&format!("{}/api/v1/releases?per_page=1", srv.base), None);
    let total = v["total"].as_u64().unwrap();
    println!("store: {total} releases");
    // The cursor of page 1,000 (what page 999's `next` says), to compare with `page=1000`.
    let (_, v) = get_json(&format!("{}/api/v1/releases?page=999", srv.base), None);
    let cursor_path = format!(
        "/api/v1/releases?cursor={}",
        v["next"].as_str().expect("page 999 has a next")
    );
    for (label, path) in [
        (
            "GET /api/v1/releases?q=apache (in every release)",
            "/api/v1/releases?q=apache",
        ),
        (
            "GET /api/v1/releases?cursor=… (page 1000 by cursor)",
            cursor_path.as_str(),
        ),
        ("GET /api/v1/releases", "/api/v1/releases"),
        (
            "GET /api/v1/releases?category=open-source",
            "/api/v1/releases?category=open-source",
        ),
        ("GET /api/v1/releases?q=m42", "/api/v1/releases?q=m42"),
        (
            "GET /api/v1/releases?sort=audited_at&order=desc",
            "/api/v1/releases?sort=audited_at&order=desc",
        ),
        (
            "GET /api/v1/releases?page=1000",
            "/api/v1/releases?page=1000",
        ),
        ("GET /", "/"),
        (
            "GET /?category=closed&sort=category",
            "/?category=closed&sort=category",
        ),
    ] {
        let url = format!("{}{path}", srv.base);
        get(&url, None);
        let mut times: Vec<Duration> = (0..200)
            .map(|_| {
                let t = Instant::now();
                let (status, _, _) = get(&url, None);
                assert_eq!(status, 200);
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{label}: p50 {} p99 {} (200 requests, loopback round trip)",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99))
        );
    }

    // 3. 200 concurrent readers of one report, for a bounded time.
    let url = format!("{}/api/v1/releases/org--m0/report", srv.base);
    let stop = Instant::now() + Duration::from_secs(10);
    let handles: Vec<_> = (0..200)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut t = Vec::new();
                while Instant::now() < stop {
                    let s = Instant::now();
                    let (status, _, body) = get(&url, None);
                    assert_eq!(status, 200);
                    assert!(body.contains("glassbox/report/v1"));
                    t.push(s.elapsed());
                }
                t
            })
        })
        .collect();
    let mut all: Vec<Duration> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    all.sort();
    println!(
        "report endpoint, 200 concurrent readers for 10 s: {} requests ({:.0}/s), p50 {} p99 {}",
        all.len(),
        all.len() as f64 / 10.0,
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );
}
