//! Ollama `Modelfile`s: the `FROM` instruction names the base model (an Ollama library name, a
//! `hf.co/org/name[:tag]` reference, or a local GGUF file or folder).
//!
//! The format is line-oriented (`INSTRUCTION arguments`, with `"""` strings that may span lines);
//! no maintained tree-sitter grammar exists for it, so this is its parser, following Ollama's own
//! (`parser/parser.go`): instructions are case-insensitive, `#` starts a comment line, and a
//! triple-quoted argument runs to its closing quotes.

use crate::hits::Hits;

/// Whether a file name is an Ollama Modelfile.
pub(crate) fn is_modelfile(name: &str) -> bool {
    name == "Modelfile" || name.ends_with(".Modelfile") || name.starts_with("Modelfile.")
}

/// The `FROM` references of a Modelfile.
pub(crate) fn extract(src: &str) -> Hits {
    let mut hits = Hits::default();
    let mut in_triple = false;
    for (i, line) in src.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if in_triple {
            // A closing `"""` ends the multi-line argument.
            if line.contains("\"\"\"") {
                in_triple = false;
            }
            continue;
        }
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let (word, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
        let rest = rest.trim();
        if rest.starts_with("\"\"\"") && rest.matches("\"\"\"").count() == 1 {
            in_triple = true;
        }
        if !word.eq_ignore_ascii_case("FROM") {
            continue;
        }
        let value = rest.trim_matches('"').trim();
        if value.is_empty() {
            continue;
        }
        if let Some(hf) = value
            .strip_prefix("hf.co/")
            .or_else(|| value.strip_prefix("huggingface.co/"))
        {
            // `hf.co/org/name:Q4_K_M`: the tag picks a quantisation file, not a revision.
            let id = hf.split(':').next().unwrap_or(hf);
            hits.model(n, id.to_string(), None, "FROM");
        } else if value.starts_with('.') || value.starts_with('/') || value.starts_with('~') {
            hits.model(n, value.to_string(), None, "FROM");
        } else {
            hits.unresolved(
                n,
                format!("FROM {value}: an Ollama library model, which names no repository glassbox can audit"),
            );
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_lines_are_read_and_templates_skipped() {
        let src = "# base\nfrom hf.co/org/tiny-GGUF:Q4_K_M\nTEMPLATE \"\"\"\nFROM inside a template\n\"\"\"\nFROM ./weights/model.gguf\nFROM llama3.2\nSYSTEM \"\"\"one line\"\"\"\nPARAMETER temperature 0.2\n";
        let h = extract(src);
        let got: Vec<_> = h
            .models
            .iter()
            .map(|r| (r.line, r.value.as_str()))
            .collect();
        assert_eq!(got, vec![(2, "org/tiny-GGUF"), (6, "./weights/model.gguf")]);
        assert_eq!(h.unresolved.len(), 1);
        assert_eq!(h.unresolved[0].0, 7);
        assert!(is_modelfile("Modelfile") && is_modelfile("chat.Modelfile"));
        assert!(!is_modelfile("Makefile"));
    }
}
