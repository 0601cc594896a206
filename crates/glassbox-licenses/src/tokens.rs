//! Words of a text as the SPDX License List Matching Guidelines compare them.
//!
//! The guidelines (SPDX specification, annex "License matching guidelines and templates") say
//! which differences between two copies of a license are not differences: white space, case,
//! punctuation, quotes and dashes, bullets and numbering, code comment markers, varietal
//! spellings ("licence"), the copyright symbol, copyright notices and `http://` versus
//! `https://`. Everything of that kind is removed here, so that what is left is a sequence of
//! words that two copies of one license share exactly; each word keeps its line so that a real
//! difference can be shown where it is.

use crate::normalize::{fnv1a, is_copyright_line, strip_list_marker};

/// One word: its hash and the 1-based line it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub hash: u64,
    pub line: u32,
    /// A list marker at the start of a line (`1`, `a`, `iv`): copies number their clauses
    /// differently, and a wrapped line can start with a section number, so markers are kept
    /// but an added one is no change.
    pub marker: bool,
}

/// Digits (up to three), one letter, or a short roman numeral.
fn marker_like(w: &str) -> bool {
    (w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
        || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
        || (w.len() <= 4 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// Varietal spellings the SPDX guidelines treat as one word (the common ones of the SPDX
/// `equivalentwords.txt` list), mapped to the spelling the templates use.
const EQUIVALENT: &[(&str, &str)] = &[
    ("licence", "license"),
    ("licences", "licenses"),
    ("licenced", "licensed"),
    ("licencee", "licensee"),
    ("licencor", "licensor"),
    ("licencing", "licensing"),
    ("sublicence", "sublicense"),
    ("acknowledgement", "acknowledgment"),
    ("acknowledgements", "acknowledgments"),
    ("analogue", "analog"),
    ("authorisation", "authorization"),
    ("authorised", "authorized"),
    ("behaviour", "behavior"),
    ("cancelled", "canceled"),
    ("catalogue", "catalog"),
    ("centre", "center"),
    ("characterise", "characterize"),
    ("colour", "color"),
    ("defence", "defense"),
    ("favour", "favor"),
    ("favourable", "favorable"),
    ("fulfil", "fulfill"),
    ("judgement", "judgment"),
    ("labelled", "labeled"),
    ("modelling", "modeling"),
    ("offence", "offense"),
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("practise", "practice"),
    ("programme", "program"),
    ("recognise", "recognize"),
    ("recognised", "recognized"),
    ("utilise", "utilize"),
    ("whilst", "while"),
    ("http", "https"),
    ("percent", "%"),
];

fn canonical(word: &str) -> &str {
    EQUIVALENT
        .iter()
        .find(|(from, _)| *from == word)
        .map(|(_, to)| *to)
        .unwrap_or(word)
}

/// Hash of a word after the guidelines' equivalences.
pub(crate) fn word_hash(word: &str) -> u64 {
    fnv1a(canonical(word).as_bytes())
}

/// Splits one line into words: letters and digits, lower-cased; an apostrophe inside a word
/// is dropped ("licensee's" and "licensee’s" are "licensees"); `©` and `(c)` are the word
/// "copyright"; every other character separates words.
pub(crate) fn words_of_line(line: &str, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let flush = |w: &mut String, emit: &mut dyn FnMut(&str)| {
        if !w.is_empty() {
            emit(w);
            w.clear();
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '©' {
            flush(&mut word, &mut emit);
            emit("copyright");
        } else if (c == '(' || c == '（')
            && matches!(chars.get(i + 1), Some('c' | 'C'))
            && matches!(chars.get(i + 2), Some(')' | '）'))
        {
            flush(&mut word, &mut emit);
            emit("copyright");
            i += 2;
        } else if is_cjk(c) {
            flush(&mut word, &mut emit);
            let mut buf = [0u8; 4];
            emit(c.encode_utf8(&mut buf));
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                word.push(match l {
                    'ı' => 'i',
                    _ => l,
                });
            }
        } else if matches!(c, '\'' | '’' | 'ʼ')
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        {
        } else {
            flush(&mut word, &mut emit);
        }
        i += 1;
    }
    flush(&mut word, &mut emit);
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// A line that is only "All rights reserved." (it belongs to the copyright notice above it).
fn is_rights_reserved(line: &str) -> bool {
    let mut w = Vec::new();
    words_of_line(line, |x| w.push(x.to_string()));
    w == ["all", "rights", "reserved"]
}

/// Strips what precedes the text of a line and is not text: comment markers (`#`, `//`, `*`,
/// `--`, `;`, `>`), Markdown heading and quote markers, and a leading list marker.
fn line_body(line: &str) -> &str {
    let mut t = line.trim_start();
    loop {
        let before = t.len();
        t = t
            .trim_start_matches(['#', '>', '*', ';', '|'])
            .trim_start_matches("//")
            .trim_start_matches("/*")
            .trim_start_matches("--")
            .trim_start_matches("rem ")
            .trim_start();
        if t.len() == before {
            break;
        }
    }
    t
}

/// The words of a license text with their lines, as the matching guidelines compare them.
/// Copyright notice lines are left out (the guidelines ignore them wherever they are).
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}');
        let body = line_body(line);
        if is_copyright_line(strip_list_marker(body)) || is_rights_reserved(line) {
            continue;
        }
        let line_no = (n + 1) as u32;
        let mut leading = true;
        words_of_line(body, |w| {
            let marker = leading && marker_like(w);
            leading = marker;
            out.push(Token {
                hash: word_hash(w),
                line: line_no,
                marker,
            })
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(t: &str) -> Vec<u64> {
        tokenize(t).iter().map(|t| t.hash).collect()
    }

    #[test]
    fn guideline_equivalences() {
        assert_eq!(
            hashes("THE “Licence” — see http://example.org/x"),
            hashes("the \"license\" - see https://example.org/x")
        );
        assert_eq!(hashes("# Licensee's rights"), hashes("licensee’s RIGHTS"));
        assert_eq!(
            hashes("Copyright (c) 2023 X\nAll rights reserved.\nText here"),
            hashes("Text here")
        );
        assert_eq!(
            hashes("  * Redistributions of source code"),
            hashes("Redistributions of source code")
        );
        let t = tokenize("1. Definitions\n(iv) more\nsection 7. text");
        let markers: Vec<bool> = t.iter().map(|t| t.marker).collect();
        assert_eq!(markers, [true, false, true, false, false, false, false]);
    }

    #[test]
    fn lines_are_kept() {
        let t = tokenize("one\n\ntwo three");
        assert_eq!(t.iter().map(|t| t.line).collect::<Vec<_>>(), [1, 3, 3]);
    }
}
