//! A fast path for the YAML glassbox reads most: plain trees of mappings, sequences and scalars
//! (MOF records come in batches of thousands; serde-saphyr's typed layer cost twice its parser).
//!
//! It walks the parser's events and builds the JSON value itself, but only where the result is
//! certain to equal serde-saphyr's: quoted and block scalars are strings, plain scalars that
//! start with a letter and are not a YAML 1.1 boolean or null spelling are strings, and every
//! other plain scalar is resolved by serde-saphyr itself. Anything else — tags, anchors,
//! aliases, merge keys, duplicate or non-string keys, several documents, parse errors, a tree
//! beyond the budget — returns `None`, and the caller parses the whole document with
//! serde-saphyr, which decides and words the error.

use granit_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Value};
use serde_saphyr::granit_parser;

/// Limits the fast path gives up at (the full parser then enforces its own budget).
pub(super) struct Limits {
    pub depth: usize,
    pub nodes: usize,
}

enum Frame {
    Seq(Vec<Value>),
    Map(Map<String, Value>, Option<String>),
}

/// The value of `text`, or `None` when the fast path cannot be sure of it.
pub(super) fn parse(
    text: &str,
    options: granit_parser::Options,
    limits: &Limits,
    resolve: impl Fn(&str) -> Option<Value>,
) -> Option<Value> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, _) = item.ok()?;
        let value = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(v, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                if let Some(Frame::Map(_, key @ None)) = stack.last_mut() {
                    // A key: only text that is certainly a string, and not a merge key.
                    if style == ScalarStyle::Plain && (!is_plain_text(&v) || v == "<<") {
                        return None;
                    }
                    *key = Some(v.into_owned());
                    continue;
                }
                match style {
                    ScalarStyle::Plain if v.is_empty() => Value::Null,
                    ScalarStyle::Plain if !is_plain_text(&v) => {
                        if v.starts_with("---") || v.starts_with("...") {
                            return None;
                        }
                        resolve(&v)?
                    }
                    _ => Value::String(v.into_owned()),
                }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= limits.depth {
                    return None;
                }
                if let Some(Frame::Map(_, None)) = stack.last() {
                    return None; // a complex key
                }
                nodes += 1;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(Vec::new())
                } else {
                    Frame::Map(Map::new(), None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                Frame::Seq(items) => Value::Array(items),
                Frame::Map(map, None) => Value::Object(map),
                Frame::Map(_, Some(_)) => return None,
            },
            _ => return None,
        };
        nodes += 1;
        if nodes > limits.nodes {
            return None;
        }
        match stack.last_mut() {
            None => {
                if root.replace(value).is_some() {
                    return None;
                }
            }
            Some(Frame::Seq(items)) => items.push(value),
            Some(Frame::Map(map, key)) => {
                let k = key.take()?;
                if map.contains_key(&k) {
                    return None;
                }
                map.insert(k, value);
            }
        }
    }
    if !stack.is_empty() {
        return None;
    }
    Some(root.unwrap_or(Value::Null))
}

/// A plain scalar that YAML resolves to a string whatever the schema: it starts with a letter
/// (no number, `.inf` or `~` does) and is not a boolean or null spelling (YAML 1.1's
/// `yes`/`no`/`on`/`off`/`y`/`n` included, since serde-saphyr accepts them).
fn is_plain_text(s: &str) -> bool {
    const WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    s.chars().next().is_some_and(char::is_alphabetic)
        && !(s.len() <= 5 && WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)))
}
