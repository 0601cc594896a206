//! Small helpers over tree-sitter trees shared by the language extractors.

use tree_sitter::{Language, Node, Parser, Tree};

/// Parses `text` with `language`; `None` when the parser gives up (it never panics on input).
pub(crate) fn parse(language: &Language, text: &str) -> Option<Tree> {
    let mut parser = Parser::new();
    parser.set_language(language).ok()?;
    parser.parse(text, None)
}

/// Every node of the tree in document order, walked with a cursor rather than recursion so that
/// deeply nested input cannot overflow the stack.
pub(crate) fn each_node<'t>(tree: &'t Tree, mut f: impl FnMut(Node<'t>)) {
    let mut cursor = tree.walk();
    loop {
        f(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The source text of a node.
pub(crate) fn text<'a>(node: Node<'_>, src: &'a str) -> &'a str {
    src.get(node.byte_range()).unwrap_or("")
}

/// The 1-based line a node starts on.
pub(crate) fn line(node: Node<'_>) -> u32 {
    u32::try_from(node.start_position().row)
        .unwrap_or(u32::MAX - 1)
        .saturating_add(1)
}

/// The named children of a node, skipping comments.
pub(crate) fn args<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect()
}

/// A string argument: its value when written literally, or why it is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    /// A literal string, escapes decoded.
    Literal(String),
    /// Built at run time: a variable, an f-string, a call… (what it is, for the note).
    Dynamic(&'static str),
}

/// Decodes the common backslash escapes of Python and JavaScript string literals; anything else
/// is kept as written (model ids never need more).
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(c @ ('\\' | '\'' | '"' | '/' | '`')) => out.push(c),
            Some(c) => {
                out.push('\\');
                out.push(c);
            }
            None => out.push('\\'),
        }
    }
    out
}
