//! The Markdown output parsed by a real CommonMark parser (pulldown-cmark, with GFM tables):
//! text from a hostile release yields no raw HTML, no links other than glassbox's own `http(s)`
//! evidence links, no headings or lists of its own, and the six-row table keeps its shape.
//! Property tests check the escapers on arbitrary strings.

use glassbox_report::{escape, markdown, sample};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn events(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).collect()
}

#[test]
fn hostile_markdown_has_no_html_foreign_links_or_blocks() {
    let md = markdown::render(&sample::hostile());
    let ev = events(&md);
    for e in &ev {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => {
                // The only HTML glassbox writes itself: line breaks in cells, the collapsed
                // sections (whose summaries hold only counts) and the footer.
                let h = h.trim();
                let own = ["<br>", "<sub>", "</sub>", "<details>", "</details>"];
                let summary = h.starts_with("<summary>")
                    && h.ends_with("</summary>")
                    && !h["<summary>".len()..h.len() - "</summary>".len()].contains(['<', '>']);
                assert!(
                    own.contains(&h) || summary,
                    "raw HTML from the release: {h}"
                );
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                    "link to {dest_url}"
                );
                assert!(!dest_url.contains("evil.example/\""), "{dest_url}");
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("image from the release: {dest_url}")
            }
            _ => {}
        }
    }
    // Headings are glassbox's own: the title and its sections, none from the card text.
    let headings = ev
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    let own = md.lines().filter(|l| l.starts_with('#')).count();
    assert_eq!(headings, own);
    assert!(!md.lines().any(|l| l.starts_with("# Heading")));
    // The six-row table: every row has exactly four cells.
    let mut in_table = false;
    let mut cells = 0;
    let mut rows = Vec::new();
    for e in &ev {
        match e {
            Event::Start(Tag::Table(a)) => in_table = a.len() == 4,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) if in_table => cells += 1,
            Event::End(TagEnd::TableRow) if in_table => rows.push(cells),
            _ => {}
        }
    }
    assert!(rows.len() >= 6, "{rows:?}");
    assert!(rows.iter().all(|c| *c == 4), "{rows:?}");
}

/// Arbitrary text, and text made mostly of the characters Markdown, HTML and SARIF care about.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9<>\\[\\]()*_`~#|!@$&;:/{}. \n\t=+\\\\-]{0,40}"
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn escaped_markdown_is_plain_text(s in hostile()) {
        let esc = escape::markdown(&s);
        prop_assert!(!esc.contains(['\n', '\r']), "line break in {:?}", esc);
        let md = format!("- item {esc}\n");
        for e in events(&md) {
            let bad = matches!(e, Event::Html(_) | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. })
                | Event::Start(Tag::Emphasis) | Event::Start(Tag::Strong)
                | Event::Start(Tag::Heading { .. }) | Event::Start(Tag::CodeBlock(_))
                | Event::Start(Tag::Table(_)) | Event::Code(_));
            prop_assert!(!bad, "{:?} from {:?}", e, s);
        }
    }

    #[test]
    fn markdown_with_code_spans_is_plain_text_and_code(s in hostile()) {
        let esc = escape::markdown_with_code(&s);
        prop_assert!(!esc.contains(['\n', '\r']), "line break in {:?}", esc);
        let md = format!("| a |\n|---|\n| x {esc} |\n");
        let mut cells = 0;
        for e in events(&md) {
            if matches!(e, Event::Start(Tag::TableCell)) {
                cells += 1;
            }
            let bad = matches!(e, Event::Html(_) | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. })
                | Event::Start(Tag::Emphasis) | Event::Start(Tag::Strong));
            prop_assert!(!bad, "{:?} from {:?}", e, s);
        }
        prop_assert_eq!(cells, 2, "the cell was split: {:?}", esc);
    }

    #[test]
    fn escaped_html_has_no_markup(s in hostile()) {
        let esc = escape::html(&s);
        let markup = esc.contains(['<', '>', '"', '\'']);
        prop_assert!(!markup, "markup in {:?}", esc);
    }

    #[test]
    fn sarif_text_has_no_placeholders_or_links(s in hostile()) {
        let esc = escape::sarif_text(&s);
        // Braces only ever come in pairs, and every bracket is escaped.
        let unpaired = esc.replace("{{", "").replace("}}", "").contains(['{', '}']);
        prop_assert!(!unpaired, "unpaired brace in {:?}", esc);
        let mut chars = esc.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '[' | ']' => prop_assert!(false, "bare bracket in {:?}", esc),
                _ => {}
            }
        }
    }

    #[test]
    fn uri_paths_are_valid_uri_references(s in hostile()) {
        let u = escape::uri_path(&s);
        let ok = u.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b));
        prop_assert!(ok, "{:?}", u);
    }
}
