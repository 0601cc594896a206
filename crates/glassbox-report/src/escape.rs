//! Escaping for text that comes from a release (card text, file names, license names).
//!
//! Everything a release ships is hostile input: a model card may contain `<script>`, Markdown
//! links to phishing pages, `@mentions`, or SARIF placeholders. Each output format has its own
//! escaper here, and renderers pass every release-derived string through one of them.

use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values (also valid XML, so SVG too).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0 and only confuse terminals.
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for inline Markdown (CommonMark and GitHub Flavored Markdown), including table
/// cells: no emphasis, links, images, raw HTML, mentions, math or block structure survives.
///
/// Line breaks become spaces, so text from a card can never start a new block (a heading, a
/// list, a table row) in the surrounding document.
pub fn markdown(s: &str) -> String {
    markdown_impl(s, true)
}

/// `line_start`: the text may begin a line, so leading block markers are escaped too.
fn markdown_impl(s: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_start = line_start;
    let s = if line_start { s.trim_start() } else { s };
    for c in s.chars() {
        let c = if c.is_control() { ' ' } else { c };
        match c {
            // Entities rather than backslashes: GitHub's sanitiser then never sees a tag.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '@' | '#' | '!' | '$' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // List and heading markers only matter at the start of the text.
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        if !c.is_whitespace() {
            at_start = false;
        }
    }
    // "1. " or "1) " at the start would begin an ordered list.
    if !line_start {
        return out;
    }
    if let Some(pos) = out.find(|c: char| !c.is_ascii_digit()) {
        if pos > 0 && (out[pos..].starts_with(". ") || out[pos..].starts_with(") ")) {
            out.insert(pos, '\\');
        }
    }
    out
}

/// Inline code span holding `s` verbatim: a backtick fence longer than any run inside it.
///
/// Code spans show text literally (no HTML, no links), which suits file names and ids.
pub fn markdown_code(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // Inside a table a `|` still splits cells, even in a code span (GFM), so it is escaped.
    let flat = flat.replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if flat.is_empty() {
        return "` `".to_string();
    }
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// Splits text on single backticks into (is_code, part) runs when they pair up; otherwise the
/// whole text is one plain run. Detectors write ids and code fragments between backticks.
fn code_runs(s: &str) -> Vec<(bool, &str)> {
    let n = s.matches('`').count();
    if n < 2 || !n.is_multiple_of(2) || s.contains("``") {
        return vec![(false, s)];
    }
    s.split('`')
        .enumerate()
        .map(|(i, part)| (i % 2 == 1, part))
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

/// [`markdown`], except that `backtick-quoted` fragments become inline code spans.
pub fn markdown_with_code(s: &str) -> String {
    code_runs(s)
        .into_iter()
        .enumerate()
        .map(|(i, (code, p))| {
            if code {
                markdown_code(p)
            } else {
                markdown_impl(p, i == 0)
            }
        })
        .collect()
}

/// [`html`], except that `backtick-quoted` fragments become `<code>` elements.
pub fn html_with_code(s: &str) -> String {
    code_runs(s)
        .into_iter()
        .map(|(code, p)| {
            if code {
                format!("<code>{}</code>", html(p))
            } else {
                html(p)
            }
        })
        .collect()
}

/// Returns the URL when it is safe to make a link of: `http` or `https` only, no whitespace,
/// quotes, angle brackets or backslashes (so it cannot break out of an attribute or a Markdown
/// link destination), and of bounded length.
pub fn safe_url(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let chars_ok = url.chars().all(|c| {
        !c.is_whitespace() && !c.is_control() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    });
    (scheme_ok && chars_ok && url.len() > 8 && url.len() <= 2048).then_some(url)
}

/// Escapes plain text for a SARIF `message.text` (SARIF 2.1.0 §3.11.5–3.11.6): braces are
/// doubled so they are not placeholders, and brackets are backslash-escaped so they do not form
/// embedded links.
pub fn sarif_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Makes text from a release safe to print on a terminal: control characters (an ANSI escape, a
/// newline in a file name) are shown as `\x1b`, `\n`, …, and bidirectional formatting
/// characters (the right-to-left override that makes `model\u{202E}lkp.bin` read as
/// `modelnib.pkl`) as `<U+202E>`, so a name can neither drive the terminal nor disguise itself.
pub fn terminal(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_bidi(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() || is_bidi(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Unicode bidirectional formatting characters (marks, embeddings, overrides, isolates).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Percent-encodes a relative file path for a URI reference (SARIF `artifactLocation.uri`,
/// links): every byte outside the unreserved set and `/` is encoded.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Truncates to at most `max` characters, marking the cut with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("a\u{0}b"), "a b");
    }

    #[test]
    fn markdown_neutralises_links_html_and_blocks() {
        let s = markdown("[click](https://evil.example) <img src=x onerror=alert(1)> **b** @team");
        assert!(!s.contains("<img"));
        assert!(s.contains("\\[click\\]"));
        assert!(s.contains("\\*\\*b\\*\\*"));
        assert!(s.contains("\\@team"));
        // A newline can never start a new block.
        let s = markdown("ok\n# Heading\n| a | b |");
        assert!(!s.contains('\n'));
        assert!(s.contains("\\#"));
        assert!(s.contains("\\|"));
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("1. first"), "1\\. first");
        assert_eq!(markdown("Apache-2.0"), "Apache-2.0");
    }

    #[test]
    fn markdown_code_survives_backticks_and_pipes() {
        assert_eq!(markdown_code("a.safetensors"), "`a.safetensors`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
        assert_eq!(markdown_code(""), "` `");
    }

    #[test]
    fn backtick_fragments_become_code_only_when_paired() {
        assert_eq!(
            html_with_code("calls `x<y` here"),
            "calls <code>x&lt;y</code> here"
        );
        assert_eq!(html_with_code("odd ` count"), "odd ` count");
        assert_eq!(
            markdown_with_code("loop: `.backward(` and `step(`"),
            "loop: `.backward(` and `step(`"
        );
        assert_eq!(markdown_with_code("a `*b*` c"), "a `*b*` c");
        assert_eq!(markdown_with_code("odd ` *x*"), "odd \\` \\*x\\*");
        assert_eq!(markdown_with_code("``"), "\\`\\`");
    }

    #[test]
    fn urls_other_than_http_are_refused() {
        assert_eq!(
            safe_url("https://huggingface.co/x"),
            Some("https://huggingface.co/x")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("https://x.example/\"onmouseover=alert(1)"), None);
        assert_eq!(safe_url("https://x.example/ a"), None);
        assert_eq!(safe_url("HTTPS://X.EXAMPLE/"), Some("HTTPS://X.EXAMPLE/"));
        assert_eq!(safe_url("https://"), None);
    }

    #[test]
    fn sarif_placeholders_and_links_are_literal() {
        assert_eq!(sarif_text("{0} [a](1) \\"), "{{0}} \\[a\\](1) \\\\");
    }

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(uri_path("dir/a b#c?.py"), "dir/a%20b%23c%3F.py");
        assert_eq!(uri_path("é"), "%C3%A9");
    }

    #[test]
    fn truncate_counts_chars() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ab", 4), "ab");
        assert_eq!(truncate("ééééé", 3), "éé…");
    }

    /// Found by the hostile-release corpus (#16): file names with an ANSI escape, a newline or
    /// a right-to-left override reached the terminal raw through the text reports.
    #[test]
    fn terminal_shows_controls_and_bidi_overrides() {
        assert_eq!(terminal("model.safetensors"), "model.safetensors");
        assert_eq!(terminal("esc\x1b[2Jred.pkl"), "esc\\x1b[2Jred.pkl");
        assert_eq!(terminal("new\nline\t.pkl"), "new\\nline\\t.pkl");
        assert_eq!(terminal("model\u{202E}lkp.bin"), "model<U+202E>lkp.bin");
        assert_eq!(terminal("a\u{2066}b\u{9b}c"), "a<U+2066>b\\x9bc");
        assert_eq!(terminal("überall"), "überall");
    }
}
