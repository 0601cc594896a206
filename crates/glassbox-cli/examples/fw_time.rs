use std::time::Instant;
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let evs: Vec<_> = files.iter().map(|f| glassbox_sources::claims::read_file(std::path::Path::new(f)).unwrap().to_evidence(f)).collect();
    let s = Instant::now();
    for ev in &evs { std::hint::black_box((glassbox_frameworks::osaid::evaluate(ev), glassbox_frameworks::mof::evaluate(ev), glassbox_frameworks::osai::evaluate(ev), glassbox_frameworks::eu_ai_act::evaluate(ev), glassbox_frameworks::owd::evaluate(ev))); }
    println!("typed {:?}", s.elapsed());
    for n in glassbox_frameworks::FRAMEWORKS { let s = Instant::now(); for ev in &evs { std::hint::black_box(glassbox_frameworks::evaluate_one(n, ev)); } println!("{n} value {:?}", s.elapsed()); }
    let s = Instant::now();
    for ev in &evs { let v = (glassbox_frameworks::osaid::evaluate(ev), glassbox_frameworks::mof::evaluate(ev), glassbox_frameworks::osai::evaluate(ev), glassbox_frameworks::eu_ai_act::evaluate(ev), glassbox_frameworks::owd::evaluate(ev)); std::hint::black_box(serde_json::to_string_pretty(&v).unwrap()); }
    println!("typed+pretty {:?}", s.elapsed());
    let s = Instant::now();
    for ev in &evs { let v = glassbox_frameworks::evaluate_others(ev); std::hint::black_box(serde_json::to_string_pretty(&v).unwrap()); }
    println!("value+pretty {:?}", s.elapsed());
}
