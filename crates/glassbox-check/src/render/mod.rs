//! The check report as text (a table), JSON (`glassbox/check/v1`) and SARIF 2.1.0.

pub mod sarif;
pub mod text;

use crate::report::CheckReport;

/// The pretty JSON report.
pub fn json(report: &CheckReport) -> String {
    // The report is plain data: serialising it cannot fail.
    let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
    s.push('\n');
    s
}

/// `path:line` (or `path` for a file-level reference).
pub(crate) fn place(r: &crate::discovery::Reference) -> String {
    match r.line {
        Some(l) => format!("{}:{l}", r.path),
        None => r.path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::discovery::{Reference, Skipped, Unresolved};
    use crate::judge::{Verdict, Violation};
    use crate::report::{CheckReport, ErrorResult, ExceptionOut, ModelResult, CHECK_SCHEMA};

    fn report() -> CheckReport {
        let at = |p: &str, l: u32| Reference {
            path: p.into(),
            line: Some(l),
        };
        let model = |t: &str, verdict, violations: Vec<Violation>, exception| ModelResult {
            target: t.into(),
            references: vec![at("a.py", 3), at("b.ts", 1), at("c.yaml", 2), at("d.py", 9)],
            category: "restricted-weights".into(),
            licenses: vec!["cc-by-nc-4.0".into()],
            verdict,
            violations,
            exception,
        };
        let nc = || Violation {
            rule: "deny-tiers".into(),
            message: "license cc-by-nc-4.0 is tier NC, a denied tier".into(),
        };
        CheckReport {
            schema: CHECK_SCHEMA,
            models: vec![
                model("hf:org/nc", Verdict::Fail, vec![nc()], None),
                model(
                    "hf:org/ok-by-legal",
                    Verdict::Excepted,
                    vec![nc()],
                    Some(ExceptionOut {
                        target: "hf:org/ok-by-legal".into(),
                        reason: "ticket 7".into(),
                        expires: Some("2027-06-30".into()),
                    }),
                ),
            ],
            unresolved: vec![Unresolved {
                at: at("a.py", 6),
                message: "from_pretrained(name): the model is a variable".into(),
            }],
            unresolved_fails: false,
            skipped: vec![Skipped {
                path: "dist/x.min.js".into(),
                reason: "minified".into(),
            }],
            errors: vec![ErrorResult {
                target: "hf:org/gone".into(),
                references: vec![at("e.py", 1)],
                message: "404".into(),
            }],
            lock: vec![],
        }
    }

    #[test]
    fn text_has_a_row_per_model_and_every_note() {
        let t = super::text::render(&report());
        let lines: Vec<&str> = t.lines().collect();
        assert!(
            lines[0].starts_with("MODEL") && lines[0].ends_with("WHERE USED"),
            "{t}"
        );
        let nc = lines.iter().find(|l| l.starts_with("hf:org/nc ")).unwrap();
        assert!(
            nc.contains(" fail ") && nc.contains("a.py:3, b.ts:1, c.yaml:2, +1 more"),
            "{nc}"
        );
        // Columns line up: every row's verdict starts where the header's does.
        let col = lines[0].find("VERDICT").unwrap();
        assert_eq!(&nc[col..col + 4], "fail");
        assert!(t.contains("(excepted: ticket 7, until 2027-06-30)"), "{t}");
        assert!(
            t.contains("error: hf:org/gone could not be audited (e.py:1): 404"),
            "{t}"
        );
        assert!(t.contains("warning: a.py:6: from_pretrained(name)"), "{t}");
        assert!(t.contains("dist/x.min.js: minified"), "{t}");
        assert!(
            t.contains("3 model(s): 0 pass, 1 fail, 1 excepted, 1 not audited"),
            "{t}"
        );
    }

    #[test]
    fn sarif_results_sit_on_the_referencing_lines_and_exceptions_are_suppressions() {
        let v = super::sarif::to_value(&report(), "0.1.0");
        let run = &v["runs"][0];
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3, "{v:#}");
        assert_eq!(results[0]["ruleId"], "check/deny-tiers");
        let locs = results[0]["locations"].as_array().unwrap();
        assert_eq!(locs.len(), 4);
        assert_eq!(
            locs[1]["physicalLocation"]["artifactLocation"]["uri"],
            "b.ts"
        );
        assert_eq!(locs[1]["physicalLocation"]["region"]["startLine"], 1);
        assert!(results[0].get("suppressions").is_none());
        assert_eq!(
            results[1]["suppressions"][0]["justification"],
            "ticket 7 (until 2027-06-30)"
        );
        assert_eq!(results[2]["level"], "note");
        // One rule per id, and results index them.
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(
            rules[results[2]["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "check/unresolved"
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        let notes = run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(
            super::json(&report()).lines().nth(1).unwrap().trim(),
            "\"schema\": \"glassbox/check/v1\","
        );
    }
}
