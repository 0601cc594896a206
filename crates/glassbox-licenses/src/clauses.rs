//! Restrictive clauses in a license text that matches no known license: use restrictions,
//! non-commercial terms, user thresholds, flow-down duties, revocability, unilateral changes and
//! bans on training other models. Each is cited by line, so that a custom model license is graded
//! from what it says (restricted, non-commercial) instead of only "unknown", and a reviewer sees
//! why.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use glassbox_core::Tier;
use serde::Serialize;

/// What a clause does to the licensee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClauseKind {
    /// Forbids uses of the model (fields, purposes, acceptable-use policies).
    UseRestriction,
    /// Commercial use forbidden or research only.
    NonCommercial,
    /// A separate license above a number of users.
    UserThreshold,
    /// The restrictions must be passed on to every recipient.
    FlowDown,
    /// The licensor may revoke the grant.
    Revocable,
    /// The licensor may change the terms.
    UnilateralChange,
    /// Forbids using the model to build other models.
    NoCompetingModels,
}

impl ClauseKind {
    /// As written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseKind::UseRestriction => "use restriction",
            ClauseKind::NonCommercial => "non-commercial",
            ClauseKind::UserThreshold => "user threshold",
            ClauseKind::FlowDown => "flow-down",
            ClauseKind::Revocable => "revocable grant",
            ClauseKind::UnilateralChange => "terms may change",
            ClauseKind::NoCompetingModels => "no competing models",
        }
    }
}

/// One restrictive clause: what it does and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clause {
    /// What the clause does.
    pub kind: ClauseKind,
    /// 1-based line where the phrase starts.
    pub line: u32,
    /// That line, trimmed and shortened.
    pub excerpt: String,
}

/// Phrases per kind, lower case with single spaces (the text is folded the same way, so a phrase
/// broken across lines still matches).
const PHRASES: &[(ClauseKind, &[&str])] = &[
    (
        ClauseKind::UseRestriction,
        &[
            "agree not to use",
            "shall not use the",
            "may not use the",
            "must not use the",
            "shall not be used",
            "use restrictions",
            "prohibited uses",
            "prohibited use",
            "acceptable use policy",
            "restrictions on use",
        ],
    ),
    (
        ClauseKind::NonCommercial,
        &[
            "non-commercial",
            "noncommercial",
            "not for commercial",
            "no commercial use",
            "research purposes only",
            "research use only",
            "commercial use is prohibited",
            "commercial use is not permitted",
        ],
    ),
    (
        ClauseKind::UserThreshold,
        &["monthly active users", "daily active users"],
    ),
    (
        ClauseKind::FlowDown,
        &[
            "enforceable provision",
            "include the use restrictions",
            "subject to the same restrictions",
            "flow-down",
        ],
    ),
    (ClauseKind::Revocable, &["revocable"]),
    (
        ClauseKind::UnilateralChange,
        &[
            "may update this license",
            "may modify this license",
            "may amend this license",
            "may change this license",
        ],
    ),
    (
        ClauseKind::NoCompetingModels,
        &[
            "improve or evaluate any other",
            "improve any other large language model",
            "train any other model",
            "competing model",
        ],
    ),
];

const MAX_EXCERPT: usize = 160;

fn matcher() -> &'static (AhoCorasick, Vec<ClauseKind>) {
    static M: OnceLock<(AhoCorasick, Vec<ClauseKind>)> = OnceLock::new();
    M.get_or_init(|| {
        let (kinds, phrases): (Vec<ClauseKind>, Vec<&str>) = PHRASES
            .iter()
            .flat_map(|(k, ps)| ps.iter().map(move |p| (*k, *p)))
            .unzip();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases)
            .expect("the clause phrases are valid patterns");
        (ac, kinds)
    })
}

/// The restrictive clauses of `text`: the first of each kind, in text order.
pub fn restrictive_clauses(text: &str) -> Vec<Clause> {
    // Fold to lower case with runs of whitespace as one space, remembering each folded byte's
    // line.
    let mut folded = String::with_capacity(text.len());
    let mut line_of: Vec<u32> = Vec::with_capacity(text.len());
    let mut line: u32 = 1;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if c == '\n' {
                line += 1;
            }
            space = !folded.is_empty();
            continue;
        }
        if space {
            folded.push(' ');
            line_of.push(line);
            space = false;
        }
        for l in c.to_lowercase() {
            folded.push(l);
            line_of.resize(folded.len(), line);
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let (ac, kinds) = matcher();
    let mut out: Vec<Clause> = Vec::new();
    for m in ac.find_iter(&folded) {
        let kind = kinds[m.pattern().as_usize()];
        // "irrevocable" grants are what open licenses give.
        if kind == ClauseKind::Revocable && folded[..m.start()].ends_with("ir") {
            continue;
        }
        // The first clause of each kind is cited; later mentions (a clause referring back to
        // "the use restrictions") add nothing a reviewer needs.
        if out.iter().any(|c| c.kind == kind) {
            continue;
        }
        let line = line_of[m.start()];
        let raw = lines.get(line as usize - 1).map_or("", |l| l.trim());
        let mut excerpt: String = raw.chars().take(MAX_EXCERPT).collect();
        if excerpt.len() < raw.len() {
            excerpt.push('…');
        }
        out.push(Clause {
            kind,
            line,
            excerpt,
        });
    }
    out
}

/// The tier a text's clauses put it in: non-commercial, restricted, or nothing to say.
pub fn tier_of(clauses: &[Clause]) -> Option<Tier> {
    if clauses.iter().any(|c| c.kind == ClauseKind::NonCommercial) {
        Some(Tier::NC)
    } else if clauses.is_empty() {
        None
    } else {
        Some(Tier::R)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACME: &str = "Acme Model License\n\n1. Grant. Acme grants you a non-exclusive, worldwide,\nnon-transferable, royalty-free, revocable license to use the Model.\n\n2. Use restrictions. You agree not to use the Model:\n(a) for any military purpose;\n(d) to train, improve or evaluate any other large language model.\n\n3. You must include the use restrictions of section 2 as an enforceable provision.\n\n4. If you had more than 1 million monthly\nactive users, request a license.\n\n5. Acme may update this License from time to time.\n";

    fn kinds(text: &str) -> Vec<(ClauseKind, u32)> {
        restrictive_clauses(text)
            .iter()
            .map(|c| (c.kind, c.line))
            .collect()
    }

    #[test]
    fn finds_each_clause_with_its_line() {
        use ClauseKind::*;
        assert_eq!(
            kinds(ACME),
            vec![
                (Revocable, 4),
                (UseRestriction, 6),
                (NoCompetingModels, 8),
                (FlowDown, 10),
                (UserThreshold, 12),
                (UnilateralChange, 15),
            ]
        );
        assert_eq!(tier_of(&restrictive_clauses(ACME)), Some(Tier::R));
        let c = &restrictive_clauses(ACME)[1];
        assert_eq!(
            c.excerpt,
            "2. Use restrictions. You agree not to use the Model:"
        );
    }

    #[test]
    fn irrevocable_grants_and_plain_permissions_say_nothing() {
        let mit_like = "Permission is hereby granted, free of charge, to any person, a perpetual,\nworldwide, irrevocable license to use, copy, modify and sell copies.";
        assert!(restrictive_clauses(mit_like).is_empty());
        assert_eq!(tier_of(&[]), None);
    }

    #[test]
    fn non_commercial_outranks_restricted() {
        let text =
            "You may use the Model for research purposes only.\nYou agree not to use it to harm.";
        let c = restrictive_clauses(text);
        assert_eq!(tier_of(&c), Some(Tier::NC));
        assert_eq!(c[0].kind, ClauseKind::NonCommercial);
    }

    #[test]
    fn long_lines_are_shortened() {
        let text = format!("{} you agree not to use it", "x".repeat(400));
        let c = restrictive_clauses(&text);
        assert!(c[0].excerpt.ends_with('…'));
        assert!(c[0].excerpt.chars().count() <= MAX_EXCERPT + 1);
    }
}
