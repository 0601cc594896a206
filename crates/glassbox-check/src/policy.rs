//! `glassbox.toml`: what the codebase may use. Read strictly (unknown keys, wrong types,
//! invalid dates and unknown categories are errors) and every error names the key and its
//! line and column.

use std::collections::BTreeMap;
use std::fmt;

use glassbox_core::{SeedCategory, Severity, Tier};
use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::span::Lines;
use crate::target::Target;

/// A MOF class, as the policy names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum MofClass {
    /// Class I (open science), the most open.
    I,
    /// Class II (open tooling).
    II,
    /// Class III (open model).
    III,
}

impl MofClass {
    /// The class number as the MOF verdict reports it (1 is the most open).
    pub fn number(self) -> u8 {
        match self {
            MofClass::I => 1,
            MofClass::II => 2,
            MofClass::III => 3,
        }
    }
}

/// The lowest severity of scan findings that fails a model, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScanLevel {
    /// Scan findings never fail a model.
    Off,
    /// Any finding, informational ones included.
    Info,
    /// Low and above.
    Low,
    /// Medium and above.
    Medium,
    /// High and critical.
    High,
    /// Critical only.
    Critical,
}

impl ScanLevel {
    /// The severity threshold, `None` for `off`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            ScanLevel::Off => None,
            ScanLevel::Info => Some(Severity::Info),
            ScanLevel::Low => Some(Severity::Low),
            ScanLevel::Medium => Some(Severity::Medium),
            ScanLevel::High => Some(Severity::High),
            ScanLevel::Critical => Some(Severity::Critical),
        }
    }
}

/// What an unresolved reference (a model name built at run time) does to the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnresolvedMode {
    /// Reported, does not fail.
    #[default]
    Warn,
    /// Fails the check (exit 1): every model must be named literally or listed in `[[models]]`.
    Fail,
}

/// The rules a model is judged by. In `[policy]` every key is optional; in an override only
/// the keys given replace the policy's.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rules {
    /// Seed categories that pass (absent: every category passes).
    pub allow_categories: Option<Vec<SeedCategory>>,
    /// License tiers that fail (`P`, `O`, `R`, `NC`, `none`).
    pub deny_tiers: Option<Vec<Tier>>,
    /// License ids that fail (compared case-insensitively).
    pub deny_licenses: Option<Vec<String>>,
    /// When present, the only license ids that pass.
    pub allow_licenses: Option<Vec<String>>,
    /// The least open MOF class that passes.
    pub min_mof_class: Option<MofClass>,
    /// Require an OSAID pass.
    pub osaid: Option<bool>,
    /// Fail on serialisation-safety findings at or above this severity.
    pub scan: Option<ScanLevel>,
}

impl Rules {
    /// These rules with `over`'s keys replacing the ones it sets.
    pub fn merged(&self, over: &Rules) -> Rules {
        Rules {
            allow_categories: over
                .allow_categories
                .clone()
                .or_else(|| self.allow_categories.clone()),
            deny_tiers: over.deny_tiers.clone().or_else(|| self.deny_tiers.clone()),
            deny_licenses: over
                .deny_licenses
                .clone()
                .or_else(|| self.deny_licenses.clone()),
            allow_licenses: over
                .allow_licenses
                .clone()
                .or_else(|| self.allow_licenses.clone()),
            min_mof_class: over.min_mof_class.or(self.min_mof_class),
            osaid: over.osaid.or(self.osaid),
            scan: over.scan.or(self.scan),
        }
    }
}

/// `[policy]`: the rules and what unresolved references do (the keys of [`Rules`] spelled out
/// again, because serde's `flatten` neither denies unknown keys nor keeps spans).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PolicyTable {
    allow_categories: Option<Vec<SeedCategory>>,
    deny_tiers: Option<Vec<Tier>>,
    deny_licenses: Option<Vec<String>>,
    allow_licenses: Option<Vec<String>>,
    min_mof_class: Option<MofClass>,
    osaid: Option<bool>,
    scan: Option<ScanLevel>,
    #[serde(default)]
    unresolved: UnresolvedMode,
}

/// An exception as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExceptionDe {
    target: Spanned<String>,
    reason: Spanned<String>,
    expires: Option<Date>,
}

/// A `[[models]]` entry as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelDe {
    target: Spanned<String>,
}

/// `[discovery]` as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscoveryDe {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDe {
    #[serde(default)]
    policy: PolicyTable,
    #[serde(default)]
    discovery: DiscoveryDe,
    #[serde(default)]
    exceptions: Vec<ExceptionDe>,
    #[serde(default)]
    models: Vec<ModelDe>,
    #[serde(default)]
    overrides: BTreeMap<Spanned<String>, Rules>,
}

/// A model excused from the rules, for a reason, until a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The model (without a revision: every revision).
    pub target: Target,
    /// Why, as the team recorded it.
    pub reason: String,
    /// The last day the exception applies.
    pub expires: Option<Date>,
}

/// A model listed in `[[models]]`, with the line that lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The model.
    pub target: Target,
    /// The line of its `target` key.
    pub line: u32,
}

/// Rules for one model that replace the policy's.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The model (without a revision: every revision).
    pub target: Target,
    /// The keys it sets.
    pub rules: Rules,
}

/// A validated policy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    /// The rules every model is judged by.
    pub rules: Rules,
    /// What unresolved references do.
    pub unresolved: UnresolvedMode,
    /// Exceptions, in file order.
    pub exceptions: Vec<Exception>,
    /// Models listed explicitly.
    pub models: Vec<Listed>,
    /// Per-model rules.
    pub overrides: Vec<Override>,
    /// Gitignore-style globs of paths discovery does not read (`[discovery] exclude`).
    pub exclude: Vec<String>,
}

/// A policy that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The dotted key (`policy.allow-categories`, `exceptions[1].expires`), when known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.column)?;
        if let Some(k) = &self.key {
            write!(f, "key `{k}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for PolicyError {}

/// Whether `target` (a found model) is covered by a policy entry for `entry`: the same model,
/// and the same revision when the entry names one.
pub fn covers(entry: &Target, target: &Target) -> bool {
    match (entry, target) {
        (
            Target::Hub {
                id: a,
                revision: ra,
            },
            Target::Hub {
                id: b,
                revision: rb,
            },
        ) => a.eq_ignore_ascii_case(b) && (ra.is_none() || ra == rb),
        (Target::Local { path: a }, Target::Local { path: b }) => a == b,
        _ => false,
    }
}

impl Policy {
    /// Parses and validates a policy.
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        let lines = Lines::new(text);
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = lines.line_col(span.start);
            PolicyError {
                line,
                column,
                key: crate::span::toml_key_at(text, span.start),
                message,
            }
        };
        let de: FileDe = toml::from_str(text)
            .map_err(|e| at(e.span().unwrap_or(0..0), e.message().trim().to_string()))?;
        let target =
            |s: &Spanned<String>| Target::parse_spec(s.get_ref()).map_err(|m| at(s.span(), m));
        let mut exceptions = Vec::new();
        for e in &de.exceptions {
            if e.reason.get_ref().trim().is_empty() {
                return Err(at(e.reason.span(), "an exception needs a reason".into()));
            }
            exceptions.push(Exception {
                target: target(&e.target)?,
                reason: e.reason.get_ref().clone(),
                expires: e.expires,
            });
        }
        let mut models = Vec::new();
        for m in &de.models {
            models.push(Listed {
                target: target(&m.target)?,
                line: lines.line_col(m.target.span().start).0,
            });
        }
        let mut overrides = Vec::new();
        for (k, rules) in &de.overrides {
            overrides.push(Override {
                target: target(k)?,
                rules: rules.clone(),
            });
        }
        let mut exclude = Vec::new();
        for g in &de.discovery.exclude {
            // Checked here so that a bad glob is a policy error with its line, not a silent no-op.
            ignore::overrides::OverrideBuilder::new("/")
                .add(&format!("!{}", g.get_ref()))
                .map_err(|e| at(g.span(), format!("invalid glob: {e}")))?;
            exclude.push(g.get_ref().clone());
        }
        let r = de.policy;
        Ok(Policy {
            rules: Rules {
                allow_categories: r.allow_categories,
                deny_tiers: r.deny_tiers,
                deny_licenses: r.deny_licenses,
                allow_licenses: r.allow_licenses,
                min_mof_class: r.min_mof_class,
                osaid: r.osaid,
                scan: r.scan,
            },
            unresolved: r.unresolved,
            exceptions,
            models,
            overrides,
            exclude,
        })
    }

    /// The rules for one model: the policy's, with the first matching override's keys.
    pub fn rules_for(&self, target: &Target) -> Rules {
        match self.overrides.iter().find(|o| covers(&o.target, target)) {
            Some(o) => self.rules.merged(&o.rules),
            None => self.rules.clone(),
        }
    }
}

/// The commented starter policy `glassbox init` writes. Every key is present, commented out
/// where it has no default worth enforcing.
pub const STARTER: &str = include_str!("starter.toml");

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> PolicyError {
        Policy::parse(text).expect_err("the policy should be refused")
    }

    #[test]
    fn the_starter_policy_is_valid_and_every_key_is_in_it() {
        let p = Policy::parse(STARTER).unwrap();
        assert_eq!(
            p.rules.allow_categories,
            Some(vec![SeedCategory::OpenSource, SeedCategory::OpenWeights])
        );
        assert_eq!(p.rules.scan, Some(ScanLevel::High));
        for key in [
            "allow-categories",
            "deny-tiers",
            "deny-licenses",
            "allow-licenses",
            "min-mof-class",
            "osaid",
            "scan",
            "unresolved",
            "[[exceptions]]",
            "expires",
            "[[models]]",
            "[overrides.",
        ] {
            assert!(STARTER.contains(key), "{key} is not in the starter policy");
        }
        // Uncommenting the examples gives a valid policy too.
        let all: String = STARTER
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.starts_with('[') || r.contains(" = "))
                    .unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let p = Policy::parse(&all).unwrap();
        assert_eq!(p.exceptions.len(), 1);
        assert_eq!(p.exceptions[0].expires, Date::new(2027, 6, 30));
        assert_eq!(p.models.len(), 1);
        assert_eq!(p.overrides.len(), 1);
        assert_eq!(p.rules.min_mof_class, Some(MofClass::III));
        assert_eq!(p.exclude, ["tests/fixtures/**"]);
    }

    #[test]
    fn unknown_keys_wrong_types_dates_and_categories_name_key_and_line() {
        let e = err("[policy]\nosaid = false\nallow-category = [\"open-source\"]\n");
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert_eq!(e.key.as_deref(), Some("policy.allow-category"));
        assert!(e.message.contains("unknown field"), "{e}");

        let e = err("[policy]\nosaid = \"yes\"\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("policy.osaid")), "{e}");

        let e = err("[policy]\nallow-categories = [\"open-source\", \"opne-weights\"]\n");
        assert_eq!((e.line, e.column), (2, 36), "{e}");
        assert!(e.message.contains("opne-weights"), "{e}");
        assert_eq!(e.key.as_deref(), Some("policy.allow-categories[1]"));

        let text = "[[exceptions]]\ntarget = \"hf:org/a\"\nreason = \"ok\"\n\n[[exceptions]]\ntarget = \"hf:org/b\"\nreason = \"ok\"\nexpires = \"2027-02-30\"\n";
        let e = err(text);
        assert_eq!(e.line, 8, "{e}");
        assert_eq!(e.key.as_deref(), Some("exceptions[1].expires"));
        assert!(e.message.contains("2027-02-30"), "{e}");

        let e = err("[[exceptions]]\ntarget = \"hf:org/a\"\nreason = \"ok\"\nexpires = 2027-06-30T10:00:00\n");
        assert_eq!(e.line, 4, "{e}");

        let e = err("[[models]]\ntarget = \"hf:not a model\"\n");
        assert_eq!((e.line, e.column), (2, 10), "{e}");
        assert_eq!(e.key.as_deref(), Some("models[0].target"));

        let e = err("[policy]\nscan = \"severe\"\n");
        assert_eq!(e.key.as_deref(), Some("policy.scan"), "{e}");

        let e = err("[overrides.\"hf:org/x\"]\ndeny-tier = []\n");
        assert_eq!(e.line, 2, "{e}");

        let e = err("[discovery]\nexclude = [\"tests/**\", \"a[\"]\n");
        assert_eq!((e.line, e.column), (2, 24), "{e}");
        assert!(e.message.contains("invalid glob"), "{e}");

        let e = err("[policy\n");
        assert_eq!(e.line, 1, "{e}");
        assert!(e.to_string().starts_with("1:"), "{e}");
    }

    #[test]
    fn overrides_replace_only_their_keys_and_cover_revisions() {
        let p = Policy::parse(
            "[policy]\ndeny-tiers = [\"NC\"]\nosaid = true\n[overrides.\"hf:org/eval\"]\ndeny-tiers = []\n",
        )
        .unwrap();
        let eval = Target::parse_spec("hf:org/eval@abc").unwrap();
        let other = Target::parse_spec("hf:org/other").unwrap();
        assert_eq!(p.rules_for(&eval).deny_tiers, Some(vec![]));
        assert_eq!(p.rules_for(&eval).osaid, Some(true));
        assert_eq!(p.rules_for(&other).deny_tiers, Some(vec![Tier::NC]));
        assert!(!covers(
            &Target::parse_spec("hf:org/eval@v2").unwrap(),
            &eval
        ));
    }
}
