//! Benchmarks of Hub audits against the mock Hub on 127.0.0.1 (ignored in normal test runs;
//! `bench/hf/run.sh` runs them in release mode and prints the figures). They assert only
//! correctness (bytes per shard, connection bound), never timings.

use glassbox_testkit as common;
mod spawn;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::mock_hub::{MockHub, MockRepo};
use glassbox_sources::{Limits, ResolveOptions};

/// A realistic shard header: `n` BF16 tensors of 4096×4096 with consistent offsets.
fn shard(idx: usize, n: usize) -> (Vec<u8>, u64) {
    let mut header = serde_json::Map::new();
    header.insert("__metadata__".into(), serde_json::json!({"format": "pt"}));
    let per = 4096u64 * 4096 * 2;
    for t in 0..n {
        header.insert(
            format!("model.layers.{}.block.{t}.proj.weight", idx),
            serde_json::json!({"dtype": "BF16", "shape": [4096, 4096], "data_offsets": [t as u64 * per, (t as u64 + 1) * per]}),
        );
    }
    let mut json = serde_json::to_vec(&serde_json::Value::Object(header)).unwrap();
    while !json.len().is_multiple_of(8) {
        json.push(b' ');
    }
    let mut prefix = (json.len() as u64).to_le_bytes().to_vec();
    prefix.extend_from_slice(&json);
    let total = prefix.len() as u64 + per * n as u64;
    (prefix, total)
}

fn sharded_repo(shards: usize, tensors: usize) -> MockRepo {
    let card = b"---\nlicense: apache-2.0\n---\n# Big model\n\n## Training data\n\nUndisclosed.\n"
        .to_vec();
    let mut weight_map = serde_json::Map::new();
    let mut repo_files = vec![
        ("README.md".to_string(), card),
        (
            "config.json".to_string(),
            br#"{"architectures":["LlamaForCausalLM"],"model_type":"llama"}"#.to_vec(),
        ),
        (
            "LICENSE".to_string(),
            b"Apache License\nVersion 2.0, January 2004\n".to_vec(),
        ),
        ("generation_config.json".to_string(), b"{}".to_vec()),
        ("tokenizer_config.json".to_string(), b"{}".to_vec()),
    ];
    let mut sparse = Vec::new();
    for i in 0..shards {
        let name = format!("model-{:05}-of-{:05}.safetensors", i + 1, shards);
        for t in 0..tensors {
            weight_map.insert(
                format!("model.layers.{i}.block.{t}.proj.weight"),
                name.clone().into(),
            );
        }
        sparse.push((name, shard(i, tensors)));
    }
    repo_files.push((
        "model.safetensors.index.json".into(),
        serde_json::to_vec(&serde_json::json!({"metadata": {}, "weight_map": weight_map})).unwrap(),
    ));
    let mut repo = MockRepo::new(repo_files);
    for (name, (prefix, total)) in sparse {
        repo = repo.with_sparse(&name, prefix, total);
    }
    repo
}

fn opts(endpoint: &str, jobs: usize) -> ResolveOptions {
    let mut o = ResolveOptions {
        endpoint: endpoint.to_string(),
        http: glassbox_sources::loopback_http(endpoint),
        jobs,
        ..ResolveOptions::default()
    };
    o.follow.enabled = false;
    o.git.cache_dir = None;
    o
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "benchmark: run bench/hf/run.sh"]
fn bench_twenty_shard_metadata_audit() {
    let mock = MockHub::start();
    mock.add_model("org/big", sharded_repo(20, 300));
    let o = opts(&mock.endpoint, 8);
    let hub = o.hub().unwrap().map(std::sync::Arc::new);
    let po = glassbox::pipeline::Options {
        sources: o.clone(),
        hub,
        ..Default::default()
    };
    let limits = Limits::default();
    // Warm-up (connections, page cache), then timed runs.
    glassbox::pipeline::audit("hf:org/big", &[], &limits, &po).unwrap();
    let before = mock.state.bytes.load(Ordering::SeqCst);
    let before_req = mock.state.requests.load(Ordering::SeqCst);
    let mut times = Vec::new();
    let runs = 20;
    let mut report = None;
    for _ in 0..runs {
        let t = Instant::now();
        report = Some(glassbox::pipeline::audit("hf:org/big", &[], &limits, &po).unwrap());
        times.push(t.elapsed());
    }
    let bytes = (mock.state.bytes.load(Ordering::SeqCst) - before) / runs;
    let reqs = (mock.state.requests.load(Ordering::SeqCst) - before_req) / runs;
    let shard_bytes = mock.bytes_for("-of-00020.safetensors") / (runs + 1);
    let per_shard = shard_bytes / 20;
    let r = report.unwrap();
    let params = serde_json::to_string(&r).unwrap();
    assert!(
        params.contains("all 20 shards named by the index are present"),
        "sharded set recognised"
    );
    assert!(per_shard < 64 << 10, "{per_shard} bytes per shard");
    let header_len = shard(0, 300).0.len();
    println!(
        "20-shard repo (300 BF16 tensors per shard, header {header_len} B, shard {:.1} GB):",
        shard(0, 300).1 as f64 / 1e9
    );
    println!(
        "  per audit: {reqs} requests, {bytes} bytes received in all, {per_shard} bytes per shard"
    );
    println!(
        "  wall time per audit (in-process, jobs 8): median {:?}, min {:?}, max {:?}",
        median(times.clone()),
        times.iter().min().unwrap(),
        times.iter().max().unwrap()
    );

    // The binary end to end (process start, clap, JSON rendering included).
    let dir = tempfile::tempdir().unwrap();
    let mut bin_times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let out = spawn::glassbox()
            .args(["audit", "hf:org/big", "--format", "json", "--no-follow"])
            .env("HF_ENDPOINT", &mock.endpoint)
            .env("HF_HUB_CACHE", dir.path())
            .output()
            .unwrap();
        bin_times.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    println!(
        "  `glassbox audit hf:org/big --format json --no-follow`: median {:?}",
        median(bin_times)
    );
}

#[test]
#[ignore = "benchmark: run bench/hf/run.sh"]
fn bench_hundred_repositories_with_jobs() {
    let mock = MockHub::start();
    let specs: Vec<String> = (0..100)
        .map(|i| {
            mock.add_model(&format!("org/m{i:03}"), sharded_repo(4, 50));
            format!("hf:org/m{i:03}")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for jobs in [1usize, 4, 8, 16] {
        let conns = mock.state.connections.load(Ordering::SeqCst);
        mock.state.max_active.store(0, Ordering::SeqCst);
        let reqs = mock.state.requests.load(Ordering::SeqCst);
        let t = Instant::now();
        let out = spawn::glassbox()
            .arg("audit")
            .args(&specs)
            .args([
                "--format",
                "json",
                "--no-follow",
                "--jobs",
                &jobs.to_string(),
            ])
            .env("HF_ENDPOINT", &mock.endpoint)
            .env("HF_HUB_CACHE", dir.path())
            .output()
            .unwrap();
        let took = t.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let n = reports.as_array().map(|a| a.len()).unwrap_or(1);
        assert_eq!(n, 100);
        let max = mock.state.max_active.load(Ordering::SeqCst);
        // One shared client: at most `jobs` exchanges in flight (plus one closing).
        assert!(
            max <= jobs + 1,
            "{max} connections open at once with --jobs {jobs}"
        );
        println!(
            "100 repositories (4 shards each), --jobs {jobs:>2}: {took:?} wall, {} requests, {} connections opened, at most {max} open at once",
            mock.state.requests.load(Ordering::SeqCst) - reqs,
            mock.state.connections.load(Ordering::SeqCst) - conns,
        );
    }
}
