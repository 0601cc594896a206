//! The policy reader on arbitrary input: no panic, and every error points inside the text.

use glassbox_check::policy::Policy;
use proptest::prelude::*;

/// Policy-like text: keys, values and headers spliced at random.
fn policyish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[policy]\n",
        "[[exceptions]]\n",
        "[[models]]\n",
        "[overrides.\"hf:o/n\"]\n",
        "[discovery]\n",
        "allow-categories = ",
        "deny-tiers = ",
        "scan = ",
        "osaid = ",
        "expires = ",
        "target = ",
        "reason = ",
        "exclude = ",
        "min-mof-class = ",
        "\"open-source\"",
        "\"NC\"",
        "[",
        "]",
        "\"high\"",
        "true",
        "2027-02-30",
        "\"2027-06-30\"",
        "\"hf:org/x@abc\"",
        "\"a[\"",
        ",",
        "\n",
        "#",
        "\"",
        "=",
        "x",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    if let Err(e) = Policy::parse(text) {
        let lines = text.split('\n').count() as u32;
        prop_assert!(e.line >= 1 && e.line <= lines, "{e} for {text:?}");
        prop_assert!(e.column >= 1, "{e}");
        prop_assert!(!e.message.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_is_refused_or_read_without_panic(text in ".{0,300}") {
        check(&text)?;
    }

    #[test]
    fn policy_like_splices_are_refused_or_read_without_panic(text in policyish()) {
        check(&text)?;
    }
}
