//! Model card: YAML front matter (bounded YAML), Markdown sections and links, URL classes.
#![no_main]
use glassbox_formats::{card, yaml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let c = card::parse(&text);
    // Every line number a card reports must fall inside the text it came from.
    let lines = text.lines().count() as u32 + 1;
    for s in &c.sections {
        assert!(s.line <= lines, "section line {} past {lines}", s.line);
    }
    for l in &c.links {
        let _ = card::classify_url(&l.url);
    }
    let _ = c.section_like(&["training", "data"]);
    let _ = yaml::parse(&text, "fuzz.yaml");
});
