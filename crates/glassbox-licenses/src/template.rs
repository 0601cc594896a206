//! SPDX license templates: the license's words, which of them are optional
//! (`<<beginOptional>>…<<endOptional>>`) and where replaceable text may stand
//! (`<<var;name=…;original=…;match=…>>`), as the SPDX License List publishes them.
//!
//! The templates are data in `kb/templates/` (written by `kb/regenerate-templates.sh` from the
//! SPDX License List), embedded at compile time.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::is_copyright_line;
use crate::tokens::{word_hash, words_of_line};

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// One element of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem {
    /// A word the text must have, unless `optional`.
    Word { hash: u64, optional: bool },
    /// Replaceable text: up to `max` words of anything (none at all too).
    Var { max: usize },
}

/// A parsed template.
#[derive(Debug)]
pub(crate) struct Template {
    /// Where it comes from (the SPDX License List version).
    pub source: String,
    pub elems: Vec<Elem>,
    /// The text of each element (a word, or a var's original text), to show removed words.
    pub texts: Vec<String>,
    /// Number of words that are not optional.
    pub required: usize,
}

impl Template {
    /// The sequence the diff compares: word hashes, and for each var a value no word has.
    pub(crate) fn keys(&self) -> Vec<u64> {
        self.elems
            .iter()
            .enumerate()
            .map(|(i, e)| match e {
                Elem::Word { hash, .. } => *hash,
                Elem::Var { .. } => VAR_KEY | i as u64,
            })
            .collect()
    }
}

/// Var keys have every one of these bits set; FNV hashes of words practically never do.
pub(crate) const VAR_KEY: u64 = 0xffff_fff0_0000_0000;

/// The templates by SPDX id, parsed on first use.
pub(crate) fn templates() -> &'static HashMap<String, Template> {
    static T: OnceLock<HashMap<String, Template>> = OnceLock::new();
    T.get_or_init(|| {
        TEMPLATE_FILES
            .iter()
            .map(|(file, body)| {
                let id = file.trim_end_matches(".template.txt").to_string();
                let t = parse(&id, body);
                (id, t)
            })
            .collect()
    })
}

#[derive(Debug)]
enum Piece<'a> {
    Text(&'a str),
    Var { original: String, max: usize },
    Begin,
    End,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let rest = &tag[start..];
    // Values end at the next `";` or at the end of the tag.
    let end = rest.find("\";").unwrap_or(rest.len().saturating_sub(1));
    Some(
        rest[..end.min(rest.len())]
            .trim_end_matches('"')
            .to_string(),
    )
}

/// How many words a var's `match` regular expression can take: `.{0,N}` about a word per
/// three characters, `.+` a line, an alternation of literals its longest alternative.
fn max_words(re: &str) -> usize {
    if let Some(r) = re.strip_prefix(".{0,") {
        let n: usize = r.trim_end_matches('}').parse().unwrap_or(60);
        return (n / 3 + 3).min(2000);
    }
    if re.contains(".+") || re.contains(".*") || re.contains("\\S") || re.contains("[^") {
        return 80;
    }
    re.split('|')
        .map(|alt| {
            let mut n = 0;
            words_of_line(alt, |_| n += 1);
            n
        })
        .max()
        .unwrap_or(0)
        + 2
}

fn pieces(body: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<<") {
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let Some(len) = rest[start..].find(">>") else {
            out.push(Piece::Text(&rest[start..]));
            return out;
        };
        let tag = &rest[start + 2..start + len];
        if tag.starts_with("beginOptional") {
            out.push(Piece::Begin);
        } else if tag.starts_with("endOptional") {
            out.push(Piece::End);
        } else if tag.starts_with("var") {
            out.push(Piece::Var {
                original: attr(tag, "original").unwrap_or_default(),
                max: max_words(&attr(tag, "match").unwrap_or_else(|| ".+".into())),
            });
        }
        rest = &rest[start + len + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Parses a template file (a first line starting with `#` says where it comes from).
pub(crate) fn parse(id: &str, body: &str) -> Template {
    let (source, body) = match body.strip_prefix('#') {
        Some(r) => {
            let (head, rest) = r.split_once('\n').unwrap_or((r, ""));
            (head.trim().to_string(), rest)
        }
        None => (String::from("SPDX License List"), body),
    };
    // Lines of (piece, optional depth) so copyright lines can be recognised as a whole.
    let mut lines: Vec<Vec<(Piece<'_>, bool)>> = vec![Vec::new()];
    let mut depth = 0usize;
    for p in pieces(body) {
        match p {
            Piece::Begin => depth += 1,
            Piece::End => depth = depth.saturating_sub(1),
            Piece::Text(t) => {
                let mut parts = t.split('\n');
                if let Some(first) = parts.next() {
                    lines
                        .last_mut()
                        .unwrap()
                        .push((Piece::Text(first), depth > 0));
                }
                for part in parts {
                    lines.push(vec![(Piece::Text(part), depth > 0)]);
                }
            }
            v @ Piece::Var { .. } => lines.last_mut().unwrap().push((v, depth > 0)),
        }
    }
    let mut elems = Vec::new();
    let mut texts = Vec::new();
    for line in &lines {
        let shown: String = line
            .iter()
            .map(|(p, _)| match p {
                Piece::Text(t) => t.to_string(),
                Piece::Var { original, .. } => original.clone(),
                _ => String::new(),
            })
            .collect();
        let body = shown
            .trim_start()
            .trim_start_matches(['#', '*', '>'])
            .trim_start();
        if is_copyright_line(body) {
            continue;
        }
        for (p, optional) in line {
            match p {
                Piece::Text(t) => words_of_line(t, |w| {
                    elems.push(Elem::Word {
                        hash: word_hash(w),
                        optional: *optional,
                    });
                    texts.push(w.to_string());
                }),
                Piece::Var { original, max } => {
                    elems.push(Elem::Var { max: *max });
                    texts.push(original.clone());
                }
                _ => {}
            }
        }
    }
    let required = elems
        .iter()
        .filter(|e| {
            matches!(
                e,
                Elem::Word {
                    optional: false,
                    ..
                }
            )
        })
        .count();
    let _ = id;
    Template {
        source,
        elems,
        texts,
        required,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_and_var_regions() {
        let t = parse(
            "X",
            "<<beginOptional>>The X License<<endOptional>>\nYou <<var;name=\"a\";original=\"may\";match=\"may|can\">> copy it.\nCopyright <<var;name=\"c\";original=\"[yyyy]\";match=\".+\">>\n",
        );
        let words: Vec<_> = t.texts.iter().map(String::as_str).collect();
        assert_eq!(words, ["the", "x", "license", "you", "may", "copy", "it"]);
        assert_eq!(t.required, 3);
        assert!(matches!(t.elems[4], Elem::Var { max: 3 }));
    }

    #[test]
    fn every_embedded_template_parses() {
        let all = templates();
        assert!(all.len() >= 40);
        for (id, t) in all {
            assert!(t.required > 20, "{id}: {} required words", t.required);
            assert!(t.source.contains("SPDX License List"), "{id}");
        }
        let apache = &all["Apache-2.0"];
        // The appendix is optional as a whole.
        let optional = apache
            .elems
            .iter()
            .filter(|e| matches!(e, Elem::Word { optional: true, .. }))
            .count();
        assert!(optional > 100, "{optional}");
    }
}
