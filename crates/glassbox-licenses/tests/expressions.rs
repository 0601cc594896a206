//! SPDX expressions: AND grades to the most restrictive part, OR to the best choice, WITH to
//! the base license; malformed expressions are errors, never panics.

use glassbox_core::Tier;
use glassbox_licenses::{kb, LicenseError};
use proptest::prelude::*;

#[test]
fn and_or_with() {
    let kb = kb();
    let e = kb
        .expression("Apache-2.0 AND LicenseRef-Llama-3.1")
        .unwrap();
    assert_eq!(e.tier, Tier::R);
    assert!(!e.osi_approved);
    assert!(
        e.obligations.iter().any(|o| o.contains("Built with Llama")),
        "AND keeps every part's obligations"
    );
    let o = kb.expression("LicenseRef-Llama-3.1 OR MIT").unwrap();
    assert_eq!(o.tier, Tier::P);
    assert!(o.obligations[0].contains("MIT"));
    let w = kb
        .expression("GPL-2.0-or-later WITH Classpath-exception-2.0")
        .unwrap();
    assert_eq!(w.tier, Tier::P);
    assert!(w.id.contains("WITH Classpath-exception-2.0"));
    let nested = kb
        .expression("(MIT OR CC-BY-NC-4.0) AND (LicenseRef-Qwen-Research OR Apache-2.0)")
        .unwrap();
    assert_eq!(nested.tier, Tier::P);
    let nested = kb
        .expression("(MIT OR CC-BY-NC-4.0) AND LicenseRef-Qwen-Research")
        .unwrap();
    assert_eq!(nested.tier, Tier::NC);
    // Hugging Face tags inside an expression are resolved too.
    assert_eq!(
        kb.expression("llama3.1 AND apache-2.0").unwrap().tier,
        Tier::R
    );
    // Lax spellings.
    assert_eq!(kb.expression("MIT/Apache-2.0").unwrap().tier, Tier::P);
    // An unknown LicenseRef is all rights reserved.
    let u = kb
        .expression("MIT AND LicenseRef-Something-Private")
        .unwrap();
    assert_eq!(u.tier, Tier::None);
}

#[test]
fn malformed_expressions_are_errors() {
    let kb = kb();
    for bad in [
        "",
        "   ",
        "MIT AND",
        "AND MIT",
        "(MIT",
        "MIT))",
        "MIT WITH",
        "MIT OR OR Apache-2.0",
    ] {
        match kb.expression(bad) {
            Err(LicenseError::BadExpression { .. }) => {}
            Ok(l) => panic!("`{bad}` parsed as {}", l.id),
        }
    }
    let long = "MIT AND ".repeat(2000) + "MIT";
    assert!(kb.expression(&long).is_err());
}

proptest! {
    #[test]
    fn expressions_never_panic(s in "\\PC{0,80}") {
        let _ = kb().expression(&s);
    }

    #[test]
    fn expressions_of_known_ids_never_panic(parts in proptest::collection::vec(prop_oneof![Just("MIT"), Just("Apache-2.0"), Just("LicenseRef-Llama-3.1"), Just("CC-BY-NC-4.0"), Just("AND"), Just("OR"), Just("("), Just(")"), Just("WITH"), Just("+")], 0..12)) {
        let _ = kb().expression(&parts.join(" "));
    }
}
