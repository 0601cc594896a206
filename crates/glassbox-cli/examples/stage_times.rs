//! Where a batch of MOF records spends its time, stage by stage, on one thread (issue 4's
//! benchmark): `cargo run --release --example stage_times -p glassbox -- RECORDS...`.

use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let stages = [
        "read + YAML",
        "evidence",
        "seed",
        "frameworks",
        "merged gap",
        "JSON",
        "drop",
    ];
    let mut spent = [Duration::ZERO; 7];
    let mut bytes = 0usize;
    for f in &files {
        let mut lap = Instant::now();
        let mut mark = |i: usize| {
            spent[i] += lap.elapsed();
            lap = Instant::now();
        };
        let record = match glassbox_sources::claims::read_file(std::path::Path::new(f)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{f}: {}", e.detail());
                continue;
            }
        };
        mark(0);
        let evidence = record.to_evidence(f);
        mark(1);
        let seed = glassbox_frameworks::seed::evaluate(&evidence);
        mark(2);
        let others = glassbox_frameworks::evaluate_others(&evidence);
        mark(3);
        let verdicts = glassbox_core::Verdicts { seed, others };
        let next_steps = glassbox_frameworks::merged_gap(&verdicts);
        mark(4);
        let report = glassbox_core::Report {
            schema: glassbox_core::REPORT_SCHEMA.into(),
            tool: glassbox_core::ToolInfo {
                name: "glassbox".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            target: record.target(f),
            stats: Default::default(),
            evidence,
            next_steps,
            verdicts,
            lineage: Vec::new(),
        };
        let mut out = Vec::with_capacity(128 << 10);
        glassbox_report::json::render_element(&report, &mut out);
        bytes += out.len();
        mark(5);
        drop((report, out));
        mark(6);
    }
    for (name, d) in stages.iter().zip(spent) {
        println!("{name:12} {d:?}");
    }
    println!("{} records, {bytes} bytes of JSON", files.len());
}
