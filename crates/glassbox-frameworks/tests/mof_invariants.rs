//! Properties of the MOF evaluation over random records: what MOT's rules imply, whatever the
//! record (classes are cumulative, progress is bounded and gated by lower classes).

use glassbox_core::Component;
use glassbox_frameworks::{evaluate_others, merged_gap, mof};
use glassbox_sources::claims;
use proptest::prelude::*;

const LICENSES: &[&str] = &[
    "Apache-2.0",
    "MIT",
    "GPL-3.0-only",
    "CC-BY-4.0",
    "CC0-1.0",
    "CDLA-Permissive-2.0",
    "CC-BY-NC-4.0",
    "apache-2.0",
    "LicenseRef-Llama-3.1",
    "unlicensed",
    "",
];

fn record() -> impl Strategy<Value = String> {
    let comp = (0..17usize, proptest::option::of(0..LICENSES.len()));
    let globals = proptest::collection::vec(proptest::option::of(0..LICENSES.len()), 4);
    (proptest::collection::vec(comp, 0..17), globals).prop_map(|(comps, globals)| {
        let mut y = String::from(
            "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\nrelease:\n  name: prop\n  producer: p\n  license:\n",
        );
        let mut any_global = false;
        for (key, g) in ["distribution", "code", "data", "document"].iter().zip(&globals) {
            if let Some(i) = g {
                y.push_str(&format!("    {key}:\n      name: '{}'\n", LICENSES[*i]));
                any_global = true;
            }
        }
        if !any_global {
            y = y.replace("  license:\n", "  license: {}\n");
        }
        let mut seen = Vec::new();
        y.push_str("  components:\n");
        for (c, l) in comps {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            y.push_str(&format!("    - name: '{}'\n", Component::ALL[c].name()));
            if let Some(i) = l {
                y.push_str(&format!("      license: '{}'\n", LICENSES[i]));
            }
        }
        if seen.is_empty() {
            y = y.replace("  components:\n", "  components: []\n");
        }
        y
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn mot_rules_hold_for_any_record(y in record()) {
        let ev = claims::parse(&y, "prop.yml").map_err(|e| TestCaseError::fail(format!("{e}\n{y}")))?.to_evidence("prop.yml");
        let v = mof::evaluate(&ev);
        for m in [&v.mot, &v.strict] {
            let p = m.progress;
            for k in [1u8, 2, 3] {
                prop_assert!((0.0..=100.0).contains(&p.get(k)));
            }
            // Higher classes show progress only once the lower ones are complete.
            if p.class2 > 0.0 { prop_assert_eq!(p.class3, 100.0); }
            if p.class1 > 0.0 { prop_assert_eq!(p.class2, 100.0); }
            // The class is the highest complete one, and classes are cumulative.
            match m.class {
                0 => prop_assert!(p.class3 < 100.0),
                3 => prop_assert!(p.class3 == 100.0 && p.class2 < 100.0),
                2 => prop_assert!(p.class2 == 100.0 && p.class1 < 100.0),
                1 => prop_assert!(p.class1 == 100.0),
                _ => prop_assert!(false, "class {}", m.class),
            }
            // A class is reached exactly when none of its requirements is unmet.
            let unmet_in = |roman: &str| m.assessment.unmet.iter().any(|r| r.id.starts_with(&format!("class-{roman}.")));
            prop_assert_eq!(p.class3 == 100.0, !unmet_in("iii"));
            if p.class3 == 100.0 { prop_assert_eq!(p.class2 == 100.0, !unmet_in("ii")); }
            // Every unmet requirement has a gap step.
            prop_assert!(m.assessment.unmet.is_empty() == m.assessment.gap.is_empty());
        }
        // Every framework evaluates, and the merged gap never repeats a (component, action).
        let others = evaluate_others(&ev);
        prop_assert_eq!(others.len(), 5);
        let verdicts = glassbox_core::Verdicts {
            seed: glassbox_frameworks::seed::evaluate(&ev),
            others,
        };
        let merged = merged_gap(&verdicts);
        for (i, a) in merged.iter().enumerate() {
            for b in &merged[i + 1..] {
                prop_assert!(!(a.component == b.component && a.action == b.action), "{a:?}");
            }
            prop_assert!(!a.frameworks.is_empty());
        }
    }
}
