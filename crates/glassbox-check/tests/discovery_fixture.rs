//! Discovery over a small codebase of every kind it reads, written into a temporary folder.

use std::path::Path;

use glassbox_check::discovery::{discover, Options, Reference};

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn at(path: &str, line: u32) -> Reference {
    Reference {
        path: path.into(),
        line: Some(line),
    }
}

#[test]
fn every_kind_of_reference_is_found_with_its_place() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "src/train.py",
        "import os\nfrom transformers import AutoModelForCausalLM\n\n\
         base = AutoModelForCausalLM.from_pretrained(\n    \"meta-llama/Llama-3.1-8B\",\n    revision=\"0e9e39f\",\n)\n\
         ft = AutoModelForCausalLM.from_pretrained(\"./checkpoints/ft\")\n\
         env = AutoModelForCausalLM.from_pretrained(os.environ[\"MODEL\"])\n",
    );
    write(r, "checkpoints/ft/model.safetensors", "x");
    write(
        r,
        "web/app.tsx",
        "export default function App() {\n  const p = pipeline('translation', 'Xenova/nllb-200');\n  return <div/>;\n}\n",
    );
    write(
        r,
        "pyproject.toml",
        "[tool.eval]\nmodel = \"org/judge\"\nname = \"x\"\n",
    );
    write(
        r,
        "adapter_config.json",
        "{\n  \"base_model_name_or_path\": \"meta-llama/Llama-3.1-8B\"\n}\n",
    );
    write(
        r,
        "deploy/values.yml",
        "inference:\n  model: gpt-4o\n  base_model: \"org/base\"\n",
    );
    write(r, "Modelfile", "FROM hf.co/org/chat-GGUF:Q4_K_M\n");
    write(
        r,
        ".hidden/x.py",
        "AutoModel.from_pretrained('org/hidden')\n",
    );

    let found = discover(r, &Options::default());
    let got: Vec<(String, Vec<Reference>)> = found
        .models
        .iter()
        .map(|m| (m.target.spec(), m.references.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("hf:Xenova/nllb-200".into(), vec![at("web/app.tsx", 2)]),
            (
                "hf:meta-llama/Llama-3.1-8B".into(),
                vec![at("adapter_config.json", 2)]
            ),
            (
                "hf:meta-llama/Llama-3.1-8B@0e9e39f".into(),
                vec![at("src/train.py", 5)]
            ),
            ("hf:org/base".into(), vec![at("deploy/values.yml", 3)]),
            ("hf:org/chat-GGUF".into(), vec![at("Modelfile", 1)]),
            ("hf:org/judge".into(), vec![at("pyproject.toml", 2)]),
            (
                "./checkpoints/ft".into(),
                vec![
                    Reference {
                        path: "checkpoints/ft/model.safetensors".into(),
                        line: None
                    },
                    at("src/train.py", 8),
                ]
            ),
        ]
    );
    assert_eq!(found.unresolved.len(), 1, "{:?}", found.unresolved);
    assert_eq!(found.unresolved[0].at, at("src/train.py", 9));
    assert!(found.unresolved[0].message.contains("a subscript"));
    assert!(found.skipped.is_empty());
}
