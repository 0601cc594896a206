//! Judging a model's facts against the policy: pass, fail, or excepted.

use glassbox_core::Tier;
use serde::Serialize;

use crate::date::Date;
use crate::facts::Facts;
use crate::policy::{covers, Exception, Rules};
use crate::target::Target;

/// The outcome for one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every rule is met.
    Pass,
    /// A rule is not met and no exception applies.
    Fail,
    /// A rule is not met, and a current exception excuses it.
    Excepted,
}

impl Verdict {
    /// As written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Excepted => "excepted",
        }
    }
}

/// A rule a model does not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The policy key (`allow-categories`, `deny-tiers`, …), or `exception-expired`.
    pub rule: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// The judgement of one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The outcome.
    pub verdict: Verdict,
    /// Every rule not met (also when excepted).
    pub violations: Vec<Violation>,
    /// The exception that applies.
    pub exception: Option<Exception>,
}

fn violation(rule: &str, message: String) -> Violation {
    Violation {
        rule: rule.to_string(),
        message,
    }
}

fn roman(class: u8) -> &'static str {
    match class {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "none",
    }
}

/// The rules a model's facts do not meet.
pub fn violations(facts: &Facts, rules: &Rules) -> Vec<Violation> {
    let mut out = Vec::new();
    if let Some(allowed) = &rules.allow_categories {
        if !allowed.contains(&facts.category) {
            let list: Vec<&str> = allowed.iter().map(|c| c.as_str()).collect();
            out.push(violation(
                "allow-categories",
                format!(
                    "category {} is not allowed (allowed: {})",
                    facts.category.as_str(),
                    if list.is_empty() {
                        "none".to_string()
                    } else {
                        list.join(", ")
                    }
                ),
            ));
        }
    }
    for l in &facts.licenses {
        if rules
            .deny_tiers
            .as_ref()
            .is_some_and(|d| d.contains(&l.tier))
        {
            let what = if l.tier == Tier::None {
                "no license was found".to_string()
            } else {
                format!("license {} is tier {}", l.id, l.tier.as_str())
            };
            out.push(violation("deny-tiers", format!("{what}, a denied tier")));
        }
        let same = |x: &String| x.eq_ignore_ascii_case(&l.id);
        if rules
            .deny_licenses
            .as_ref()
            .is_some_and(|d| d.iter().any(same))
        {
            out.push(violation(
                "deny-licenses",
                format!("license {} is denied", l.id),
            ));
        }
        if let Some(allow) = &rules.allow_licenses {
            if l.tier != Tier::None && !allow.iter().any(same) {
                out.push(violation(
                    "allow-licenses",
                    format!("license {} is not in allow-licenses", l.id),
                ));
            }
        }
    }
    if let Some(min) = rules.min_mof_class {
        // Class 1 is the most open; 0 means no class at all.
        if facts.mof_class == 0 || facts.mof_class > min.number() {
            out.push(violation(
                "min-mof-class",
                format!(
                    "MOF class {} is below the required class {}",
                    roman(facts.mof_class),
                    roman(min.number())
                ),
            ));
        }
    }
    if rules.osaid == Some(true) && facts.osaid != Some(true) {
        out.push(violation(
            "osaid",
            match facts.osaid {
                Some(_) => "does not meet the OSI Open Source AI Definition".into(),
                None => "the audit gave no OSAID verdict".into(),
            },
        ));
    }
    if let Some(threshold) = rules.scan.and_then(|s| s.threshold()) {
        for s in facts.scan.iter().filter(|s| s.severity >= threshold) {
            out.push(violation(
                "scan",
                format!("scan finding {} ({})", s.kind, s.severity.as_str()),
            ));
        }
    }
    out
}

/// Judges a model: its violations, and the first exception for it that has not expired.
pub fn judge(
    target: &Target,
    facts: &Facts,
    rules: &Rules,
    exceptions: &[Exception],
    today: Date,
) -> Judgement {
    let mut violations = violations(facts, rules);
    if violations.is_empty() {
        return Judgement {
            verdict: Verdict::Pass,
            violations,
            exception: None,
        };
    }
    let mine: Vec<&Exception> = exceptions
        .iter()
        .filter(|e| covers(&e.target, target))
        .collect();
    // The exception applies through its expiry day.
    if let Some(e) = mine.iter().find(|e| e.expires.is_none_or(|d| today <= d)) {
        return Judgement {
            verdict: Verdict::Excepted,
            violations,
            exception: Some((*e).clone()),
        };
    }
    for e in mine {
        if let Some(d) = e.expires {
            violations.push(violation(
                "exception-expired",
                format!(
                    "the exception for {} (\"{}\") expired on {d}",
                    e.target.spec(),
                    e.reason
                ),
            ));
        }
    }
    Judgement {
        verdict: Verdict::Fail,
        violations,
        exception: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{License, ScanFinding};
    use crate::policy::Policy;
    use glassbox_core::{SeedCategory, Severity};

    fn facts() -> Facts {
        Facts {
            category: SeedCategory::RestrictedWeights,
            licenses: vec![License {
                id: "cc-by-nc-4.0".into(),
                tier: Tier::NC,
            }],
            mof_class: 3,
            osaid: Some(false),
            scan: vec![ScanFinding {
                kind: "unsafe-pickle".into(),
                severity: Severity::Critical,
            }],
        }
    }

    fn rules(toml: &str) -> Rules {
        Policy::parse(&format!("[policy]\n{toml}")).unwrap().rules
    }

    #[test]
    fn each_rule_fails_what_it_should() {
        let f = facts();
        let v = |t: &str| -> Vec<String> {
            violations(&f, &rules(t))
                .into_iter()
                .map(|v| v.rule)
                .collect()
        };
        assert!(v("").is_empty());
        assert_eq!(
            v("allow-categories = [\"open-weights\"]"),
            ["allow-categories"]
        );
        assert!(v("allow-categories = [\"restricted-weights\"]").is_empty());
        assert_eq!(v("deny-tiers = [\"NC\"]"), ["deny-tiers"]);
        assert!(v("deny-tiers = [\"R\"]").is_empty());
        assert_eq!(v("deny-licenses = [\"CC-BY-NC-4.0\"]"), ["deny-licenses"]);
        assert_eq!(v("allow-licenses = [\"mit\"]"), ["allow-licenses"]);
        assert!(v("min-mof-class = \"III\"").is_empty());
        assert_eq!(v("min-mof-class = \"II\""), ["min-mof-class"]);
        assert_eq!(v("osaid = true"), ["osaid"]);
        assert!(v("osaid = false").is_empty());
        assert_eq!(v("scan = \"critical\""), ["scan"]);
        assert!(v("scan = \"off\"").is_empty());
        let mut none = f.clone();
        none.mof_class = 0;
        assert_eq!(
            violations(&none, &rules("min-mof-class = \"III\"")).len(),
            1
        );
    }

    #[test]
    fn exceptions_apply_until_they_expire() {
        let p = Policy::parse(
            "[policy]\ndeny-tiers = [\"NC\"]\n[[exceptions]]\ntarget = \"hf:org/a\"\nreason = \"legal ok\"\nexpires = 2027-06-30\n",
        )
        .unwrap();
        let a = Target::parse_spec("hf:org/a@abc").unwrap();
        let b = Target::parse_spec("hf:org/b").unwrap();
        let on = |d: &str| {
            judge(
                &a,
                &facts(),
                &p.rules,
                &p.exceptions,
                Date::parse(d).unwrap(),
            )
        };
        let j = on("2027-06-30");
        assert_eq!(j.verdict, Verdict::Excepted);
        assert_eq!(j.exception.unwrap().reason, "legal ok");
        let j = on("2027-07-01");
        assert_eq!(j.verdict, Verdict::Fail);
        assert_eq!(j.violations.last().unwrap().rule, "exception-expired");
        let j = judge(
            &b,
            &facts(),
            &p.rules,
            &p.exceptions,
            Date::parse("2026-01-01").unwrap(),
        );
        assert_eq!(j.verdict, Verdict::Fail);
        let ok = Facts {
            licenses: vec![],
            ..facts()
        };
        let j = judge(
            &a,
            &ok,
            &p.rules,
            &p.exceptions,
            Date::parse("2030-01-01").unwrap(),
        );
        assert_eq!((j.verdict, j.exception), (Verdict::Pass, None));
    }
}
