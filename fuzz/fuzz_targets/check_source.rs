//! `glassbox check`'s discovery parsers over a codebase's files: Python, JavaScript and
//! TypeScript (tree-sitter), JSON, YAML and TOML configs, and Ollama `Modelfile`s. The first
//! byte picks the file name, which picks the parser.
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "app.py",
    "index.js",
    "app.ts",
    "view.tsx",
    "config.json",
    "compose.yaml",
    "pyproject.toml",
    "Modelfile",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let src = String::from_utf8_lossy(rest);
    let lines = src.lines().count() as u32 + 1;
    let refs = glassbox_check::discovery::extract_source(name, &src);
    for (line, _) in refs.models.iter().chain(&refs.unresolved) {
        assert!(*line >= 1 && *line <= lines, "line {line} of {lines} in {name}");
    }
});
