use std::time::{Duration, Instant};
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut t = [Duration::ZERO; 7];
    let mut bytes = 0usize;
    for f in &files {
        let s = Instant::now();
        let rec = glassbox_sources::claims::read_file(std::path::Path::new(f)).unwrap();
        t[0] += s.elapsed(); let s = Instant::now();
        let ev = rec.to_evidence(f);
        t[1] += s.elapsed(); let s = Instant::now();
        let seed = glassbox_frameworks::seed::evaluate(&ev);
        t[2] += s.elapsed(); let s = Instant::now();
        let others = glassbox_frameworks::evaluate_others(&ev);
        t[3] += s.elapsed(); let s = Instant::now();
        let v = glassbox_core::Verdicts { seed, others };
        let ns = glassbox_frameworks::merged_gap(&v);
        t[4] += s.elapsed(); let s = Instant::now();
        let r = glassbox_core::Report { schema: "x".into(), tool: glassbox_core::ToolInfo{name:"g".into(), version:"0".into()}, target: rec.target(f), stats: Default::default(), evidence: ev, next_steps: ns, verdicts: v };
        let out = glassbox_report::json::render(std::slice::from_ref(&r));
        bytes += out.len();
        t[5] += s.elapsed(); let s = Instant::now();
        drop(r); drop(out);
        t[6] += s.elapsed();
    }
    for (n, d) in ["yaml", "to_evidence", "seed", "others", "gap", "json", "drop"].iter().zip(t) { println!("{n:12} {:?}", d); }
    println!("bytes {bytes}");
}
