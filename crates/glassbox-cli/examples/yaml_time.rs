use std::time::Instant;
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    let s = Instant::now();
    for t in &texts { glassbox_formats::yaml::parse(t, "x").unwrap(); }
    println!("budgeted {:?}", s.elapsed());
    let s = Instant::now();
    for t in &texts { let _: serde::de::IgnoredAny = serde_saphyr::from_str(t).unwrap(); }
    println!("ignored any {:?}", s.elapsed());
    let s = Instant::now();
    for (t,f) in texts.iter().zip(&files) { glassbox_sources::claims::parse(t, f).unwrap(); }
    println!("claims parse {:?}", s.elapsed());
    let s = Instant::now();
    for f in &files { std::hint::black_box(std::fs::read(f).unwrap()); }
    println!("read files {:?}", s.elapsed());
    let s = Instant::now();
    for _ in &texts { let _: serde::de::IgnoredAny = serde_saphyr::from_str("a: 1\n").unwrap(); }
    println!("tiny docs {:?}", s.elapsed());
    let big: String = texts.iter().take(300).map(|t| t.replace("\n", "\n  ").replacen("framework", "  framework", 1)).enumerate().map(|(i,t)| format!("k{i}:\n  {t}\n")).collect();
    let s = Instant::now();
    let _: serde::de::IgnoredAny = serde_saphyr::from_str(&big).unwrap();
    println!("one big doc of {} bytes {:?}", big.len(), s.elapsed());
}
#[allow(dead_code)]
fn tiny() {}
