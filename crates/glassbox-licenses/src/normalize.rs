//! Text normalisation for matching: one pass over the characters, no regular expressions.
//!
//! Two copies of one license differ in case, quotes, dashes, line wrapping, Markdown emphasis,
//! list markers and copyright lines; none of that is a change to the terms. Normalising removes
//! those differences so that what is left (the words, cut into sentences) can be compared
//! sentence by sentence: an added, removed or changed clause shows up as a sentence that is not
//! in the reference.

/// Texts longer than this are cut before normalising; no license text comes near it (the
/// longest on the SPDX list is under 100 KiB) and it keeps identification bounded.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Sentences with fewer words are headings or list markers, not clauses.
const MIN_SENTENCE_WORDS: usize = 3;

/// One normalised sentence: its hash and its length in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// FNV-1a 64 of the sentence's words joined by single spaces.
    pub hash: u64,
    /// Number of words.
    pub words: u32,
}

/// A normalised text.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The sentences in reading order (copyright lines and headings dropped).
    pub sentences: Vec<Sentence>,
    /// Every word outside copyright lines joined by single spaces, with a leading and trailing
    /// space, for phrase search on word boundaries.
    pub flat: String,
    /// Total words in `sentences`.
    pub words: u64,
    /// The input was longer than [`MAX_TEXT_BYTES`] and was cut.
    pub truncated: bool,
    /// The normalised text of each sentence, kept only when asked for (to show a diff).
    pub texts: Option<Vec<String>>,
    /// The first and last line (1-based) of each sentence, parallel to `sentences`.
    pub lines: Vec<(u32, u32)>,
}

/// FNV-1a, 64 bit: stable across builds and platforms, which the stored fingerprints need.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Normalises `text` into sentences.
pub fn normalize(text: &str) -> Normalized {
    normalize_with(text, false)
}

/// Normalises `text`, keeping each sentence's text when `keep_text` is set.
pub fn normalize_with(text: &str, keep_text: bool) -> Normalized {
    let (text, truncated) = cut(text, MAX_TEXT_BYTES);
    let mut b = Builder {
        out: Normalized {
            flat: String::from(" "),
            truncated,
            texts: keep_text.then(Vec::new),
            ..Default::default()
        },
        sentence: String::new(),
        nwords: 0,
        word: String::new(),
        first_word_marker: false,
        line: 0,
        start_line: 0,
    };
    let all: Vec<&str> = text.lines().collect();
    for (n, line) in all.iter().enumerate() {
        b.line = n as u32 + 1;
        let (line, listed) = strip_markdown_line(line);
        if listed {
            // A list item starts a new clause in every copy that has the list.
            b.end_sentence();
        }
        // Blank lines and rules do not end a sentence: copies of one license break paragraphs
        // differently (a title and its date line joined or not), punctuation is what they share.
        if is_copyright_line(&line) {
            // A copyright notice stands between paragraphs: what follows starts a sentence
            // ("… unless otherwise noted: / Copyright … / Redistribution and use …").
            b.end_sentence();
            continue;
        }
        if line.trim().is_empty() || is_rule(&line) {
            continue;
        }
        b.line(&line);
        // A line break is only white space: lines are wrapped differently in each copy.
        b.end_word(' ');
        if is_heading(&line, all.get(n + 1).copied()) {
            // A title or heading standing alone ("MIT License", "LICENSE FOR X") is not part
            // of the clause after it, whether or not a copyright line follows.
            b.end_sentence();
        }
    }
    b.end_sentence();
    b.out
}

/// The longest prefix of `text` within `max` bytes, cut on a character boundary.
pub fn cut(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

struct Builder {
    out: Normalized,
    sentence: String,
    nwords: usize,
    word: String,
    /// The sentence's first word looks like a list marker (`a.`, `(iv)`, `2)`).
    first_word_marker: bool,
    /// The line being read, and the line the current sentence started on.
    line: u32,
    start_line: u32,
}

impl Builder {
    fn line(&mut self, line: &str) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if is_cjk(c) {
                // Chinese, Japanese and Korean texts have no spaces: each ideograph is a word.
                self.end_word(' ');
                let mut buf = [0u8; 4];
                self.push_word(c.encode_utf8(&mut buf));
            } else if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    self.word.push(fold(l));
                }
            } else if is_apostrophe(c)
                && !self.word.is_empty()
                && next.is_some_and(char::is_alphanumeric)
            {
                // "licensee's" and "licensee’s" are one word; the apostrophe is dropped.
            } else if is_joiner(c)
                && !self.word.is_empty()
                && next.is_some_and(char::is_alphanumeric)
            {
                // Keeps version numbers, amounts and URLs whole: "3.1", "1,000,000", "llama.com/x".
                self.word.push(c);
            } else if c == '&' {
                self.end_word(c);
                self.push_word("and");
            } else {
                self.end_word(c);
                if matches!(c, '.' | ';' | '!' | '?' | '。' | '；' | '！' | '？') {
                    self.end_sentence();
                }
            }
            i += 1;
        }
    }

    fn end_word(&mut self, terminator: char) {
        if self.word.is_empty() {
            return;
        }
        let w = std::mem::take(&mut self.word);
        if self.nwords == 0 && is_marker(&w, terminator) {
            self.first_word_marker = true;
            return;
        }
        self.push_word(&w);
    }

    fn push_word(&mut self, w: &str) {
        if self.nwords > 0 {
            self.sentence.push(' ');
        } else {
            self.start_line = self.line;
        }
        self.sentence.push_str(w);
        self.nwords += 1;
    }

    fn end_sentence(&mut self) {
        self.end_word(' ');
        let s = std::mem::take(&mut self.sentence);
        let n = std::mem::take(&mut self.nwords);
        self.first_word_marker = false;
        if n == 0 || is_volatile(&s) {
            return;
        }
        // Short pieces (titles such as "MIT License") stay searchable for phrases but are not
        // compared as sentences.
        self.out.flat.push_str(&s);
        self.out.flat.push(' ');
        if n < MIN_SENTENCE_WORDS {
            return;
        }
        self.out.words += n as u64;
        self.out.sentences.push(Sentence {
            hash: fnv1a(s.as_bytes()),
            words: n as u32,
        });
        self.out.lines.push((self.start_line, self.line));
        if let Some(t) = self.out.texts.as_mut() {
            t.push(s);
        }
    }
}

/// Folds look-alike letters so that typographic variants compare equal.
fn fold(c: char) -> char {
    match c {
        'ı' => 'i',
        'ﬁ' => 'f',
        _ => c,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ')
}

/// Characters kept inside a word. Dashes are not among them: copies write "cc-licensed" and
/// "cc licensed", "reason—for" and "reason -- for".
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | ':' | '_' | '@' | '%' | '+' | '=' | '#')
}

/// A copyright statement line (`Copyright (c) 2023 X`, `Copyright [yyyy] [name]`,
/// `© 2024 X`): years and holders change from copy to copy and carry no terms. A wrapped line
/// that merely starts with the word ("copyright notice that is included…") is not one.
pub(crate) fn is_copyright_line(line: &str) -> bool {
    let original = line.trim_start().trim_start_matches(['*', '-', ' ']);
    if is_named_copyright(original) {
        return true;
    }
    let t = original.to_lowercase();
    let rest = if let Some(r) = t.strip_prefix("copyright") {
        let r = r.trim_start();
        if r.starts_with("(c)") || r.starts_with('©') {
            return true;
        }
        r
    } else if let Some(r) = t.strip_prefix("(c)").or_else(|| t.strip_prefix('©')) {
        r.trim_start()
    } else {
        return false;
    };
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '[' || c == '<' || c == '{')
}

/// `Copyright Zhengxiao Du`, `Copyright Meta Platforms, Inc.`: a short line naming a holder,
/// without a year. A clause that starts with the word ("Copyright and Similar Rights means…",
/// "copyright license to reproduce…") is long or goes on in lower case.
fn is_named_copyright(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("Copyright ")
        .or_else(|| line.strip_prefix("COPYRIGHT "))
    else {
        return false;
    };
    let next = rest.split_whitespace().next().unwrap_or("");
    let stop = [
        "and",
        "notice",
        "license",
        "holder",
        "holders",
        "owner",
        "owners",
        "law",
        "laws",
        "protection",
        "statement",
        "act",
        "office",
        "rights",
        "infringement",
    ];
    next.starts_with(|c: char| c.is_uppercase())
        && !stop.contains(&next.to_lowercase().trim_end_matches([',', '.', ':']))
        && rest.split_whitespace().count() <= 8
        && !rest.trim_end().ends_with(':')
}

/// Removes a list marker at the start of a line: `1.`, `2.3`, `a)`, `(iv)`, `-`, `•`.
pub(crate) fn strip_list_marker(t: &str) -> &str {
    let t = t.trim_start();
    for bullet in ["- ", "+ ", "* ", "• ", "· ", "◦ "] {
        if let Some(r) = t.strip_prefix(bullet) {
            return r;
        }
    }
    let (inner, rest) = if let Some(r) = t.strip_prefix('(') {
        match r.find(')') {
            Some(i) => (&r[..i], &r[i + 1..]),
            None => return t,
        }
    } else {
        match t.find(['.', ')']) {
            Some(i) => (&t[..i], &t[i + 1..]),
            None => return t,
        }
    };
    let numeric = !inner.is_empty()
        && inner.len() <= 8
        && inner.chars().all(|c| c.is_ascii_digit() || c == '.');
    let letter = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic());
    let roman = !inner.is_empty()
        && inner.len() <= 5
        && inner
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'));
    if (numeric || letter || roman) && rest.starts_with([' ', '\t']) {
        rest
    } else {
        t
    }
}

/// A list marker at the start of a sentence: `1`, `1.2`, `a` / `iv` followed by `)` or `.`.
fn is_marker(w: &str, terminator: char) -> bool {
    let numeric = w.chars().all(|c| c.is_ascii_digit() || c == '.');
    if numeric && w.len() <= 8 {
        return true;
    }
    w.len() <= 4
        && w.chars().all(|c| c.is_ascii_lowercase())
        && matches!(terminator, ')' | '.')
        && (w.len() == 1 || w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// Copyright lines change from copy to copy (years, holders) and carry no terms.
fn is_volatile(s: &str) -> bool {
    s.starts_with("copyright ")
        || s.starts_with("c copyright ")
        || s.starts_with("all rights reserved")
}

/// A short line without closing punctuation, followed by a blank line or the end.
fn is_heading(line: &str, next: Option<&str>) -> bool {
    let t = line.trim();
    next.is_none_or(|n| n.trim().is_empty())
        && t.split_whitespace().count() <= 6
        && !t.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// A Markdown horizontal rule or table rule: a line of only `-`, `=`, `*`, `_`, `|`, `:`.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '=' | '*' | '_' | '|' | ':' | ' '))
}

/// Removes Markdown syntax that is not text: heading and quote markers, emphasis, link targets.
fn strip_markdown_line(line: &str) -> (String, bool) {
    let t = line.trim_start();
    let t = t
        .trim_start_matches('#')
        .trim_start_matches('>')
        .trim_start();
    let before = t.len();
    let t = strip_list_marker(strip_list_marker(t));
    let listed = t.len() != before;
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '_' if chars.get(i + 1) == Some(&c) => {
                i += 2;
                continue;
            }
            '*' => {
                // Emphasis or a bullet: either way not a word.
                out.push(' ');
            }
            '!' if chars.get(i + 1) == Some(&'[') => {}
            '[' | ']' => {}
            '(' if i > 0 && chars[i - 1] == ']' => {
                // A link target: `[text](url)` keeps the text only, since other copies print
                // the link text alone.
                if let Some(close) = chars[i..].iter().position(|&x| x == ')') {
                    i += close + 1;
                    continue;
                }
                out.push(c);
            }
            '<' => {
                // `<https://…>` autolinks and inline HTML such as `<br>`.
                if let Some(close) = chars[i..].iter().position(|&x| x == '>') {
                    let inner: String = chars[i + 1..i + close].iter().collect();
                    if inner.contains("://") {
                        out.push_str(&inner);
                    }
                    out.push(' ');
                    i += close + 1;
                    continue;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    (out, listed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> String {
        normalize(t).flat.trim().to_string()
    }

    #[test]
    fn case_quotes_and_wrapping_do_not_matter() {
        let a = normalize("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT\nWARRANTY OF ANY KIND.");
        let b = normalize("The software is provided “as is”, without warranty of any kind.");
        assert_eq!(a.sentences, b.sentences);
        assert_eq!(a.sentences.len(), 1);
    }

    #[test]
    fn markdown_is_stripped() {
        assert_eq!(
            words("**LLAMA 3.3 COMMUNITY LICENSE AGREEMENT**"),
            "llama 3.3 community license agreement"
        );
        assert_eq!(
            words("found at [https://www.llama.com/docs](https://llama.com/docs) today"),
            "found at https www.llama.com/docs today"
        );
        assert_eq!(
            words("## Heading with four words"),
            "heading with four words"
        );
    }

    #[test]
    fn versions_and_amounts_stay_whole() {
        assert_eq!(
            words("Llama 3.1 has 700,000,000 users."),
            "llama 3.1 has 700,000,000 users"
        );
    }

    #[test]
    fn list_markers_and_copyright_lines_are_dropped() {
        let n = normalize(
            "Copyright (c) 2023 DeepSeek\n\n(a) You shall not do that.\n\niv. You shall do this.",
        );
        assert_eq!(n.flat.trim(), "you shall not do that you shall do this");
        let t = normalize("MIT License");
        assert!(t.sentences.is_empty());
        assert_eq!(t.flat, " mit license ");
        assert_eq!(n.sentences.len(), 2);
    }

    #[test]
    fn a_changed_word_changes_the_sentence() {
        let a = normalize("You may use it for any purpose.");
        let b = normalize("You may use it for research purpose.");
        assert_ne!(a.sentences[0].hash, b.sentences[0].hash);
    }

    proptest::proptest! {
        /// Re-wrapping lines and changing case never changes the sentences. (Words are not
        /// single letters or roman numerals: `a.` or `iv.` at the start of a line is a list
        /// marker by design.)
        #[test]
        fn wrapping_and_case_do_not_change_sentences(
            words in proptest::collection::vec("[a-hj-uwyzA-HJ-UWYZ][a-zA-Z]{1,7}", 1..60),
            breaks in proptest::collection::vec(0usize..4, 60),
            stops in proptest::collection::vec(proptest::bool::weighted(0.15), 60),
        ) {
            let mut a = String::new();
            let mut b = String::new();
            for (i, w) in words.iter().enumerate() {
                let stop = if stops[i] { "." } else { "" };
                a.push_str(&format!("{w}{stop} "));
                b.push_str(&format!("{}{stop}{}", w.to_uppercase(), ["  ", "\n", " \t", "\r\n"][breaks[i]]));
            }
            proptest::prop_assert_eq!(normalize(&a).sentences, normalize(&b).sentences);
        }

        /// Any input normalises without panicking, and hashes stay within what was kept.
        #[test]
        fn any_text_normalises(s in "\\PC{0,400}") {
            let n = normalize(&s);
            proptest::prop_assert!(n.sentences.iter().all(|x| x.words >= 3));
        }
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        let (t, cut_) = cut("ééé", 3);
        assert_eq!(t, "é");
        assert!(cut_);
    }
}
