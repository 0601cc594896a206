//! Model and dataset cards: YAML front matter, Markdown sections with their sizes, and links
//! classified by what they point at.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::Value;

use crate::yaml;

/// Cards longer than this are read up to the limit only.
pub const MAX_CARD_BYTES: usize = 4 << 20;

/// What a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A source repository (GitHub, GitLab, Codeberg, Bitbucket, any `.git`).
    CodeRepository,
    /// A dataset (Hub dataset, Zenodo, Kaggle datasets).
    Dataset,
    /// A paper (arXiv, ACL Anthology, OpenReview, DOI, a PDF).
    Paper,
    /// Where weights can be downloaded (a Hub model repository, a weights file, a torrent).
    WeightsDownload,
    /// Anything else.
    Other,
}

impl LinkKind {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::CodeRepository => "code-repository",
            LinkKind::Dataset => "dataset",
            LinkKind::Paper => "paper",
            LinkKind::WeightsDownload => "weights-download",
            LinkKind::Other => "other",
        }
    }
}

/// A link found in the card body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The URL.
    pub url: String,
    /// 1-based line in the card file.
    pub line: u32,
    /// What it points at.
    pub kind: LinkKind,
    /// The heading of the section it sits in.
    pub section: Option<String>,
}

/// A Markdown section (a heading and the text under it, up to the next heading of any level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading text.
    pub title: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// 1-based line of the heading in the card file.
    pub line: u32,
    /// Bytes of text under the heading (without sub-sections).
    pub bytes: usize,
    /// The text under the heading (without sub-sections).
    pub text: String,
}

/// The metadata fields glassbox reads (DESIGN.md §4), with the line of each in the card.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    /// `license` (a string or a list).
    pub license: Vec<String>,
    /// `license_name` (with `license: other`).
    pub license_name: Option<String>,
    /// `license_link` (a file in the repository or a URL).
    pub license_link: Option<String>,
    /// `datasets` (Hub dataset ids).
    pub datasets: Vec<String>,
    /// `base_model` (a string, or a list for merges).
    pub base_model: Vec<String>,
    /// `base_model_relation`.
    pub base_model_relation: Option<String>,
    /// `library_name`.
    pub library_name: Option<String>,
    /// `pipeline_tag`.
    pub pipeline_tag: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `model_name`.
    pub model_name: Option<String>,
    /// Number of `model-index` results with metrics.
    pub model_index_results: usize,
    /// Gating fields present (`extra_gated_prompt`, `extra_gated_fields`, …).
    pub gating: Vec<String>,
}

/// A parsed card.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Card {
    /// The front matter as JSON (`Null` when there is none or it is broken).
    pub metadata: Value,
    /// Why the front matter could not be read, when it could not.
    pub metadata_error: Option<String>,
    /// The fields read from the front matter.
    pub fields: Fields,
    /// 1-based line of each top-level metadata key.
    pub field_lines: Vec<(String, u32)>,
    /// Sections in document order.
    pub sections: Vec<Section>,
    /// Links in document order.
    pub links: Vec<Link>,
    /// Bytes of Markdown after the front matter.
    pub body_bytes: usize,
}

impl Card {
    /// The 1-based line of a top-level metadata key (1 when unknown: the front matter start).
    pub fn line_of(&self, key: &str) -> u32 {
        self.field_lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| *l)
            .unwrap_or(1)
    }

    /// The first section whose title contains one of `needles` (case-insensitive), with its
    /// sub-sections' text appended.
    pub fn section_like(&self, needles: &[&str]) -> Option<(&Section, usize)> {
        let idx = self.sections.iter().position(|s| {
            let t = s.title.to_ascii_lowercase();
            needles.iter().any(|n| t.contains(n))
        })?;
        let level = self.sections[idx].level;
        let total: usize = self.sections[idx..]
            .iter()
            .enumerate()
            .take_while(|(i, s)| *i == 0 || s.level > level)
            .map(|(_, s)| s.bytes)
            .sum();
        Some((&self.sections[idx], total))
    }
}

/// Splits the front matter (`---` … `---` at the top) from the body: (yaml, body, body's first line).
fn split_front_matter(text: &str) -> (Option<&str>, &str, u32) {
    let trimmed = text.trim_start_matches('\u{feff}');
    let lead = trimmed.len() - trimmed.trim_start().len();
    let rest = trimmed.trim_start();
    let Some(after) = rest.strip_prefix("---") else {
        return (None, trimmed, 1);
    };
    let after = match after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
    {
        Some(a) => a,
        None => return (None, trimmed, 1),
    };
    let mut offset = 0;
    for line in after.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &after[..offset];
            let body = &after[offset + line.len()..];
            let consumed = &trimmed[..lead
                + 3
                + (after.as_ptr() as usize - rest[3..].as_ptr() as usize)
                + offset
                + line.len()];
            let body_line = consumed.matches('\n').count() as u32 + 1;
            return (Some(yaml), body, body_line);
        }
        offset += line.len();
    }
    (None, trimmed, 1)
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn fields(meta: &Value) -> Fields {
    let s = |k: &str| meta.get(k).and_then(Value::as_str).map(str::to_string);
    let model_index_results = meta
        .get("model-index")
        .and_then(Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| e.get("results").and_then(Value::as_array))
                .flatten()
                .filter(|r| {
                    r.get("metrics")
                        .and_then(Value::as_array)
                        .is_some_and(|m| !m.is_empty())
                })
                .count()
        })
        .unwrap_or(0);
    let gating = meta
        .as_object()
        .map(|o| {
            o.keys()
                .filter(|k| k.starts_with("extra_gated"))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Fields {
        license: meta.get("license").map(strings).unwrap_or_default(),
        license_name: s("license_name"),
        license_link: s("license_link"),
        datasets: meta.get("datasets").map(strings).unwrap_or_default(),
        base_model: meta.get("base_model").map(strings).unwrap_or_default(),
        base_model_relation: s("base_model_relation"),
        library_name: s("library_name"),
        pipeline_tag: s("pipeline_tag"),
        tags: meta.get("tags").map(strings).unwrap_or_default(),
        model_name: s("model_name"),
        model_index_results,
        gating,
    }
}

/// Classifies a URL by what it points at.
pub fn classify_url(url: &str) -> LinkKind {
    let u = url.to_ascii_lowercase();
    let host_path = u.split_once("://").map(|(_, r)| r).unwrap_or(&u);
    let host = host_path
        .split('/')
        .next()
        .unwrap_or("")
        .trim_start_matches("www.");
    let path = host_path.get(host.len()..).unwrap_or("");
    let weights_ext = [
        ".safetensors",
        ".gguf",
        ".bin",
        ".pt",
        ".pth",
        ".ckpt",
        ".onnx",
        ".torrent",
    ];
    if u.starts_with("magnet:") || weights_ext.iter().any(|e| path.ends_with(e)) {
        return LinkKind::WeightsDownload;
    }
    if [
        "arxiv.org",
        "aclanthology.org",
        "openreview.net",
        "doi.org",
        "dx.doi.org",
        "papers.nips.cc",
        "proceedings.neurips.cc",
        "proceedings.mlr.press",
        "semanticscholar.org",
    ]
    .contains(&host)
        || path.ends_with(".pdf")
    {
        return LinkKind::Paper;
    }
    if host == "huggingface.co" || host == "hf.co" {
        if path.starts_with("/datasets/") {
            return LinkKind::Dataset;
        }
        if path.starts_with("/spaces/")
            || path.starts_with("/docs")
            || path.starts_with("/blog")
            || path.starts_with("/papers")
        {
            return if path.starts_with("/papers") {
                LinkKind::Paper
            } else {
                LinkKind::Other
            };
        }
        if path.split('/').filter(|p| !p.is_empty()).count() >= 2 {
            return LinkKind::WeightsDownload;
        }
        return LinkKind::Other;
    }
    if ["zenodo.org", "kaggle.com"].contains(&host)
        && (host == "zenodo.org" || path.starts_with("/datasets"))
    {
        return LinkKind::Dataset;
    }
    if [
        "github.com",
        "gitlab.com",
        "codeberg.org",
        "bitbucket.org",
        "git.sr.ht",
    ]
    .contains(&host)
    {
        if path.contains("/releases/download/") {
            return LinkKind::WeightsDownload;
        }
        if path.split('/').filter(|p| !p.is_empty()).count() >= 2 {
            return LinkKind::CodeRepository;
        }
    }
    if path.ends_with(".git") {
        return LinkKind::CodeRepository;
    }
    LinkKind::Other
}

fn line_at(starts: &[usize], offset: usize) -> u32 {
    (starts.partition_point(|&s| s <= offset)) as u32
}

fn bare_urls(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("https://")
        .chain(text.match_indices("http://"))
        .map(move |(i, _)| {
            let end = text[i..]
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | ']' | '`' | '<')
                })
                .map(|e| i + e)
                .unwrap_or(text.len());
            (i, text[i..end].trim_end_matches(['.', ',', ';', ':']))
        })
}

/// Parses a card. Broken front matter is reported in `metadata_error`; the body is still read.
pub fn parse(text: &str) -> Card {
    let text = if text.len() > MAX_CARD_BYTES {
        let mut end = MAX_CARD_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    let (yaml_text, body, body_line) = split_front_matter(text);
    let mut card = Card::default();
    if let Some(y) = yaml_text {
        match yaml::parse(y, "card front matter") {
            Ok(v @ Value::Object(_)) => card.metadata = v,
            Ok(Value::Null) => {}
            Ok(_) => {
                card.metadata_error = Some("front matter is not a mapping of keys to values".into())
            }
            Err(e) => card.metadata_error = Some(e.to_string()),
        }
        for (i, line) in y.lines().enumerate() {
            if let Some((key, _)) = line.split_once(':') {
                if !key.is_empty() && !key.starts_with([' ', '\t', '-', '#']) {
                    card.field_lines
                        .push((key.trim().to_string(), i as u32 + 2));
                }
            }
        }
    }
    card.fields = fields(&card.metadata);
    card.body_bytes = body.len();

    let mut starts = vec![0usize];
    starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
    let to_line = |off: usize| line_at(&starts, off) + body_line - 1;

    let mut current: Option<Section> = None;
    let mut heading: Option<(u8, u32, String)> = None;
    let mut seen_urls = std::collections::HashSet::new();
    let mut section_title: Option<String> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some(s) = current.take() {
                    card.sections.push(s);
                }
                heading = Some((heading_level(level), to_line(range.start), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, title)) = heading.take() {
                    section_title = Some(title.trim().to_string());
                    current = Some(Section {
                        title: title.trim().to_string(),
                        level,
                        line,
                        bytes: 0,
                        text: String::new(),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let url = dest_url.to_string();
                if seen_urls.insert((url.clone(), to_line(range.start))) && url.contains(':') {
                    card.links.push(Link {
                        kind: classify_url(&url),
                        url,
                        line: to_line(range.start),
                        section: section_title.clone(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                } else if let Some(s) = current.as_mut() {
                    s.bytes += t.len();
                    if s.text.len() < 64 << 10 {
                        s.text.push_str(&t);
                        s.text.push(' ');
                    }
                }
                for (i, url) in bare_urls(&t) {
                    let line = to_line(range.start + i.min(range.len()));
                    if seen_urls
                        .iter()
                        .any(|(u, l): &(String, u32)| u == url && *l == line)
                    {
                        continue;
                    }
                    seen_urls.insert((url.to_string(), line));
                    card.links.push(Link {
                        kind: classify_url(url),
                        url: url.to_string(),
                        line,
                        section: section_title.clone(),
                    });
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for (i, url) in bare_urls(&h) {
                    let line = to_line(range.start + i.min(range.len()));
                    if seen_urls.insert((url.to_string(), line)) {
                        card.links.push(Link {
                            kind: classify_url(url),
                            url: url.to_string(),
                            line,
                            section: section_title.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(s) = current.take() {
        card.sections.push(s);
    }
    card
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = "---\nlicense: apache-2.0\ndatasets:\n- org/data\nbase_model: org/base\n---\n# My model\n\nIntro.\n\n## Training data\n\nWe trained on [the data](https://huggingface.co/datasets/org/data).\nCode: https://github.com/org/train.\n\n## Citation\n\nSee https://arxiv.org/abs/2401.00001.\n";

    #[test]
    fn front_matter_sections_links() {
        let c = parse(CARD);
        assert_eq!(c.fields.license, vec!["apache-2.0"]);
        assert_eq!(c.fields.datasets, vec!["org/data"]);
        assert_eq!(c.line_of("datasets"), 3);
        assert_eq!(c.sections.len(), 3);
        assert_eq!(c.sections[1].title, "Training data");
        assert_eq!(c.sections[1].line, 11);
        let kinds: Vec<_> = c.links.iter().map(|l| (l.kind, l.line)).collect();
        assert!(kinds.contains(&(LinkKind::Dataset, 13)));
        assert!(kinds.contains(&(LinkKind::CodeRepository, 14)));
        assert!(kinds.contains(&(LinkKind::Paper, 18)));
    }

    #[test]
    fn broken_front_matter_is_reported_not_fatal() {
        let c = parse("---\nlicense: [unclosed\n---\n# Title\n");
        assert!(c.metadata_error.is_some());
        assert_eq!(c.sections.len(), 1);
    }

    #[test]
    fn urls_are_classified() {
        assert_eq!(
            classify_url("https://github.com/org/repo"),
            LinkKind::CodeRepository
        );
        assert_eq!(
            classify_url("https://huggingface.co/org/model"),
            LinkKind::WeightsDownload
        );
        assert_eq!(
            classify_url("https://example.com/paper.pdf"),
            LinkKind::Paper
        );
        assert_eq!(
            classify_url("magnet:?xt=urn:btih:abc"),
            LinkKind::WeightsDownload
        );
        assert_eq!(classify_url("https://example.com"), LinkKind::Other);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let _ = parse(&s);
            let _ = parse(&format!("---\n{s}\n---\n{s}"));
        }
    }
}
