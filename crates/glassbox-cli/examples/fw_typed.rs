fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let evs: Vec<_> = files.iter().map(|f| glassbox_sources::claims::read_file(std::path::Path::new(f)).unwrap().to_evidence(f)).collect();
    for _ in 0..5 { for ev in &evs { std::hint::black_box((glassbox_frameworks::osaid::evaluate(ev), glassbox_frameworks::mof::evaluate(ev), glassbox_frameworks::osai::evaluate(ev), glassbox_frameworks::eu_ai_act::evaluate(ev), glassbox_frameworks::owd::evaluate(ev))); } }
}
