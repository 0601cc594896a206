//! Models named in configuration files: YAML and JSON read through their tree-sitter grammars,
//! TOML through the `toml` crate's spanned parser, all keeping the line of each value.

use tree_sitter::Node;

use crate::hits::{Hits, Raw};
use crate::syntax;

/// Keys whose string value (or list of strings) names a model. The `bool` is `true` for generic
/// keys, where only `org/name` ids count.
const KEYS: [(&str, bool); 8] = [
    ("model_name_or_path", false),
    ("pretrained_model_name_or_path", false),
    ("base_model", false),
    ("base_model_name_or_path", false),
    ("model_id", true),
    ("model_name", true),
    ("model", true),
    ("hub_model_id", false),
];

/// The configuration language of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `.json`
    Json,
    /// `.yaml`, `.yml`
    Yaml,
    /// `.toml`
    Toml,
}

fn key_kind(k: &str) -> Option<bool> {
    KEYS.iter().find(|(n, _)| *n == k).map(|(_, g)| *g)
}

/// Whether a file could name a model at all.
pub(crate) fn may_reference(src: &str) -> bool {
    src.contains("model")
}

/// The models a configuration file names.
pub(crate) fn extract(src: &str, kind: Kind) -> Hits {
    let mut hits = Hits::default();
    if !may_reference(src) {
        return hits;
    }
    match kind {
        Kind::Json => tree_pairs(src, &tree_sitter_json::LANGUAGE.into(), &mut hits),
        Kind::Yaml => tree_pairs(src, &tree_sitter_yaml::LANGUAGE.into(), &mut hits),
        Kind::Toml => toml_pairs(src, &mut hits),
    }
    hits
}

fn push(hits: &mut Hits, key: &str, generic: bool, line: u32, value: &str) {
    hits.models.push(Raw {
        line,
        value: value.to_string(),
        revision: None,
        generic,
        what: key.to_string(),
    });
}

/// JSON `pair` and YAML `block_mapping_pair` / `flow_pair` nodes with a model key.
fn tree_pairs(src: &str, language: &tree_sitter::Language, hits: &mut Hits) {
    let Some(tree) = syntax::parse(language, src) else {
        return;
    };
    syntax::each_node(&tree, |node| {
        if !matches!(node.kind(), "pair" | "block_mapping_pair" | "flow_pair") {
            return;
        }
        let (Some(k), Some(v)) = (
            node.child_by_field_name("key"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        let Some(key) = scalar(k, src) else {
            return;
        };
        let Some(generic) = key_kind(&key) else {
            return;
        };
        if let Some(value) = scalar(v, src) {
            push(hits, &key, generic, syntax::line(v), &value);
            return;
        }
        // A list of ids (`base_model: [a, b]`).
        for item in sequence_items(v) {
            if let Some(value) = scalar(item, src) {
                push(hits, &key, generic, syntax::line(item), &value);
            }
        }
    });
}

/// The items of a JSON array or a YAML block or flow sequence.
fn sequence_items(node: Node<'_>) -> Vec<Node<'_>> {
    let mut n = node;
    // YAML wraps values in block_node / flow_node.
    while matches!(n.kind(), "block_node" | "flow_node") {
        match syntax::args(n).as_slice() {
            [inner] => n = *inner,
            _ => return Vec::new(),
        }
    }
    match n.kind() {
        "array" | "flow_sequence" => syntax::args(n),
        "block_sequence" => syntax::args(n)
            .into_iter()
            .filter_map(|item| syntax::args(item).into_iter().next())
            .collect(),
        _ => Vec::new(),
    }
}

/// A string scalar's value: JSON strings, YAML plain and quoted scalars.
fn scalar(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind() {
        "flow_node" | "block_node" | "plain_scalar" => match syntax::args(node).as_slice() {
            [inner] => scalar(*inner, src),
            _ => None,
        },
        "string_scalar" => Some(syntax::text(node, src).trim().to_string()),
        "double_quote_scalar" | "string" => {
            let t = syntax::text(node, src);
            let inner = t.get(1..t.len().saturating_sub(1)).unwrap_or("");
            Some(syntax::unescape(inner))
        }
        "single_quote_scalar" => {
            let t = syntax::text(node, src);
            let inner = t.get(1..t.len().saturating_sub(1)).unwrap_or("");
            Some(inner.replace("''", "'"))
        }
        _ => None,
    }
}

/// TOML keys with a model key at any depth.
fn toml_pairs(src: &str, hits: &mut Hits) {
    let Ok(table) = toml::de::DeTable::parse(src) else {
        return;
    };
    let lines = crate::span::Lines::new(src);
    let mut stack: Vec<&toml::de::DeTable<'_>> = vec![table.get_ref()];
    // Arrays of tables are walked too; values are visited with an explicit stack (no recursion).
    let mut arrays: Vec<&toml::de::DeArray<'_>> = Vec::new();
    loop {
        if let Some(t) = stack.pop() {
            for (k, v) in t.iter() {
                let key: &str = k.get_ref();
                if let Some(generic) = key_kind(key) {
                    let line = lines.line_col(v.span().start).0;
                    match v.get_ref() {
                        toml::de::DeValue::String(s) => push(hits, key, generic, line, s),
                        toml::de::DeValue::Array(a) => {
                            for item in a.iter() {
                                if let toml::de::DeValue::String(s) = item.get_ref() {
                                    let l = lines.line_col(item.span().start).0;
                                    push(hits, key, generic, l, s);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                match v.get_ref() {
                    toml::de::DeValue::Table(inner) => stack.push(inner),
                    toml::de::DeValue::Array(a) => arrays.push(a),
                    _ => {}
                }
            }
        } else if let Some(a) = arrays.pop() {
            for item in a.iter() {
                match item.get_ref() {
                    toml::de::DeValue::Table(inner) => stack.push(inner),
                    toml::de::DeValue::Array(inner) => arrays.push(inner),
                    _ => {}
                }
            }
        } else {
            break;
        }
    }
    hits.models.sort_by_key(|r| r.line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(src: &str, kind: Kind) -> Vec<(u32, String, bool)> {
        extract(src, kind)
            .models
            .into_iter()
            .map(|r| (r.line, r.value, r.generic))
            .collect()
    }

    #[test]
    fn yaml_keys_and_lists() {
        let src = "train:\n  model_name_or_path: org/base\n  lr: 1e-4\nbase_model:\n  - org/a\n  - \"org/b\"\nflow: {model: 'org/c'}\nname: model\n";
        assert_eq!(
            got(src, Kind::Yaml),
            vec![
                (2, "org/base".into(), false),
                (5, "org/a".into(), false),
                (6, "org/b".into(), false),
                (7, "org/c".into(), true),
            ]
        );
    }

    #[test]
    fn json_keys_at_any_depth() {
        let src = "{\n  \"training\": {\n    \"pretrained_model_name_or_path\": \"org/x\"\n  },\n  \"model\": 3,\n  \"base_model\": [\"org/y\"]\n}\n";
        assert_eq!(
            got(src, Kind::Json),
            vec![(3, "org/x".into(), false), (6, "org/y".into(), false)]
        );
    }

    #[test]
    fn toml_keys_with_lines() {
        let src = "[tool.train]\nmodel = \"org/t\"\n\n[[runs]]\nbase_model = \"org/u\"\n";
        assert_eq!(
            got(src, Kind::Toml),
            vec![(2, "org/t".into(), true), (5, "org/u".into(), false)]
        );
    }

    #[test]
    fn broken_files_give_what_can_be_read_and_never_fail() {
        assert!(got("{\"model\": ", Kind::Json).is_empty());
        assert!(got("model = [", Kind::Toml).is_empty());
        let _ = got("model: [org/a\n  - :", Kind::Yaml);
    }
}
