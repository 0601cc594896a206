//! Models loaded by JavaScript and TypeScript code (transformers.js), read from the
//! tree-sitter-javascript / tree-sitter-typescript syntax trees: `pipeline('task', 'org/name')`
//! and `X.from_pretrained('org/name')`, with `{ revision: '…' }` options.

use tree_sitter::{Language, Node};

use crate::hits::Hits;
use crate::syntax::{self, Arg};

/// The dialect of a source file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// `.js`, `.mjs`, `.cjs`, `.jsx`.
    JavaScript,
    /// `.ts`, `.mts`, `.cts`.
    TypeScript,
    /// `.tsx`.
    Tsx,
}

impl Dialect {
    fn language(self) -> Language {
        match self {
            Dialect::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Dialect::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Dialect::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }
}

/// Whether a file could name a model at all.
pub(crate) fn may_reference(src: &str) -> bool {
    src.contains("pipeline") || src.contains("from_pretrained")
}

/// The models a JavaScript or TypeScript source names.
pub(crate) fn extract(src: &str, dialect: Dialect) -> Hits {
    let mut hits = Hits::default();
    if !may_reference(src) {
        return hits;
    }
    let Some(tree) = syntax::parse(&dialect.language(), src) else {
        return hits;
    };
    syntax::each_node(&tree, |node| {
        if node.kind() == "call_expression" {
            call(node, src, &mut hits);
        }
    });
    hits
}

fn call(node: Node<'_>, src: &str, hits: &mut Hits) {
    let (Some(func), Some(arguments)) = (
        node.child_by_field_name("function"),
        node.child_by_field_name("arguments"),
    ) else {
        return;
    };
    // tree-sitter-typescript reads `await X.f<T>(…)` as a call of `await X.f` with type
    // arguments: the awaited expression is the callee.
    let func = match func.kind() {
        "await_expression" => match syntax::args(func).as_slice() {
            [inner] => *inner,
            _ => return,
        },
        _ => func,
    };
    let name = match func.kind() {
        "identifier" => syntax::text(func, src),
        "member_expression" => func
            .child_by_field_name("property")
            .map(|p| syntax::text(p, src))
            .unwrap_or(""),
        _ => return,
    };
    let args = syntax::args(arguments);
    let (model, options) = match name {
        // transformers.js: pipeline(task, model?, options?)
        "pipeline" if func.kind() == "identifier" => {
            // A literal task, or a literal model, makes this transformers.js' pipeline
            // (stream.pipeline and others take functions and streams).
            let task = args.first().map(|a| string(*a, src));
            let model_literal = args
                .get(1)
                .is_some_and(|m| matches!(string(*m, src), Arg::Literal(_)));
            match (task, args.get(1)) {
                (Some(Arg::Literal(_)), Some(m)) => (*m, args.get(2)),
                (Some(_), Some(m)) if model_literal => (*m, args.get(2)),
                (Some(Arg::Literal(task)), None) => {
                    hits.unresolved(
                        syntax::line(node),
                        format!("pipeline('{task}') without a model loads the task's default model, chosen at run time"),
                    );
                    return;
                }
                _ => return,
            }
        }
        "from_pretrained" => match args.first() {
            Some(m) => (*m, args.get(1)),
            None => return,
        },
        _ => return,
    };
    let line = syntax::line(model);
    let revision = options.and_then(|o| revision(*o, src, name, hits));
    match string(model, src) {
        Arg::Literal(v) => hits.model(line, v, revision, name),
        Arg::Dynamic(what) => hits.unresolved(
            line,
            format!("{name}(…): the model is {what}, built at run time"),
        ),
    }
}

/// `{ revision: '…' }` in an options object.
fn revision(options: Node<'_>, src: &str, name: &str, hits: &mut Hits) -> Option<String> {
    if options.kind() != "object" {
        return None;
    }
    for pair in syntax::args(options)
        .into_iter()
        .filter(|p| p.kind() == "pair")
    {
        let key = pair.child_by_field_name("key")?;
        let k = match string(key, src) {
            Arg::Literal(k) => k,
            Arg::Dynamic(_) => syntax::text(key, src).to_string(),
        };
        if k != "revision" {
            continue;
        }
        let value = pair.child_by_field_name("value")?;
        return match string(value, src) {
            Arg::Literal(r) => Some(r),
            Arg::Dynamic(what) => {
                hits.unresolved(
                    syntax::line(value),
                    format!("{name}(…, {{ revision }}): the revision is {what}, built at run time"),
                );
                None
            }
        };
    }
    None
}

/// A JavaScript expression as a string argument.
fn string(node: Node<'_>, src: &str) -> Arg {
    match node.kind() {
        "string" | "template_string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for c in node.named_children(&mut cursor) {
                match c.kind() {
                    "template_substitution" => {
                        return Arg::Dynamic("a template with substitutions")
                    }
                    "string_fragment" | "escape_sequence" => out.push_str(syntax::text(c, src)),
                    _ => {}
                }
            }
            Arg::Literal(syntax::unescape(&out))
        }
        "property_identifier" => Arg::Literal(syntax::text(node, src).to_string()),
        // TypeScript assertions (`'x' as string`, `'x'!`) keep the value.
        "as_expression" | "satisfies_expression" | "non_null_expression" => {
            match syntax::args(node).first() {
                Some(inner) => string(*inner, src),
                None => Arg::Dynamic("an expression"),
            }
        }
        "parenthesized_expression" => match syntax::args(node).as_slice() {
            [inner] => string(*inner, src),
            _ => Arg::Dynamic("an expression"),
        },
        "identifier" => Arg::Dynamic("a variable"),
        "member_expression" => Arg::Dynamic("a property"),
        "binary_expression" => Arg::Dynamic("a concatenation"),
        "call_expression" => Arg::Dynamic("a call's result"),
        _ => Arg::Dynamic("an expression"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transformers_js_calls_are_found() {
        let src = "import { pipeline, AutoModel } from '@huggingface/transformers';\n\
const a = await pipeline('sentiment-analysis', 'Xenova/distilbert');\n\
const b = await pipeline(\"feature-extraction\", `Xenova/all-MiniLM-L6-v2`, { revision: 'abc123' });\n\
const c = await AutoModel.from_pretrained('onnx-community/tiny', { dtype: 'q8' });\n\
const d = await pipeline('summarization');\n\
const e = await AutoModel.from_pretrained(`org/${size}`);\n\
stream.pipeline(src, dst, cb);\n\
const f = await pipeline(task, 'org/by-task');\n\
pipeline(readable, transform, (err) => {});\n";
        for dialect in [Dialect::JavaScript, Dialect::TypeScript, Dialect::Tsx] {
            let h = extract(src, dialect);
            let got: Vec<_> = h
                .models
                .iter()
                .map(|r| (r.line, r.value.as_str(), r.revision.as_deref()))
                .collect();
            assert_eq!(
                got,
                vec![
                    (2, "Xenova/distilbert", None),
                    (3, "Xenova/all-MiniLM-L6-v2", Some("abc123")),
                    (4, "onnx-community/tiny", None),
                    (8, "org/by-task", None),
                ],
                "{dialect:?}"
            );
            let lines: Vec<u32> = h.unresolved.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, vec![5, 6], "{dialect:?}");
        }
    }

    #[test]
    fn typescript_types_do_not_confuse_the_parser() {
        let src = "const m: PreTrainedModel = await AutoModel.from_pretrained<Foo>('org/typed' as string);\n";
        let h = extract(src, Dialect::TypeScript);
        // A type assertion does not change the value at run time: the literal is the model.
        assert_eq!(h.models.len(), 1, "{h:?}");
        assert_eq!(h.models[0].value, "org/typed");
        assert!(h.unresolved.is_empty());
    }
}
