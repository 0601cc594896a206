//! Identification of a license text: fingerprints (full texts), then title and notice phrases,
//! then `SPDX-License-Identifier` tags, then "looks like a license" or unknown.
//!
//! About 860 lines: the identification stages share the normalised text and the score
//! thresholds; matching itself lives in `matches.rs`, `template.rs` and `align.rs`.

use crate::method::Method;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use glassbox_core::{LicenseKind, Tier};
use serde::Serialize;

use crate::fingerprint::{compare, Comparison, Fingerprint};
use crate::load::Tables;
use crate::model::Origin;
use crate::normalize::{normalize_with, Normalized};
use crate::{Kb, LicenseInfo};

/// Files are read up to this many bytes; a longer file is identified from its prefix.
pub const MAX_FILE_BYTES: usize = 10 << 20;

/// A fingerprint match counts from this Dice score (or this coverage of the reference).
const MATCH_SCORE: f64 = 0.5;
const MATCH_COVERAGE: f64 = 0.8;
/// The askalono score from which a text with few sentences in common is an SPDX license.
const ASKALONO_MATCH: f64 = 0.8;
/// An excerpt: most of the input is found in one reference.
const EXCERPT_PRECISION: f64 = 0.8;
const EXCERPT_MIN_WORDS: u64 = 25;
/// A title phrase must start within this many bytes of the normalised text.
const TITLE_WINDOW: usize = 400;
/// A text pointing to a license by a notice is a notice only when it is this short (in words).
const NOTICE_MAX_WORDS: u64 = 400;
/// Added sentences shown in a result.
const MAX_SHOWN_CHANGES: usize = 12;

/// The result of identifying a license text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identification {
    /// License, policy, notice or unknown.
    pub kind: LicenseKind,
    /// The best match, when there is one. For a modified text this is the matched license with
    /// the tier and name adjusted (see `matched_tier`).
    pub license: Option<LicenseInfo>,
    /// Match score, 0 to 1.
    pub score: f64,
    /// The text differs from the known text (a sentence added, removed or changed).
    pub modified: bool,
    /// How it was identified.
    pub method: Method,
    /// Share of the known text found in the input (1 for a complete copy).
    pub coverage: f64,
    /// Tier of the original license when the text is modified.
    pub matched_tier: Option<Tier>,
    /// Normalised sentences of the input that are not in the known text (first few).
    pub added: Vec<String>,
    /// Number of sentences of the known text missing from the input.
    pub removed: usize,
    /// Where the known text came from.
    pub reference: Option<String>,
    /// Remarks: truncation, invalid UTF-8, what could not be checked.
    pub notes: Vec<String>,
    /// For a license that matches no known text: its restrictive clauses, by line.
    pub clauses: Vec<crate::Clause>,
    /// Every license text found in the file, in reading order, with its lines. A file holding
    /// several texts (NOTICE, third-party notices, code and model terms together) has several;
    /// the fields above then describe the first.
    pub matches: Vec<crate::matches::TextMatch>,
    /// What differs from the license, with lines (added and removed passages).
    pub changes: Vec<crate::matches::Change>,
}

impl Identification {
    /// The tier: the matched license's, else what an unrecognised license's clauses say
    /// (non-commercial, restricted), else none.
    pub fn tier(&self) -> Tier {
        self.license
            .as_ref()
            .map(|l| l.tier)
            .or_else(|| crate::clauses::tier_of(&self.clauses))
            .unwrap_or(Tier::None)
    }
}

impl Identification {
    fn empty(kind: LicenseKind, method: Method) -> Self {
        Identification {
            kind,
            license: None,
            score: 0.0,
            modified: false,
            method,
            coverage: 0.0,
            matched_tier: None,
            added: Vec::new(),
            removed: 0,
            reference: None,
            notes: Vec::new(),
            clauses: Vec::new(),
            matches: Vec::new(),
            changes: Vec::new(),
        }
    }
}

/// Fingerprints of the SPDX texts and the knowledge base, with a sentence index.
pub(crate) struct Index {
    fps: Vec<Fingerprint>,
    /// Sentence hash -> fingerprints that contain it.
    postings: HashMap<u64, Vec<u32>>,
    phrases: AhoCorasick,
}

impl Index {
    pub(crate) fn build(t: &Tables) -> Index {
        let mut fps: Vec<Fingerprint> = t.fingerprints.clone();
        // Deprecated ids share their text with a current id and are left out (build.rs).
        fps.extend(spdx_fingerprints());
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, fp) in fps.iter().enumerate() {
            for h in &fp.set {
                postings.entry(*h).or_default().push(i as u32);
            }
        }
        let phrases = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(t.phrases.iter().map(|p| p.text.as_str()))
            .expect("phrases are short literal strings");
        Index {
            fps,
            postings,
            phrases,
        }
    }
}

/// Reads the SPDX fingerprints build.rs computed. The data is produced by the same build, so
/// a short read can only be a build defect; it ends the list rather than panicking.
fn spdx_fingerprints() -> Vec<Fingerprint> {
    static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/spdx_fingerprints.bin"));
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = b.split_at_checked(n)?;
        *b = rest;
        Some(head)
    }
    fn u32_(b: &mut &[u8]) -> Option<u32> {
        take(b, 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
    }
    let mut b = DATA;
    let mut out = Vec::new();
    let Some(n) = u32_(&mut b) else { return out };
    let source = format!("SPDX License List {}", spdx::license_version());
    for _ in 0..n {
        let parsed = (|| {
            let len = take(&mut b, 2).map(|x| u16::from_le_bytes([x[0], x[1]]))? as usize;
            let id = std::str::from_utf8(take(&mut b, len)?).ok()?.to_string();
            let count = u32_(&mut b)? as usize;
            let mut sentences = Vec::with_capacity(count.min(100_000));
            for _ in 0..count {
                let h = take(&mut b, 8)?;
                let hash = u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]]);
                sentences.push(crate::normalize::Sentence {
                    hash,
                    words: u32_(&mut b)?,
                });
            }
            Some(Fingerprint::from_sentences(&id, &source, sentences))
        })();
        match parsed {
            Some(fp) if !fp.sentences.is_empty() => out.push(fp),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Decodes file bytes for identification: a bounded prefix, UTF-16 by its BOM, invalid UTF-8
/// replaced. Binary data is reported, not decoded.
pub(crate) fn identify_bytes(kb: &Kb, bytes: &[u8]) -> Identification {
    let mut notes = Vec::new();
    let bytes = if bytes.len() > MAX_FILE_BYTES {
        notes.push(format!("file longer than {MAX_FILE_BYTES} bytes: identified from its first {MAX_FILE_BYTES} bytes"));
        &bytes[..MAX_FILE_BYTES]
    } else {
        bytes
    };
    let text = if let Some(t) = decode_utf16(bytes) {
        t
    } else {
        if looks_binary(bytes) {
            let mut r = Identification::empty(LicenseKind::Unknown, Method::Binary);
            r.notes
                .push("binary data (NUL or control bytes): not a license text".into());
            return r;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                notes.push("invalid UTF-8: undecodable bytes replaced".into());
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    let mut r = identify(kb, &text);
    r.notes.splice(0..0, notes);
    r
}

fn decode_utf16(b: &[u8]) -> Option<String> {
    let le = match b {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = b[2..].chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// NUL bytes, or many control bytes, in the first 8 KiB.
fn looks_binary(b: &[u8]) -> bool {
    let head = &b[..b.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len().max(1)
}

pub(crate) fn identify(kb: &Kb, text: &str) -> Identification {
    if text.trim().is_empty() {
        return Identification::empty(LicenseKind::Unknown, Method::Empty);
    }
    let t = kb.tables();
    let index = kb.index();
    let input = normalize_with(text, true);
    let mut notes = Vec::new();
    if input.truncated {
        notes.push("text cut to its first 1 MiB for matching".to_string());
    }
    let mut r = by_regions(kb, index, &input, text)
        .or_else(|| best_fingerprint(kb, t, index, &input, text))
        .or_else(|| by_phrase(kb, t, index, &input))
        .or_else(|| by_spdx_tag(kb, text))
        .unwrap_or_else(|| {
            let clauses = crate::clauses::restrictive_clauses(text);
            if looks_like_license(&input, &clauses) {
                let mut r = Identification::empty(LicenseKind::License, Method::Unrecognised);
                r.clauses = clauses;
                r.notes.push(match crate::clauses::tier_of(&r.clauses) {
                    Some(tier) => format!(
                        "reads like a license but matches no known text; graded {} from its {} restrictive clause(s) until reviewed",
                        tier.as_str(),
                        r.clauses.len()
                    ),
                    None => "reads like a license but matches no known text: treat as all rights reserved until reviewed".into(),
                });
                r
            } else if is_copyright_notice(text, &input) {
                let mut r = Identification::empty(LicenseKind::Notice, Method::CopyrightNotice);
                r.notes
                    .push("copyright or attribution statements, no license terms".into());
                r
            } else {
                Identification::empty(LicenseKind::Unknown, Method::None)
            }
        });
    r.notes.splice(0..0, notes);
    r
}

/// The license texts of the file, each matched in its own lines against the SPDX template
/// (or the known text's fingerprint when there is no template).
fn by_regions(kb: &Kb, index: &Index, input: &Normalized, raw: &str) -> Option<Identification> {
    let regions = crate::segment::regions(input, &index.fps, &index.postings);
    if regions.is_empty() {
        return None;
    }
    let raw = crate::normalize::cut(raw, crate::normalize::MAX_TEXT_BYTES).0;
    let tokens = crate::tokens::tokenize(raw);
    let view = crate::matches::Input {
        raw,
        normalized: input,
        tokens: &tokens,
    };
    let last_line = raw.lines().count() as u32;
    let alone = regions.len() == 1;
    let mut matches = Vec::new();
    for (k, r) in regions.iter().enumerate() {
        let from = if k == 0 {
            1
        } else {
            input.lines[regions[k - 1].last].1 + 1
        };
        let to = regions
            .get(k + 1)
            .map_or(last_line, |n| input.lines[n.first].0.saturating_sub(1));
        let first = crate::matches::text_match(kb, &index.fps, &view, r, (from, to), alone);
        // An exact, complete match needs no rival; otherwise the close alternatives are
        // aligned too and the best one wins.
        let settled = first
            .as_ref()
            .is_some_and(|m| m.method == Method::ExactText && m.coverage >= 0.95);
        let best = first
            .into_iter()
            .chain(
                r.alternatives
                    .iter()
                    .copied()
                    .take(if settled { 0 } else { 6 })
                    .filter_map(|fp| {
                        let mut alt = r.clone();
                        alt.fp = fp;
                        crate::matches::text_match(kb, &index.fps, &view, &alt, (from, to), alone)
                    }),
            )
            .max_by(|a, b| crate::matches::rank(a).total_cmp(&crate::matches::rank(b)));
        // A sliver of a long text (a license header that another license quotes) is noise.
        if let Some(m) = best.filter(|m| m.method != Method::PartialText || m.coverage >= 0.3) {
            matches.push(m);
        }
    }
    if let Some(notice) = matches
        .first()
        .and_then(|m| leading_notice(kb, index, raw, m))
    {
        matches.insert(0, notice);
    }
    // A region whose template alignment found nothing is dropped; a text that is mostly an
    // excerpt is left to the older, more tolerant paths.
    let first = matches.first()?.clone();
    if matches.len() == 1 && first.method == Method::PartialText {
        return None;
    }
    let mut r = Identification::empty(first.kind, first.method);
    r.license = first.license.clone();
    r.score = first.score;
    r.coverage = first.coverage;
    r.modified = first.modified;
    r.matched_tier = first.matched_tier;
    r.reference = first.reference.clone();
    r.changes = first.changes.clone();
    r.added = first
        .changes
        .iter()
        .filter(|c| c.kind == "added")
        .map(|c| c.text.clone())
        .collect();
    r.removed = first.changes.iter().filter(|c| c.kind == "removed").count();
    r.matches = matches;
    Some(r)
}

/// A notice before the first license text that points to another license ("X is licensed
/// under the Tencent Hunyuan Community License except for the third-party components listed
/// below"): the file is a NOTICE, and the text after it is third-party terms.
fn leading_notice(
    kb: &Kb,
    index: &Index,
    raw: &str,
    first: &crate::matches::TextMatch,
) -> Option<crate::matches::TextMatch> {
    if first.start_line <= 1 {
        return None;
    }
    let end = first.start_line - 1;
    let prefix: String = raw
        .lines()
        .take(end as usize)
        .collect::<Vec<_>>()
        .join("\n");
    let n = crate::normalize::normalize(&prefix);
    if n.words < 5 {
        return None;
    }
    let t = kb.tables();
    let found = index
        .phrases
        .find_overlapping_iter(&n.flat)
        .map(|m| &t.phrases[m.pattern().as_usize()])
        .max_by_key(|p| p.text.len())?;
    let info = t.entries[found.entry].clone();
    if first.license.as_ref().is_some_and(|l| l.id == info.id) {
        return None;
    }
    Some(crate::matches::TextMatch {
        kind: LicenseKind::Notice,
        license: Some(info),
        score: 0.9,
        coverage: 0.0,
        modified: false,
        method: Method::NoticePhrase,
        start_line: 1,
        end_line: end,
        matched_tier: None,
        changes: Vec::new(),
        reference: None,
    })
}

fn best_fingerprint(
    kb: &Kb,
    t: &Tables,
    index: &Index,
    input: &Normalized,
    raw: &str,
) -> Option<Identification> {
    let mut sample = Sample::new(raw);
    let input_set: HashSet<u64> = input.sentences.iter().map(|s| s.hash).collect();
    // Words each fingerprint shares with the input, from the postings: only fingerprints
    // sharing a sentence are compared in full.
    let mut shared: HashMap<u32, u64> = HashMap::new();
    let mut counted = HashSet::new();
    for s in &input.sentences {
        if !counted.insert(s.hash) {
            continue;
        }
        if let Some(ps) = index.postings.get(&s.hash) {
            for &p in ps {
                *shared.entry(p).or_default() += u64::from(s.words);
            }
        }
    }
    let mut best: Option<(usize, Comparison)> = None;
    for (&fp, &common) in &shared {
        let f = &index.fps[fp as usize];
        let upper = 2.0 * common as f64 / (input.words + f.words) as f64;
        if best.as_ref().is_some_and(|(_, b)| upper < b.score) {
            continue;
        }
        let c = compare(input, &input_set, f);
        let better = match &best {
            None => true,
            Some((bi, b)) => {
                c.score > b.score
                    || (c.score == b.score
                        && (c.modified(), &f.id) < (b.modified(), &index.fps[*bi].id))
            }
        };
        if better {
            best = Some((fp as usize, c));
        }
    }
    let (mut fp, mut c) = best?;
    let mut full = c.score >= MATCH_SCORE || c.coverage >= MATCH_COVERAGE;
    let excerpt = !full && c.precision >= EXCERPT_PRECISION && input.words >= EXCERPT_MIN_WORDS;
    let mut spdx_rescue = None;
    if !full && !excerpt {
        // Short SPDX texts (MIT, BSD) are a handful of long sentences: one changed clause
        // leaves few sentences in common. The askalono word-bigram score of the spdx crate
        // still sees the license; the text is then a modified copy of it.
        let mut cands: Vec<(u32, u64)> = shared
            .iter()
            .map(|(&k, &v)| (k, v))
            .filter(|(k, _)| spdx::license_id(&index.fps[*k as usize].id).is_some())
            .collect();
        cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let best_spdx = cands
            .iter()
            .take(3)
            .filter_map(|&(k, _)| {
                sample
                    .score(&index.fps[k as usize].id)
                    .map(|s| (k as usize, s))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best_spdx {
            Some((k, s)) if s >= ASKALONO_MATCH => {
                fp = k;
                c = compare(input, &input_set, &index.fps[k]);
                full = true;
                spdx_rescue = Some(s);
            }
            _ => return None,
        }
    }
    let f = &index.fps[fp];
    // A title phrase of another version in the same family outranks a weak body match: the
    // versions share most of their text.
    let info = kb.by_id(&f.id)?;
    let mut score = if c.modified() { c.score } else { 1.0 };
    let mut method = if !c.modified() {
        Method::ExactText
    } else if full {
        Method::TextMatch
    } else {
        Method::PartialText
    };
    if excerpt {
        score = c.precision * 0.9;
    }
    if let Some(s) = spdx_rescue {
        score = s;
        method = Method::TextMatchSpdx;
    } else if method != Method::ExactText
        && (info.origin == Origin::SpdxList || info.spdx.is_some())
    {
        if let Some(s) = sample.score(&f.id) {
            score = s;
            if method == Method::TextMatch {
                method = Method::TextMatchSpdx;
            }
        }
    }
    let _ = t;
    let mut r = Identification::empty(info.kind, method);
    r.score = round(score);
    r.coverage = round(c.coverage);
    r.removed = c.removed;
    r.reference = Some(f.source.clone());
    if let Some(texts) = &input.texts {
        r.added = c
            .added
            .iter()
            .take(MAX_SHOWN_CHANGES)
            .map(|&i| texts[i].clone())
            .collect();
    }
    if excerpt {
        r.notes.push(format!(
            "an excerpt: {:.0}% of the known text is present",
            c.coverage * 100.0
        ));
    }
    r.modified = c.modified();
    r.license = Some(if r.modified {
        modified_info(info, &added_changes(&r.added), &mut r.matched_tier)
    } else {
        info
    });
    Some(r)
}

/// The input as the spdx crate's askalono matcher sees it, built on first use: its regex
/// normalisation is the slow part, so it runs only for texts that need a score against an
/// SPDX text. Reference texts are built once per license and kept.
struct Sample<'a> {
    raw: &'a str,
    data: Option<spdx::detection::TextData>,
}

impl<'a> Sample<'a> {
    fn new(raw: &'a str) -> Self {
        Sample {
            raw: crate::normalize::cut(raw, crate::normalize::MAX_TEXT_BYTES).0,
            data: None,
        }
    }

    fn score(&mut self, id: &str) -> Option<f64> {
        use spdx::detection::TextData;
        static CACHE: OnceLock<Mutex<HashMap<String, TextData>>> = OnceLock::new();
        let text = spdx::license_id(id)?.text();
        let raw = self.raw;
        let sample = self
            .data
            .get_or_insert_with(|| TextData::new(raw).without_text());
        let cache = CACHE.get_or_init(Default::default);
        let mut map = cache.lock().ok()?;
        let reference = map
            .entry(id.to_string())
            .or_insert_with(|| TextData::new(text).without_text());
        Some(f64::from(sample.match_score(reference)))
    }
}

/// A modified text (#11): added sentences with a restrictive clause (use restrictions,
/// non-commercial, thresholds, revocation, flow-down, no competing models) or a removed grant
/// (patent license, sublicense, commercial use) lower the tier; any other substantive change
/// keeps the original tier but the text is no longer the OSI-approved license as is, and it
/// asks for review.
pub(crate) fn modified_info(
    mut info: LicenseInfo,
    changes: &[crate::matches::Change],
    matched: &mut Option<Tier>,
) -> LicenseInfo {
    *matched = Some(info.tier);
    let added: String = changes
        .iter()
        .filter(|c| c.kind == "added")
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let removed: String = changes
        .iter()
        .filter(|c| c.kind == "removed")
        .map(|c| c.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let clauses = crate::clauses::restrictive_clauses(&added);
    let mut floor = crate::clauses::tier_of(&clauses);
    let lost_grant = [
        "patent license",
        "sublicense",
        "commercial",
        "hereby grant",
        "grants to you",
    ]
    .iter()
    .any(|g| removed.contains(g));
    if lost_grant {
        floor = Some(floor.map_or(Tier::R, |t| t.most_restrictive(Tier::R)));
    }
    if let Some(f) = floor {
        info.tier = info.tier.most_restrictive(f);
        if f == Tier::NC {
            info.flags.non_commercial = true;
        }
    }
    info.osi_approved = false;
    info.flags.osi_approved = false;
    info.name = format!("{} (modified)", info.name);
    info.origin = Origin::Derived;
    let why = match (floor, lost_grant) {
        (Some(_), true) => "a grant of the original was removed",
        (Some(_), false) => "the added text restricts use",
        _ => "the changes add no restriction the matcher knows, but nobody has reviewed them",
    };
    info.notes.insert(
        0,
        format!(
            "Modified text: graded {} (the original is {}): {why}; it is not the original license as published, so review the changed passages.",
            info.tier.as_str(),
            matched.map(Tier::as_str).unwrap_or("?")
        ),
    );
    info.obligations.push(
        "Read the clauses that differ from the original: they may add duties or restrictions."
            .into(),
    );
    info
}

/// Changes from the sentences a fingerprint comparison found added.
fn added_changes(added: &[String]) -> Vec<crate::matches::Change> {
    added
        .iter()
        .map(|t| crate::matches::Change {
            kind: "added",
            start_line: 0,
            end_line: 0,
            text: t.clone(),
        })
        .collect()
}

fn by_phrase(kb: &Kb, t: &Tables, index: &Index, input: &Normalized) -> Option<Identification> {
    // The longest title phrase wins (a version's title line outranks the family's name); a
    // notice counts only when no title does.
    let mut best_title: Option<(usize, usize)> = None;
    let mut best_notice: Option<(usize, usize)> = None;
    for m in index.phrases.find_overlapping_iter(&input.flat) {
        let p = &t.phrases[m.pattern().as_usize()];
        // A title counts only at the head of the text; further down it is a mention (a README
        // listing licenses), not the license itself.
        if !p.notice && m.start() > TITLE_WINDOW {
            continue;
        }
        let slot = if p.notice {
            &mut best_notice
        } else {
            &mut best_title
        };
        if slot.is_none_or(|(_, len)| p.text.len() > len) {
            *slot = Some((m.pattern().as_usize(), p.text.len()));
        }
    }
    let (pi, notice) = match (best_title, best_notice) {
        (Some((p, _)), _) => (p, false),
        (None, Some((p, _))) if input.words <= NOTICE_MAX_WORDS => (p, true),
        _ => return None,
    };
    let p = &t.phrases[pi];
    let info = t.entries[p.entry].clone();
    let has_text = index.fps.iter().any(|f| f.id == info.id);
    if notice {
        let mut r = Identification::empty(LicenseKind::Notice, Method::NoticePhrase);
        r.score = 0.9;
        r.license = Some(info);
        return Some(r);
    }
    let mut r = Identification::empty(info.kind, Method::TitlePhrase);
    if has_text {
        // The title of a license whose text glassbox knows: the body decides whether it is an
        // excerpt of that text or a changed one.
        let input_set: HashSet<u64> = input.sentences.iter().map(|s| s.hash).collect();
        let c = index
            .fps
            .iter()
            .filter(|f| f.id == info.id)
            .map(|f| (f, compare(input, &input_set, f)))
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score));
        if let Some((f, c)) = c {
            r.reference = Some(f.source.clone());
            r.coverage = round(c.coverage);
            r.removed = c.removed;
            if c.coverage < 0.1 && input.words <= NOTICE_MAX_WORDS {
                // A short text that names the license in its first lines and holds none of
                // its clauses points to it ("DBRX is provided under … the Databricks Open
                // Model License"): a notice, not a changed copy.
                let mut n = Identification::empty(LicenseKind::Notice, Method::NoticePhrase);
                n.score = 0.8;
                n.license = Some(info);
                return Some(n);
            }
            if !c.added.is_empty() {
                r.modified = true;
                r.score = round(c.score.max(0.3));
                if let Some(texts) = &input.texts {
                    r.added = c
                        .added
                        .iter()
                        .take(MAX_SHOWN_CHANGES)
                        .map(|&i| texts[i].clone())
                        .collect();
                }
                r.notes
                    .push("the title matches but the body differs from the known text".into());
                r.license = Some(modified_info(
                    info,
                    &added_changes(&r.added),
                    &mut r.matched_tier,
                ));
                return Some(r);
            }
        }
        r.score = 0.6;
        r.notes
            .push("an excerpt (title and matching sentences) of the known text".into());
    } else {
        r.score = 0.7;
        r.notes.push("glassbox does not hold this license's full text: identified by its title only, changes cannot be seen".into());
    }
    r.license = Some(info);
    let _ = kb;
    Some(r)
}

fn by_spdx_tag(kb: &Kb, text: &str) -> Option<Identification> {
    const TAG: &str = "spdx-license-identifier:";
    for line in text.lines().take(2000) {
        let lower = line.to_ascii_lowercase();
        if let Some(pos) = lower.find(TAG) {
            let expr = line[pos + TAG.len()..]
                .trim()
                .trim_end_matches(['*', '/', '-', '>', '#'])
                .trim();
            let mut r = Identification::empty(LicenseKind::Notice, Method::SpdxId);
            match kb.expression(expr) {
                Ok(l) => {
                    r.score = 1.0;
                    r.license = Some(l);
                }
                Err(e) => r.notes.push(e.to_string()),
            }
            return Some(r);
        }
    }
    None
}

/// Only licenses are licenses (#11): a text is one when it grants or restricts rights itself
/// (grant language, defined licensor and licensee, conditions of use), not when it talks about
/// licenses. A README or a design note that discusses "non-commercial" or "revocable" terms
/// has the vocabulary but not the operative sentences.
fn looks_like_license(input: &Normalized, clauses: &[crate::Clause]) -> bool {
    let f = &input.flat;
    if input.words < 40 {
        return false;
    }
    let vocabulary = [
        " license",
        " licensor",
        " licensee",
        " warranty",
        " liability",
        " permission",
        " grant",
        " copyright",
        " rights",
        " terms and conditions",
        " royalty",
        " sublicense",
    ]
    .iter()
    .filter(|k| f.contains(*k))
    .count();
    let operative = [
        " hereby grant",
        " hereby grants",
        " grants you",
        " is granted",
        " are granted",
        " you may not ",
        " you shall ",
        " licensee shall",
        " licensee may",
        " licensee must",
        " licensor grants",
        " grants the licensee",
        " conditions of this license",
        " you agree ",
        " you will not ",
        " subject to the terms",
        " subject to the following",
        " in no event shall",
        " in no event will",
        " provided as is",
        " on an as is basis",
        " shall terminate",
        " may terminate this",
        " this agreement ",
        " the terms of this license",
        " under this license",
        " under this agreement",
    ]
    .iter()
    .filter(|k| f.contains(*k))
    .count();
    let defined = f.contains(" licensee means")
        || f.contains(" licensor means")
        || f.contains(" you means")
        || f.contains(" you or your means")
        || f.contains(" agreement means")
        || f.contains(" shall mean ");
    let mut kinds: Vec<_> = clauses.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    vocabulary >= 2 && (operative >= 3 || (operative >= 2 && (defined || !kinds.is_empty())))
}

/// A NOTICE-style file: copyright statements and attributions, no terms.
fn is_copyright_notice(text: &str, input: &Normalized) -> bool {
    let has_copyright = text
        .lines()
        .any(|l| crate::normalize::is_copyright_line(l.trim()));
    let attribution = input.flat.contains(" this product includes ")
        || input.flat.contains(" developed by ")
        || input.flat.contains(" contributors ");
    (has_copyright || attribution) && input.words < 150
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
