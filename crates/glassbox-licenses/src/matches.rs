//! One match per license text in a file: the region's license, its lines, and whether it
//! differs from the license beyond what the SPDX matching guidelines allow.

use crate::method::Method;
use glassbox_core::{LicenseKind, Tier};
use serde::Serialize;

use crate::align::{align, Alignment};
use crate::fingerprint::{compare, Fingerprint};
use crate::normalize::Normalized;
use crate::segment::Region;
use crate::template::{templates, Template};
use crate::tokens::Token;
use crate::{Kb, LicenseInfo};

/// A template alignment covering this share of the required words is the whole license;
/// less is an excerpt.
const FULL_COVERAGE: f64 = 0.6;
/// Lines outside every match with at most this many words are titles and headings.
const HEADING_WORDS: usize = 10;
/// More words than this outside the only match of a file are additions to the license.
const MAX_OUTSIDE_WORDS: usize = 15;
/// Changed passages shown per match.
const MAX_SHOWN: usize = 12;

/// A passage that differs from the license: added to it or removed from it, with its lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `added` (in the file, not in the license) or `removed` (in the license, not in the file).
    pub kind: &'static str,
    /// First line of the passage in the file (for a removal: where it would be).
    pub start_line: u32,
    /// Last line of the passage in the file.
    pub end_line: u32,
    /// The passage: the file's lines for an addition, the license's words for a removal.
    pub text: String,
}

/// One license text found in a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextMatch {
    /// License, policy or notice.
    pub kind: LicenseKind,
    /// The license (for a modified text: name and tier adjusted, see `matched_tier`).
    pub license: Option<LicenseInfo>,
    /// Match score, 0 to 1 (1 for a text that differs only where the guidelines allow).
    pub score: f64,
    /// Share of the license's words present.
    pub coverage: f64,
    /// The text differs in substance from the license.
    pub modified: bool,
    /// `exact-text` (template or fingerprint), `text-match` (modified), `partial-text` (excerpt).
    pub method: Method,
    /// First line of the text (1-based).
    pub start_line: u32,
    /// Last line of the text.
    pub end_line: u32,
    /// Tier of the original license when the text is modified.
    pub matched_tier: Option<Tier>,
    /// What differs, with lines.
    pub changes: Vec<Change>,
    /// Where the reference came from (SPDX License List version, a repository file).
    pub reference: Option<String>,
}

/// The input as the matcher sees it.
pub(crate) struct Input<'a> {
    pub raw: &'a str,
    pub normalized: &'a Normalized,
    pub tokens: &'a [Token],
}

fn template_for(id: &str) -> Option<&'static Template> {
    let t = templates();
    t.get(id)
        .or_else(|| t.get(&id.replace("-or-later", "-only")))
}

fn lines_text(raw: &str, first: u32, last: u32) -> String {
    raw.lines()
        .skip(first.saturating_sub(1) as usize)
        .take((last + 1).saturating_sub(first) as usize)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(600)
        .collect()
}

/// Token index range of the lines `first..=last`.
fn token_range(tokens: &[Token], first: u32, last: u32) -> (usize, usize) {
    let a = tokens.partition_point(|t| t.line < first);
    let b = tokens.partition_point(|t| t.line <= last);
    (a, b.max(a))
}

/// Builds the match of one region. `window` is the line range the region may extend into
/// (up to its neighbours), `alone` whether it is the only match of the file (then substantial
/// text around it is an addition to the license).
pub(crate) fn text_match(
    kb: &Kb,
    fps: &[Fingerprint],
    input: &Input<'_>,
    region: &Region,
    window: (u32, u32),
    alone: bool,
) -> Option<TextMatch> {
    let fp = &fps[region.fp];
    let info = kb.by_id(&fp.id)?;
    let (w0, w1) = token_range(input.tokens, window.0, window.1);
    let window_tokens = &input.tokens[w0..w1];
    let mut changes = Vec::new();
    let mut preamble_end = None;
    let (start_line, end_line, coverage, reference, span) = match template_for(&fp.id) {
        Some(t) => {
            let a: Alignment = align(t, window_tokens);
            if a.span.1 <= a.span.0 {
                return None;
            }
            preamble_end = window_tokens.get(a.first_aligned).map(|t| t.line);
            let line_of = |i: usize| window_tokens[i.min(window_tokens.len() - 1)].line;
            for &(s, e) in &a.added {
                changes.push(Change {
                    kind: "added",
                    start_line: line_of(s),
                    end_line: line_of(e.saturating_sub(1).max(s)),
                    text: lines_text(input.raw, line_of(s), line_of(e.saturating_sub(1).max(s))),
                });
            }
            for &((s, e), at) in &a.removed {
                let words: Vec<&str> = t.texts[s..e].iter().map(String::as_str).collect();
                let line = input.tokens.get(w0 + at).map_or(window.0, |t| t.line);
                changes.push(Change {
                    kind: "removed",
                    start_line: line,
                    end_line: line,
                    text: words.join(" ").chars().take(600).collect(),
                });
            }
            (
                line_of(a.span.0),
                line_of(a.span.1 - 1),
                a.coverage(t),
                t.source.clone(),
                (w0 + a.span.0, w0 + a.span.1),
            )
        }
        None => {
            let sub = Normalized {
                sentences: input.normalized.sentences[region.first..=region.last].to_vec(),
                words: input.normalized.sentences[region.first..=region.last]
                    .iter()
                    .map(|s| u64::from(s.words))
                    .sum(),
                ..Default::default()
            };
            let set = sub.sentences.iter().map(|s| s.hash).collect();
            let c = compare(&sub, &set, fp);
            for &i in &c.added {
                let (s, e) = input.normalized.lines[region.first + i];
                changes.push(Change {
                    kind: "added",
                    start_line: s,
                    end_line: e,
                    text: input
                        .normalized
                        .texts
                        .as_ref()
                        .map(|t| t[region.first + i].clone())
                        .unwrap_or_else(|| lines_text(input.raw, s, e)),
                });
            }
            if c.removed > 0 && c.coverage >= FULL_COVERAGE {
                changes.push(Change {
                    kind: "removed",
                    start_line: input.normalized.lines[region.first].0,
                    end_line: input.normalized.lines[region.last].1,
                    text: format!("{} sentence(s) of the known text are missing", c.removed),
                });
            }
            let (s, e) = (
                input.normalized.lines[region.first].0,
                input.normalized.lines[region.last].1,
            );
            let (a, b) = token_range(input.tokens, s, e);
            (s, e, c.coverage, fp.source.clone(), (a, b))
        }
    };
    let full = coverage >= FULL_COVERAGE;
    if alone && full {
        changes.extend(outside_text(input, span, preamble_end));
    }
    let modified = full
        && changes
            .iter()
            .any(|c| c.kind == "added" || c.kind == "removed");
    let mut m = TextMatch {
        kind: info.kind,
        license: None,
        score: 1.0,
        coverage: round(coverage),
        modified,
        method: if !full {
            Method::PartialText
        } else if modified {
            Method::TextMatch
        } else {
            Method::ExactText
        },
        start_line,
        end_line,
        matched_tier: None,
        changes: Vec::new(),
        reference: Some(reference),
    };
    if !full {
        m.score = round(coverage * 0.9);
    } else if modified {
        let changed: usize = changes.len();
        m.score = round((1.0 - 0.05 * changed as f64).clamp(0.5, 0.99));
    }
    m.license = Some(if modified {
        crate::identify::modified_info(info, &changes, &mut m.matched_tier)
    } else {
        info
    });
    changes.truncate(MAX_SHOWN);
    m.changes = changes;
    Some(m)
}

/// Prose in the file before or after the only license text: an addition (an addendum, a
/// preamble that changes the terms), unless it is titles and headings.
fn outside_text(input: &Input<'_>, span: (usize, usize), preamble_end: Option<u32>) -> Vec<Change> {
    let mut out = Vec::new();
    let tokens = input.tokens;
    if span.1 <= span.0 || span.1 > tokens.len() {
        return out;
    }
    let first_line = preamble_end.unwrap_or(tokens[span.0].line);
    let last_line = tokens[span.1 - 1].line;
    // Text before the license is a preamble or a notice, unless it restricts use ("for
    // non-commercial use only, the following license applies"), which changes the terms.
    if first_line > 1 {
        let preamble = lines_text(input.raw, 1, first_line - 1);
        if !crate::clauses::restrictive_clauses(&preamble).is_empty() {
            out.push(Change {
                kind: "added",
                start_line: 1,
                end_line: first_line - 1,
                text: preamble,
            });
        }
    }
    let after: Vec<Token> = tokens[span.1..]
        .iter()
        .filter(|t| t.line > last_line)
        .copied()
        .collect();
    // Text before the license is a preamble or a notice (what the file covers, where the code
    // came from): the caller reads it for a pointer to another license. Text after it adds to
    // the terms (an addendum, an exception).
    {
        let toks = &after[..];
        let mut per_line: Vec<(u32, usize)> = Vec::new();
        for t in toks {
            match per_line.last_mut() {
                Some((l, n)) if *l == t.line => *n += 1,
                _ => per_line.push((t.line, 1)),
            }
        }
        let raw_lines: Vec<&str> = input.raw.lines().collect();
        let sentence = |l: u32| {
            raw_lines
                .get(l as usize - 1)
                .is_some_and(|x| x.trim_end().ends_with(['.', ';']))
        };
        let prose: Vec<(u32, usize)> = per_line
            .into_iter()
            .filter(|(l, n)| *n > HEADING_WORDS || sentence(*l) || toks.len() > 3 * HEADING_WORDS)
            .collect();
        let words: usize = prose.iter().map(|(_, n)| n).sum();
        if words > MAX_OUTSIDE_WORDS || (words >= 3 && prose.iter().any(|(l, _)| sentence(*l))) {
            let (s, e) = (prose[0].0, prose[prose.len() - 1].0);
            out.push(Change {
                kind: "added",
                start_line: s,
                end_line: e,
                text: lines_text(input.raw, s, e),
            });
        }
    }
    out
}

/// Orders candidate matches of one region: a complete unmodified match first, then the
/// score, then the more complete.
pub(crate) fn rank(m: &TextMatch) -> f64 {
    let exact = if m.method == Method::ExactText {
        10.0
    } else {
        0.0
    };
    exact + m.score + m.coverage / 10.0
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
