//! Aligning a text with a license template: which words match, and whether every difference
//! is one the SPDX matching guidelines allow (optional text left out, replaceable text
//! replaced) or a real change (words added to or removed from the terms).

use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use crate::template::{Elem, Template};
use crate::tokens::Token;

/// A diff that has not converged within this time is taken as it stands (a text this far
/// from a template is not a copy of it anyway).
const DIFF_DEADLINE: Duration = Duration::from_millis(250);

/// The result of aligning input tokens with a template.
#[derive(Debug, Clone, Default)]
pub(crate) struct Alignment {
    /// Required template words found in the input.
    pub matched_required: usize,
    /// All template words found (optional ones included).
    pub matched: usize,
    /// Input token range covered by the license: from the first to the last aligned word.
    pub span: (usize, usize),
    /// First input token aligned with the template at all (a title or preamble the template
    /// marks optional may come before the span).
    pub first_aligned: usize,
    /// Input token ranges inside the span that the template does not explain (added words).
    pub added: Vec<(usize, usize)>,
    /// Template element ranges of required words missing from the input, with the input
    /// position where they are missing.
    pub removed: Vec<((usize, usize), usize)>,
}

impl Alignment {
    /// Share of the template's required words present.
    pub(crate) fn coverage(&self, t: &Template) -> f64 {
        if t.required == 0 {
            return 0.0;
        }
        self.matched_required as f64 / t.required as f64
    }

    /// No change beyond what the guidelines allow.
    #[cfg(test)]
    pub(crate) fn exact(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

#[derive(Default)]
struct Hunk {
    del: Vec<(usize, usize)>,
    ins: Vec<(usize, usize)>,
}

/// Equal runs this short between two hunks are taken as part of replaceable text when one of
/// the hunks holds a var: Myers aligns a var's words with the template's next words when they
/// repeat ("…/Considerations_for_licensors Considerations for the public").
const VAR_BRIDGE: usize = 3;

enum Seg {
    Equal {
        old: (usize, usize),
        new: (usize, usize),
    },
    Hunk(Hunk),
}

fn open_hunk(segs: &mut Vec<Seg>) -> &mut Hunk {
    if !matches!(segs.last(), Some(Seg::Hunk(_))) {
        segs.push(Seg::Hunk(Hunk::default()));
    }
    match segs.last_mut() {
        Some(Seg::Hunk(h)) => h,
        _ => unreachable!("a hunk was just pushed"),
    }
}

fn has_var(t: &Template, h: &Hunk) -> bool {
    h.del.iter().any(|r| {
        t.elems[r.0..r.1]
            .iter()
            .any(|e| matches!(e, Elem::Var { .. }))
    })
}

/// Merges hunk, short equal run, hunk into one hunk when either hunk holds a var.
fn bridge_vars(t: &Template, segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let mut it = segs.into_iter().peekable();
    while let Some(seg) = it.next() {
        if let Seg::Equal { old, new } = &seg {
            let short = old.1 - old.0 <= VAR_BRIDGE;
            if let (true, Some(Seg::Hunk(prev)), Some(Seg::Hunk(next))) =
                (short, out.last(), it.peek())
            {
                if has_var(t, prev) || has_var(t, next) {
                    let (old, new) = (*old, *new);
                    let Some(Seg::Hunk(next)) = it.next() else {
                        unreachable!("peeked a hunk")
                    };
                    if let Some(Seg::Hunk(prev)) = out.last_mut() {
                        prev.del.push(old);
                        prev.ins.push(new);
                        prev.del.extend(next.del);
                        prev.ins.extend(next.ins);
                    }
                    continue;
                }
            }
        }
        out.push(seg);
    }
    out
}

/// Is `needle` a subsequence of `hay`?
fn subsequence(needle: &[u64], hay: &[u64]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

fn analyse(t: &Template, input: &[Token], segs: Vec<Seg>) -> Alignment {
    let mut a = Alignment::default();
    let required_elem = |i: usize| {
        matches!(
            t.elems[i],
            Elem::Word {
                optional: false,
                ..
            }
        )
    };
    // Lines before the first line holding a required word are the title area: words added
    // there ("The MIT License (MIT)") are a title, which the guidelines ignore.
    let mut terms_from = u32::MAX;
    let mut first_in = None;
    let mut terms_at = None;
    let mut last_in = 0;
    for seg in &segs {
        if let Seg::Equal { old, new } = seg {
            first_in.get_or_insert(new.0);
            last_in = new.1;
            for (k, i) in (old.0..old.1).enumerate() {
                if let Elem::Word { optional, .. } = t.elems[i] {
                    a.matched += 1;
                    if !optional {
                        a.matched_required += 1;
                        terms_from = terms_from.min(input[new.0 + k].line);
                        terms_at.get_or_insert(new.0);
                    }
                }
            }
        }
    }
    let Some(first_in) = first_in else {
        return a;
    };
    // The license starts with its first clause: optional title words matched earlier may be a
    // mention of the license in a notice above it.
    a.span = (terms_at.unwrap_or(first_in), last_in);
    a.first_aligned = first_in;
    let n = segs.len();
    let mut at = 0;
    for (k, seg) in segs.iter().enumerate() {
        let h = match seg {
            Seg::Hunk(h) => h,
            Seg::Equal { new, .. } => {
                at = new.1;
                continue;
            }
        };
        let leading = k == 0;
        let trailing = k + 1 == n;
        let req: Vec<u64> = h
            .del
            .iter()
            .flat_map(|r| r.0..r.1)
            .filter(|&i| required_elem(i))
            .filter_map(|i| match t.elems[i] {
                Elem::Word { hash, .. } => Some(hash),
                _ => None,
            })
            .collect();
        let removed = |a: &mut Alignment| {
            for r in &h.del {
                if (r.0..r.1).any(required_elem) {
                    a.removed.push((*r, at.min(input.len().saturating_sub(1))));
                }
            }
        };
        if leading || trailing {
            // Input before or after the license is outside it; missing words are removed.
            if !req.is_empty() {
                removed(&mut a);
            }
            continue;
        }
        let counted = |i: usize| !input[i].marker && input[i].line >= terms_from;
        let ins: Vec<u64> = h
            .ins
            .iter()
            .flat_map(|r| r.0..r.1)
            .filter(|&i| counted(i))
            .map(|i| input[i].hash)
            .collect();
        let room: usize = h
            .del
            .iter()
            .flat_map(|r| &t.elems[r.0..r.1])
            .map(|e| match e {
                Elem::Var { max } => *max,
                _ => 0,
            })
            .sum();
        // Required words that are all among the inserted ones, in order, were only aligned
        // elsewhere by the diff (around a var): they are present.
        let all: Vec<u64> = h
            .ins
            .iter()
            .flat_map(|r| r.0..r.1)
            .map(|i| input[i].hash)
            .collect();
        let (missing, extra) = if !req.is_empty() && subsequence(&req, &all) {
            (0, ins.len().saturating_sub(req.len()))
        } else {
            (req.len(), ins.len())
        };
        if missing == 0 && extra <= room {
            continue;
        }
        if missing > 0 {
            removed(&mut a);
        }
        if extra > room {
            a.added
                .extend(h.ins.iter().copied().filter(|r| (r.0..r.1).any(counted)));
        }
    }
    a
}

/// Aligns `input` with template `t`. Text before the first and after the last aligned word is
/// outside the license (a title, another license): it is not in `added`.
pub(crate) fn align(t: &Template, input: &[Token]) -> Alignment {
    let keys = t.keys();
    let hashes: Vec<u64> = input.iter().map(|x| x.hash).collect();
    let deadline = Instant::now() + DIFF_DEADLINE;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &keys, &hashes, Some(deadline));
    let mut segs: Vec<Seg> = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => segs.push(Seg::Equal {
                old: (old_index, old_index + len),
                new: (new_index, new_index + len),
            }),
            DiffOp::Delete {
                old_index, old_len, ..
            } => open_hunk(&mut segs)
                .del
                .push((old_index, old_index + old_len)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => open_hunk(&mut segs)
                .ins
                .push((new_index, new_index + new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let h = open_hunk(&mut segs);
                h.del.push((old_index, old_index + old_len));
                h.ins.push((new_index, new_index + new_len));
            }
        }
    }
    analyse(t, input, bridge_vars(t, segs))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;
    use crate::tokens::tokenize;

    const T: &str = "<<beginOptional>>The Test License<<endOptional>>\nPermission is granted to <<var;name=\"who\";original=\"any person\";match=\".{0,20}\">> to use this work for any purpose.\n<<beginOptional>>END OF TERMS<<endOptional>>";

    fn run(text: &str) -> Alignment {
        align(&parse("T", T), &tokenize(text))
    }

    #[test]
    fn allowed_differences_are_exact() {
        assert!(
            run("Permission is granted to any person to use this work for any purpose.").exact()
        );
        assert!(run("THE TEST LICENSE\n\npermission is granted to everyone in the world to use this work for any purpose. End of terms").exact());
        // Text around the license is outside it, not a change.
        let a = run("Some title\nPermission is granted to you to use this work for any purpose.\nTrailing words here");
        assert!(a.exact());
        assert_eq!(a.span, (2, 14));
    }

    #[test]
    fn real_changes_are_not() {
        let a = run("Permission is granted to any person to use this work for non-commercial purposes only.");
        assert!(!a.exact());
        assert!(!a.removed.is_empty());
        let b = run("Permission is granted to any person to use this work, but not for weapons, for any purpose.");
        assert_eq!(b.added.len(), 1);
    }
}
