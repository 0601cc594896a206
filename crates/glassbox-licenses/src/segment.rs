//! Where in a file each license text is: runs of sentences that belong to one known text.
//!
//! A NOTICE file, a THIRD_PARTY_NOTICES file or a LICENSE with code and model terms one after
//! the other holds several texts. Each known text (a fingerprint) claims the runs of the file's
//! sentences it contains, in order; a run ends at a long stretch of foreign sentences or where
//! the text starts over (a second copy). The best runs are kept, without overlap, best first,
//! the way ScanCode reports several detections in one file.

use std::collections::{HashMap, HashSet};

use crate::fingerprint::Fingerprint;
use crate::normalize::Normalized;

/// Foreign sentences tolerated inside one run (changed clauses of a modified copy).
const MAX_GAP_SENTENCES: usize = 3;
/// A run must hold this share of its text's words, or this many words, to be a match.
const MIN_COVERAGE: f64 = 0.3;
const MIN_WORDS: u64 = 40;

/// One license text found in the input: sentences `first..=last` belong to fingerprint `fp`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Region {
    pub fp: usize,
    pub first: usize,
    pub last: usize,
    /// Words of the fingerprint found in the run.
    pub words: u64,
    /// Share of the fingerprint's words found.
    pub coverage: f64,
    /// Other texts that claim most of the same sentences (BSD-2-Clause for a BSD-3-Clause
    /// whose third clause names its owner, MIT-0 for MIT): the template match decides.
    pub alternatives: Vec<usize>,
}

/// The regions of `input`, in reading order, given the fingerprints and the postings that
/// map a sentence hash to the fingerprints holding it.
pub(crate) fn regions(
    input: &Normalized,
    fps: &[Fingerprint],
    postings: &HashMap<u64, Vec<u32>>,
) -> Vec<Region> {
    let mut candidates: HashSet<u32> = HashSet::new();
    for s in &input.sentences {
        if let Some(ps) = postings.get(&s.hash) {
            candidates.extend(ps.iter().copied());
        }
    }
    let mut runs = Vec::new();
    for &c in &candidates {
        runs.extend(runs_of(input, &fps[c as usize], c as usize));
    }
    // Best first: most words, then the most complete, then the lowest id for stable output.
    runs.sort_by(|a, b| {
        b.words
            .cmp(&a.words)
            .then(b.coverage.total_cmp(&a.coverage))
            .then(fps[a.fp].id.cmp(&fps[b.fp].id))
            .then(a.first.cmp(&b.first))
    });
    let mut taken: Vec<Region> = Vec::new();
    for r in runs {
        match taken
            .iter_mut()
            .find(|t| !(r.last < t.first || r.first > t.last))
        {
            None => taken.push(r),
            Some(t) => {
                if r.words * 5 >= t.words * 3 && r.fp != t.fp && !t.alternatives.contains(&r.fp) {
                    t.alternatives.push(r.fp);
                }
            }
        }
    }
    taken.sort_by_key(|r| r.first);
    taken
}

fn runs_of(input: &Normalized, fp: &Fingerprint, index: usize) -> Vec<Region> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut words = 0u64;
    let close = |start: usize, last: usize, words: u64, out: &mut Vec<Region>| {
        let coverage = if fp.words == 0 {
            0.0
        } else {
            words as f64 / fp.words as f64
        };
        if coverage >= MIN_COVERAGE || (words >= MIN_WORDS && coverage >= MIN_COVERAGE / 3.0) {
            out.push(Region {
                fp: index,
                first: start,
                last,
                words,
                coverage: coverage.min(1.0),
                alternatives: Vec::new(),
            });
        }
    };
    // Where each sentence sits in the known text: a run that goes back to the start is a
    // second copy.
    let mut positions: HashMap<u64, Vec<usize>> = HashMap::with_capacity(fp.sentences.len());
    for (k, s) in fp.sentences.iter().enumerate() {
        positions.entry(s.hash).or_default().push(k);
    }
    let mut last_pos = 0usize;
    for (i, s) in input.sentences.iter().enumerate() {
        let Some(at) = positions.get(&s.hash) else {
            continue;
        };
        // Licenses repeat sentences inside one copy: the next occurrence after the previous
        // sentence continues the run; only a step back to (near) the start is a new copy.
        let (pos, restart) = match at.iter().find(|&&p| p > last_pos || start.is_none()) {
            Some(&p) => (p, false),
            None => {
                let p = at[0];
                (p, p <= 3 || p * 4 < last_pos)
            }
        };
        last_pos = pos;
        if let Some(st) = start {
            if restart || i - last > MAX_GAP_SENTENCES + 1 {
                close(st, last, words, &mut out);
                start = None;
                seen.clear();
                words = 0;
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        if seen.insert(s.hash) {
            words += u64::from(s.words);
        }
        last = i;
    }
    if let Some(st) = start {
        close(st, last, words, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn index(fps: &[Fingerprint]) -> HashMap<u64, Vec<u32>> {
        let mut p: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, f) in fps.iter().enumerate() {
            for h in &f.set {
                p.entry(*h).or_default().push(i as u32);
            }
        }
        p
    }

    #[test]
    fn two_texts_and_a_second_copy() {
        let a = "You may copy the work freely. You must keep this notice intact. No warranty is given by anyone.";
        let b = "Use is limited to research only. Commercial use of the model is forbidden. The licensor may revoke this.";
        let fps = vec![
            Fingerprint::from_text("A", "t", a),
            Fingerprint::from_text("B", "t", b),
        ];
        let text = format!("Intro line for the file here.\n{a}\n\nTHIRD PARTY\n\n{b}\n{a}\n");
        let n = normalize(&text);
        let r = regions(&n, &fps, &index(&fps));
        let ids: Vec<_> = r.iter().map(|r| fps[r.fp].id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "A"]);
        assert!(r.iter().all(|r| r.coverage == 1.0), "{r:?}");
    }
}
