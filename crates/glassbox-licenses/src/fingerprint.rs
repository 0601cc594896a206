//! Fingerprints of known license texts: the hash and length of every normalised sentence.
//!
//! A fingerprint lets glassbox tell an exact copy from a modified one without shipping the
//! text: a sentence of the input that is not in the fingerprint was added or changed, a
//! sentence of the fingerprint missing from the input was removed or changed. The files in
//! `kb/fingerprints/` are written by `cargo run -p glassbox-licenses --example fingerprint`.

use std::collections::HashSet;

use crate::normalize::{normalize, Normalized, Sentence};

/// Header line of a fingerprint file.
pub const HEADER: &str = "# glassbox license fingerprint v1";

/// One known text.
#[derive(Debug, Clone)]
pub(crate) struct Fingerprint {
    /// Id of the license the text belongs to.
    pub id: String,
    /// Where the text comes from.
    pub source: String,
    pub sentences: Vec<Sentence>,
    pub set: HashSet<u64>,
    pub words: u64,
}

impl Fingerprint {
    pub(crate) fn from_sentences(id: &str, source: &str, sentences: Vec<Sentence>) -> Self {
        let set = sentences.iter().map(|s| s.hash).collect();
        let words = sentences.iter().map(|s| u64::from(s.words)).sum();
        Fingerprint {
            id: id.to_string(),
            source: source.to_string(),
            sentences,
            set,
            words,
        }
    }

    #[cfg(test)]
    pub(crate) fn from_text(id: &str, source: &str, text: &str) -> Self {
        Self::from_sentences(id, source, normalize(text).sentences)
    }

    /// Parses a `.fp` file.
    pub(crate) fn parse(file: &str, body: &str) -> Result<Self, String> {
        let mut lines = body.lines();
        if lines.next() != Some(HEADER) {
            return Err(format!("{file}: first line must be `{HEADER}`"));
        }
        let mut id = None;
        let mut source = String::new();
        let mut sentences = Vec::new();
        for (n, line) in lines.enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(v) = line.strip_prefix("id:") {
                id = Some(v.trim().to_string());
            } else if let Some(v) = line.strip_prefix("source:") {
                source = v.trim().to_string();
            } else if line.starts_with("file:") {
                // Where the regeneration script finds the text; not needed at run time.
            } else {
                let (h, w) = line
                    .split_once(' ')
                    .ok_or_else(|| format!("{file}:{}: expected `HASH WORDS`", n + 2))?;
                let hash =
                    u64::from_str_radix(h, 16).map_err(|e| format!("{file}:{}: {e}", n + 2))?;
                let words = w
                    .trim()
                    .parse::<u32>()
                    .map_err(|e| format!("{file}:{}: {e}", n + 2))?;
                sentences.push(Sentence { hash, words });
            }
        }
        let id = id.ok_or_else(|| format!("{file}: no `id:` line"))?;
        if sentences.is_empty() {
            return Err(format!("{file}: no sentences"));
        }
        Ok(Self::from_sentences(&id, &source, sentences))
    }

    /// Writes the `.fp` form of a text.
    pub fn render(id: &str, source: &str, text: &str) -> String {
        let n = normalize(text);
        let mut out = format!("{HEADER}\nid: {id}\nsource: {source}\n");
        for s in &n.sentences {
            out.push_str(&format!("{:016x} {}\n", s.hash, s.words));
        }
        out
    }
}

/// How an input compares with one fingerprint.
#[derive(Debug, Clone, Default)]
pub(crate) struct Comparison {
    /// Sørensen–Dice over sentence words: 2·common / (input + reference).
    pub score: f64,
    /// Share of the reference's words found in the input.
    pub coverage: f64,
    /// Share of the input's words found in the reference.
    pub precision: f64,
    /// Indices of input sentences not in the reference (added or changed).
    pub added: Vec<usize>,
    /// Number of reference sentences not in the input (removed or changed).
    pub removed: usize,
}

impl Comparison {
    pub(crate) fn modified(&self) -> bool {
        !self.added.is_empty() || self.removed > 0
    }
}

pub(crate) fn compare(
    input: &Normalized,
    input_set: &HashSet<u64>,
    fp: &Fingerprint,
) -> Comparison {
    let mut seen = HashSet::with_capacity(input.sentences.len());
    let mut common = 0u64;
    let mut added = Vec::new();
    for (i, s) in input.sentences.iter().enumerate() {
        if fp.set.contains(&s.hash) {
            if seen.insert(s.hash) {
                common += u64::from(s.words);
            }
        } else {
            added.push(i);
        }
    }
    let mut removed = 0;
    let mut ref_seen = HashSet::with_capacity(fp.sentences.len());
    for s in &fp.sentences {
        if ref_seen.insert(s.hash) && !input_set.contains(&s.hash) {
            removed += 1;
        }
    }
    let total = input.words + fp.words;
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Comparison {
        score: ratio(2 * common, total),
        coverage: ratio(common, fp.words),
        precision: ratio(common, input.words),
        added,
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "You may use the model. You must keep this notice. You shall not use it for war.";

    #[test]
    fn render_and_parse_round_trip() {
        let body = Fingerprint::render("LicenseRef-X", "test", TEXT);
        let fp = Fingerprint::parse("x.fp", &body).unwrap();
        assert_eq!(fp.id, "LicenseRef-X");
        assert_eq!(fp.sentences.len(), 3);
        assert!(Fingerprint::parse("x.fp", "nonsense").is_err());
        assert!(Fingerprint::parse("x.fp", &format!("{HEADER}\nid: X\nzz 1\n")).is_err());
    }

    #[test]
    fn exact_copy_is_not_modified_and_changes_are() {
        let fp = Fingerprint::from_text("X", "t", TEXT);
        let cmp = |t: &str| {
            let n = normalize(t);
            let set = n.sentences.iter().map(|s| s.hash).collect();
            compare(&n, &set, &fp)
        };
        let same = cmp(&TEXT.to_uppercase());
        assert!(!same.modified());
        assert!((same.score - 1.0).abs() < 1e-9);
        let changed = cmp(
            "You may use the model. You must keep this notice. You shall not use it for peace.",
        );
        assert!(changed.modified());
        assert_eq!((changed.added.len(), changed.removed), (1, 1));
        let removed = cmp("You may use the model. You must keep this notice.");
        assert!(removed.modified() && removed.added.is_empty());
    }
}
