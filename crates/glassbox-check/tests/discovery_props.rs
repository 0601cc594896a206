//! Discovery on arbitrary input: no panic, no line outside the text, whatever the bytes.

use glassbox_check::discovery::extract_source;
use proptest::prelude::*;

/// File names of every kind discovery reads.
const NAMES: [&str; 9] = [
    "a.py",
    "a.js",
    "a.ts",
    "a.tsx",
    "a.json",
    "a.yaml",
    "a.toml",
    "Modelfile",
    "a.mjs",
];

/// Text that looks like code that loads models, cut and spliced at random.
fn codeish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "from_pretrained(",
        "pipeline(",
        "'org/name'",
        "\"org/x\"",
        "f\"{a}\"",
        "`t${x}`",
        ")",
        "(",
        "model=",
        "revision=",
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\n",
        "  ",
        "model: ",
        "FROM ",
        "\"\"\"",
        "#",
        "\\",
        "hf.co/o/n",
        "./",
        "../",
        "base_model = ",
        "é",
        "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|v| v.concat())
}

fn lines(s: &str) -> u32 {
    s.split('\n').count() as u32
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}", name in prop::sample::select(NAMES.to_vec())) {
        let r = extract_source(name, &text);
        for (l, _) in r.models.iter().chain(&r.unresolved) {
            prop_assert!(*l >= 1 && *l <= lines(&text));
        }
    }

    #[test]
    fn code_like_splices_never_panic(text in codeish(), name in prop::sample::select(NAMES.to_vec())) {
        let r = extract_source(name, &text);
        for (l, _) in r.models.iter().chain(&r.unresolved) {
            prop_assert!(*l >= 1 && *l <= lines(&text));
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    // The extractors walk trees with a cursor, not recursion.
    let deep = format!(
        "x = {}from_pretrained('org/deep'){}\n",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    let r = extract_source("deep.py", &deep);
    assert!(r.models.len() <= 1);
    let json = format!(
        "{}{{\"model\": \"org/j\"}}{}",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let r = extract_source("deep.json", &json);
    assert_eq!(r.models, [(1, "org/j".to_string())]);
}
