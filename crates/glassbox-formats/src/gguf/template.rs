//! Chat templates (Jinja) inspected for constructs that reach outside rendering: attribute
//! walks through dunders, the `attr` filter, Jinja's global gadgets, names built from pieces so
//! a filter cannot see them, and invisible characters. Only expression and statement blocks are
//! examined; literal text is output, not code.

use glassbox_core::codes::ScanCode;
use glassbox_core::Severity;

/// One suspicious construct with its byte span in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateIssue {
    /// What the issue is.
    pub rule: ScanCode,
    /// How much it matters.
    pub severity: Severity,
    /// What it is.
    pub message: String,
    /// `[start, end)` byte span in the template.
    pub span: (usize, usize),
    /// The offending text (clipped).
    pub snippet: String,
}

/// Jinja globals that give access to Python objects from a sandbox (known SSTI gadgets).
const GADGETS: &[&str] = &[
    "cycler",
    "joiner",
    "lipsum",
    "url_for",
    "get_flashed_messages",
    "request",
    "config",
    "self",
];

/// Inspects a template.
pub fn inspect(t: &str) -> Vec<TemplateIssue> {
    let mut out = Vec::new();
    for (i, c) in t.char_indices() {
        if matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
        {
            out.push(issue(
                t,
                ScanCode::TemplateInvisibleChar,
                Severity::Medium,
                format!("invisible or bidi character U+{:04X}", c as u32),
                (i, i + c.len_utf8()),
            ));
        }
    }
    for (start, end) in blocks(t) {
        let b = &t[start..end];
        let at = |s: usize, e: usize| (start + s, start + e);
        // Dunder names: `__class__`, `__globals__`, `__subclasses__`, …
        let bytes = b.as_bytes();
        let mut i = 0;
        while let Some(p) = b[i..].find("__") {
            let s = i + p;
            let mut e = s + 2;
            while e < bytes.len() && (bytes[e].is_ascii_alphanumeric() || bytes[e] == b'_') {
                e += 1;
            }
            let word = &b[s..e];
            if word.len() > 4
                && word.ends_with("__")
                && word[2..word.len() - 2]
                    .bytes()
                    .any(|c| c.is_ascii_alphanumeric())
            {
                out.push(issue(
                    t,
                    ScanCode::TemplateDunder,
                    Severity::High,
                    format!("reaches Python internals through `{word}`"),
                    at(s, e),
                ));
            }
            i = e.max(s + 2);
        }
        for (s, e) in find_words(b, "attr") {
            let before = b[..s].trim_end();
            if before.ends_with('|') {
                out.push(issue(
                    t,
                    ScanCode::TemplateAttrFilter,
                    Severity::High,
                    "the `attr` filter reads arbitrary attributes (CVE-2025-27516 class)".into(),
                    at(s, e),
                ));
            }
        }
        for g in GADGETS {
            for (s, e) in find_words(b, g) {
                let prev = b[..s].chars().next_back();
                if prev == Some('.') || prev == Some('\'') || prev == Some('"') {
                    continue; // an attribute or key named like a gadget (`message.config`)
                }
                let next = b[e..].trim_start().chars().next();
                if matches!(next, Some('.') | Some('(') | Some('|') | Some('[')) {
                    out.push(issue(
                        t,
                        ScanCode::TemplateGadget,
                        Severity::High,
                        format!("uses the Jinja global `{g}`, a known sandbox-escape gadget"),
                        at(s, e),
                    ));
                }
            }
        }
        // Names assembled from pieces: underscores glued with `~`, `+`, `*`, `join` or `format`.
        for (s, e, lit) in string_literals(b) {
            let escaped = lit.contains("\\x5f") || lit.contains("\\u005f") || lit.contains("\\137");
            let around = &b[floor_char(b, s.saturating_sub(4))..ceil_char(b, (e + 8).min(b.len()))];
            let glued = around.contains('~')
                || around.contains('+')
                || around.contains('*')
                || around.contains("join")
                || around.contains("format");
            let piece = lit.starts_with("__") || lit.ends_with("__") || lit == "_";
            if escaped || (glued && piece) {
                out.push(issue(
                    t,
                    ScanCode::TemplateBuiltName,
                    Severity::High,
                    format!("builds a name from pieces (`{lit}`) so filters cannot see it"),
                    at(s, e),
                ));
            }
            if lit.contains("%c")
                && b[e..].trim_start().starts_with('|')
                && b[e..].contains("format")
            {
                out.push(issue(
                    t,
                    ScanCode::TemplateBuiltName,
                    Severity::High,
                    "builds characters with `%c`|format".into(),
                    at(s, e),
                ));
            }
        }
    }
    out.sort_by_key(|i| i.span);
    out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
    out
}

fn issue(
    t: &str,
    rule: ScanCode,
    severity: Severity,
    message: String,
    span: (usize, usize),
) -> TemplateIssue {
    let s = span.0.saturating_sub(20);
    let e = (span.1 + 20).min(t.len());
    let (s, e) = (floor_char(t, s), ceil_char(t, e));
    TemplateIssue {
        rule,
        severity,
        message,
        span,
        snippet: t[s..e].to_string(),
    }
}

fn floor_char(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Spans of `{{ … }}` and `{% … %}` contents.
fn blocks(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = t[i..].find('{') {
        let s = i + p;
        let close = match t.as_bytes().get(s + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                i = s + 1;
                continue;
            }
        };
        let body = s + 2;
        let end = t[body..].find(close).map_or(t.len(), |q| body + q);
        if close != "#}" {
            out.push((body, end));
        }
        i = (end + 2).min(t.len());
        if i <= s {
            break;
        }
    }
    out
}

fn find_words(b: &str, w: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let bytes = b.as_bytes();
    let mut i = 0;
    while let Some(p) = b[i..].find(w) {
        let s = i + p;
        let e = s + w.len();
        if (s == 0 || !ident(bytes[s - 1])) && (e >= bytes.len() || !ident(bytes[e])) {
            out.push((s, e));
        }
        i = e;
    }
    out
}

/// `(start, end, content)` of quoted literals in a block.
fn string_literals(b: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let bytes = b.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let q = bytes[i];
        if q == b'\'' || q == b'"' {
            let s = i;
            i += 1;
            while i < bytes.len() && bytes[i] != q {
                if bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            let e = (i + 1).min(bytes.len());
            if e > s + 1 && b.is_char_boundary(s + 1) && b.is_char_boundary(e - 1) && s < e - 1 {
                out.push((s, e, b[s + 1..e - 1].to_string()));
            }
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHATML: &str = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    const LLAMA3: &str = "{{- bos_token }}{%- set ns = namespace(found=false) -%}{%- if custom_tools is defined %}{%- set tools = custom_tools %}{%- endif %}{{- \"Today Date: \" + strftime_now(\"%d %b %Y\") + \"\\n\" }}{%- for message in messages %}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}{%- endfor %}";

    #[test]
    fn benign_templates_are_clean() {
        assert!(inspect(CHATML).is_empty(), "{:?}", inspect(CHATML));
        assert!(inspect(LLAMA3).is_empty(), "{:?}", inspect(LLAMA3));
        assert!(
            inspect("{{ message.config }} {{ messages[0]['content'] }} __init__ in text")
                .is_empty()
        );
    }

    #[test]
    fn ssti_constructs_are_found_with_spans() {
        let t = "hi {{ ''.__class__.__mro__[1].__subclasses__() }}";
        let found = inspect(t);
        assert!(found.iter().all(|i| i.rule == "template-dunder"));
        assert_eq!(found.len(), 3);
        assert_eq!(&t[found[0].span.0..found[0].span.1], "__class__");
        let t = "{{ (messages|first)|attr('__cla' ~ 'ss__') }}";
        let rules: Vec<_> = inspect(t).iter().map(|i| i.rule.id()).collect();
        assert!(
            rules.contains(&"template-attr-filter") && rules.contains(&"template-built-name"),
            "{rules:?}"
        );
        let t = "{{ cycler.__init__.__globals__.os.popen('id').read() }}";
        assert!(inspect(t).iter().any(|i| i.rule == "template-gadget"));
        assert!(inspect("{{ lipsum['\\x5f\\x5fglobals\\x5f\\x5f'] }}")
            .iter()
            .any(|i| i.rule == "template-built-name"));
        assert!(inspect("ok\u{202E}evil")
            .iter()
            .any(|i| i.rule == "template-invisible-char"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = inspect(&s);
        }

        #[test]
        fn never_panics_on_jinja_soup(parts in proptest::collection::vec(proptest::sample::select(vec!["{{", "}}", "{%", "%}", "{#", "#}", "'", "\"", "__", "|attr", "~", "é", "\\", "x"]), 0..40)) {
            let _ = inspect(&parts.concat());
        }
    }
}
