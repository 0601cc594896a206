//! Property tests over whole reports: arbitrary text in every place a release can put text (name,
//! summary, reasons, paths, URLs, license names, messages, framework verdicts) never makes a
//! renderer panic, never yields markup in HTML, and keeps the JSON formats valid JSON. Reading
//! arbitrary bytes as a report fails cleanly.

use glassbox_core::{Location, Report};
use glassbox_report::{render, Format};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z<>\"'`*_#|!@&;:/(){}\\[\\]. \\n=+-]{0,30}",
        Just("<script>alert(1)</script>".to_string()),
        Just("javascript:alert(1)".to_string()),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    (
        proptest::collection::vec(text(), 12),
        proptest::option::of("(https?://|javascript:|data:)[a-z<>\" ./]{0,20}"),
        any::<bool>(),
    )
        .prop_map(|(t, url, hub)| {
            let mut r = glassbox_report::sample::open_weights_hub();
            if !hub {
                r.target.kind = "local".into();
            }
            r.target.name = t[0].clone();
            r.target.spec = format!("hf:{}", t[1]);
            r.verdicts.seed.summary = t[2].clone();
            r.verdicts.seed.rows[0].reason = t[3].clone();
            r.verdicts.seed.rows[1].value = t[4].clone();
            r.verdicts.seed.rows[2].evidence =
                vec![Location { path: Some(t[5].clone()), line: Some(1), field: Some(t[6].clone()), url: url.clone() }];
            r.evidence.artifacts[0].path = t[7].clone();
            r.evidence.components[1].license.as_mut().unwrap().name = t[8].clone();
            r.evidence.components[1].license.as_mut().unwrap().id = t[9].clone();
            r.evidence.findings[0].message = t[10].clone();
            r.evidence.components[12].evidence[0].location.url = url;
            r.verdicts.others.insert(
                t[11].clone(),
                serde_json::json!({"pass": false, "unmet": [{"id": t[11], "title": t[0], "reason": t[2], "evidence": []}],
                                   "gap": [{"action": t[3]}], "notes": [t[4]]}).into(),
            );
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_format_renders_and_html_has_no_foreign_markup(r in report()) {
        for f in [Format::Markdown, Format::Html, Format::Sarif, Format::Cyclonedx, Format::Spdx, Format::Json] {
            let out = render(std::slice::from_ref(&r), f).unwrap();
            prop_assert!(!out.is_empty());
            if matches!(f, Format::Sarif | Format::Cyclonedx | Format::Spdx | Format::Json) {
                prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{} is not JSON", f);
            }
        }
        let html = glassbox_report::html::render(&r).to_ascii_lowercase();
        for bad in ["<script", "<iframe", "<img", "href=\"javascript", "href=\"data"] {
            prop_assert!(!html.contains(bad), "{} in the HTML", bad);
        }
        let svg = glassbox_report::badge::svg(&r);
        prop_assert!(!svg.contains("<script"));
        let several = render(&[r.clone(), r], Format::Html).unwrap().to_ascii_lowercase();
        prop_assert!(!several.contains("<script"));
    }

    #[test]
    fn arbitrary_input_is_refused_cleanly(s in any::<String>()) {
        prop_assert!(glassbox_report::parse_reports(&s).is_err());
    }
}
