//! Models loaded by Python code, read from the tree-sitter-python syntax tree: calls to
//! `from_pretrained`, `pipeline`, `hf_hub_download`, `snapshot_download`, `SentenceTransformer`
//! and `CrossEncoder` with literal arguments, and their `revision=` pins.

use tree_sitter::Node;

use crate::hits::Hits;
use crate::syntax::{self, Arg};

/// Function names that load a model, and which argument names it.
const CALLS: [(&str, Loader); 6] = [
    (
        "from_pretrained",
        Loader::First("pretrained_model_name_or_path"),
    ),
    ("SentenceTransformer", Loader::First("model_name_or_path")),
    ("CrossEncoder", Loader::First("model_name")),
    ("hf_hub_download", Loader::Repo),
    ("snapshot_download", Loader::Repo),
    ("pipeline", Loader::Pipeline),
];

/// Where a loader takes the model from.
#[derive(Clone, Copy)]
enum Loader {
    /// The first positional argument or this keyword.
    First(&'static str),
    /// `repo_id` (first positional or keyword), skipped for `repo_type` other than model.
    Repo,
    /// `model=` or the second positional argument (the first is the task).
    Pipeline,
}

/// Whether a file could name a model at all: a cheap test that spares parsing most files.
pub(crate) fn may_reference(src: &str) -> bool {
    CALLS.iter().any(|(name, _)| src.contains(name))
}

/// The models a Python source names.
pub(crate) fn extract(src: &str) -> Hits {
    let mut hits = Hits::default();
    if !may_reference(src) {
        return hits;
    }
    let Some(tree) = syntax::parse(&tree_sitter_python::LANGUAGE.into(), src) else {
        return hits;
    };
    syntax::each_node(&tree, |node| {
        if node.kind() == "call" {
            call(node, src, &mut hits);
        }
    });
    hits
}

fn call(node: Node<'_>, src: &str, hits: &mut Hits) {
    let Some(func) = node.child_by_field_name("function") else {
        return;
    };
    let name_node = match func.kind() {
        "attribute" => func.child_by_field_name("attribute"),
        "identifier" => Some(func),
        _ => None,
    };
    let Some(name) = name_node.map(|n| syntax::text(n, src)) else {
        return;
    };
    let Some((_, loader)) = CALLS.iter().find(|(n, _)| *n == name) else {
        return;
    };
    let Some(arguments) = node.child_by_field_name("arguments") else {
        return;
    };
    let mut positional = Vec::new();
    let mut keywords = Vec::new();
    for a in syntax::args(arguments) {
        if a.kind() == "keyword_argument" {
            if let (Some(k), Some(v)) = (
                a.child_by_field_name("name"),
                a.child_by_field_name("value"),
            ) {
                keywords.push((syntax::text(k, src), v));
            }
        } else if !matches!(a.kind(), "list_splat" | "dictionary_splat") {
            positional.push(a);
        }
    }
    let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    let model = match loader {
        Loader::First(k) => kw(k).or_else(|| positional.first().copied()),
        Loader::Repo => {
            if let Some(t) = kw("repo_type") {
                match string(t, src) {
                    Arg::Literal(t) if t == "model" => {}
                    // A dataset or Space download is not a model.
                    Arg::Literal(_) => return,
                    Arg::Dynamic(_) => {}
                }
            }
            kw("repo_id").or_else(|| positional.first().copied())
        }
        Loader::Pipeline => {
            let m = kw("model").or_else(|| positional.get(1).copied());
            if m.is_none() {
                // Only a task (a literal) makes this look like transformers' pipeline; the task's
                // default model is chosen by the library at run time.
                let task = kw("task").or_else(|| positional.first().copied());
                if let Some(Arg::Literal(task)) = task.map(|t| string(t, src)) {
                    hits.unresolved(
                        syntax::line(node),
                        format!("pipeline(\"{task}\") without model= loads the task's default model, chosen at run time"),
                    );
                }
                return;
            }
            m
        }
    };
    let Some(model) = model else {
        return;
    };
    let line = syntax::line(model);
    let revision = match kw("revision").map(|r| string(r, src)) {
        Some(Arg::Literal(r)) => Some(r),
        Some(Arg::Dynamic(what)) => {
            hits.unresolved(
                syntax::line(node),
                format!("{name}(…, revision=…): the revision is {what}, built at run time"),
            );
            None
        }
        None => None,
    };
    match string(model, src) {
        Arg::Literal(v) => hits.model(line, v, revision, name),
        Arg::Dynamic(what) => hits.unresolved(
            line,
            format!(
                "{name}({}): the model is {what}, built at run time",
                short(syntax::text(model, src))
            ),
        ),
    }
}

/// At most 60 characters of an expression, for a note.
fn short(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        one_line.chars().take(59).collect::<String>() + "…"
    } else {
        one_line
    }
}

/// A Python expression as a string argument.
fn string(node: Node<'_>, src: &str) -> Arg {
    match node.kind() {
        "string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            let raw = node
                .child(0)
                .map(|s| syntax::text(s, src).to_ascii_lowercase().contains('r'))
                .unwrap_or(false);
            for c in node.named_children(&mut cursor) {
                match c.kind() {
                    "interpolation" => return Arg::Dynamic("an f-string"),
                    "string_content" | "escape_sequence" => out.push_str(syntax::text(c, src)),
                    _ => {}
                }
            }
            Arg::Literal(if raw { out } else { syntax::unescape(&out) })
        }
        "concatenated_string" => {
            let mut out = String::new();
            for part in syntax::args(node) {
                match string(part, src) {
                    Arg::Literal(s) => out.push_str(&s),
                    d => return d,
                }
            }
            Arg::Literal(out)
        }
        "parenthesized_expression" => match syntax::args(node).as_slice() {
            [inner] => string(*inner, src),
            _ => Arg::Dynamic("an expression"),
        },
        "identifier" => Arg::Dynamic("a variable"),
        "attribute" => Arg::Dynamic("an attribute"),
        "subscript" => Arg::Dynamic("a subscript"),
        "call" => Arg::Dynamic("a call's result"),
        "binary_operator" => Arg::Dynamic("a concatenation"),
        _ => Arg::Dynamic("an expression"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models(src: &str) -> Vec<(u32, String, Option<String>)> {
        extract(src)
            .models
            .into_iter()
            .map(|r| (r.line, r.value, r.revision))
            .collect()
    }

    #[test]
    fn literal_loaders_are_found_with_their_lines_and_pins() {
        let src = r#"from transformers import AutoModel, pipeline
from huggingface_hub import hf_hub_download, snapshot_download
m = AutoModel.from_pretrained("org/alpha", revision="v1.0")
p = pipeline("text-generation", model='org/beta')
q = pipeline("fill-mask", "org/gamma")
f = hf_hub_download(repo_id="org/delta", filename="x.bin")
d = hf_hub_download(repo_id="org/data", repo_type="dataset", filename="x")
s = snapshot_download(
    "org/epsilon",
)
st = SentenceTransformer(r"sentence-transformers/all-MiniLM-L6-v2")
c = ("org/" "zeta")
t = AutoTokenizer.from_pretrained("org/" "eta")
"#;
        assert_eq!(
            models(src),
            vec![
                (3, "org/alpha".into(), Some("v1.0".into())),
                (4, "org/beta".into(), None),
                (5, "org/gamma".into(), None),
                (6, "org/delta".into(), None),
                (9, "org/epsilon".into(), None),
                (11, "sentence-transformers/all-MiniLM-L6-v2".into(), None),
                (13, "org/eta".into(), None),
            ]
        );
    }

    #[test]
    fn run_time_values_are_unresolved_not_guessed() {
        let src = "name = 'org/a'\nm = AutoModel.from_pretrained(name)\nn = AutoModel.from_pretrained(f\"org/{size}\")\np = pipeline('summarization')\nr = AutoModel.from_pretrained('org/b', revision=REV)\n";
        let h = extract(src);
        assert_eq!(h.models.len(), 1, "{h:?}");
        assert_eq!(h.models[0].value, "org/b");
        let lines: Vec<u32> = h.unresolved.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3, 4, 5]);
        assert!(h.unresolved[0].1.contains("a variable"));
        assert!(h.unresolved[1].1.contains("f-string"));
        assert!(h.unresolved[2].1.contains("default model"));
    }

    #[test]
    fn comments_and_strings_that_only_mention_loaders_are_not_calls() {
        let src = "# AutoModel.from_pretrained('org/commented')\ndoc = \"from_pretrained('org/in-a-string')\"\n";
        assert!(extract(src).models.is_empty());
    }
}
