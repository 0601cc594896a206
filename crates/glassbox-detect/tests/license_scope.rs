//! License files found by name and content, and the scope of each license (issues #11, #12),
//! on small releases written by the tests. The license texts here are our own, written to
//! reproduce the patterns of real repositories (a model license beside a code LICENSE, a
//! README that puts the weights under another license, a per-model table, a PDF license).

mod common;

use std::path::Path;

use glassbox_core::{Component, EvidenceSet, LicenseRef, Tier};

/// The Apache-2.0 text bundled with the examples (it is the project's own example data).
fn apache() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/open-weights/LICENSE"),
    )
    .unwrap()
}

const MIT: &str = "MIT License\n\nCopyright (c) 2024 Acme Labs\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n";

/// A model license of our own, in the style of the community model licenses: defined terms,
/// a grant, use restrictions and a user threshold.
const ACME_MODEL: &str = "ACME ORBIT LICENSE AGREEMENT\n\n1. Definitions\n\n\"Licensor\" means Acme Labs.\n\"Model\" means the trained weights, parameters and inference code released as Orbit.\n\"You\" means the individual or entity exercising the rights granted here.\n\n2. Grant of Rights. Subject to this Agreement, Licensor grants You a non-exclusive, worldwide, non-transferable, royalty-free and revocable license to use, reproduce, modify and distribute the Model.\n\n3. Restrictions. You agree not to use the Model to harm any person or to train any other model. If Your products have more than 50 million monthly active users, You must request a commercial license from Licensor.\n\n4. You must include the use restrictions of section 3 as an enforceable provision in any agreement under which You distribute the Model.\n";

/// A text that starts like the CC BY-NC 4.0 legal code (title phrase) followed by our words.
const CC_BY_NC: &str = "Attribution-NonCommercial 4.0 International\n\nCreative Commons Attribution-NonCommercial 4.0 International Public License\n\nBy exercising the Licensed Rights, You accept and agree to be bound by the terms and conditions of this Creative Commons Attribution-NonCommercial 4.0 International Public License.\n";

/// A safetensors file with one small tensor.
fn safetensors() -> Vec<u8> {
    let header = r#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#;
    let mut b = (header.len() as u64).to_le_bytes().to_vec();
    b.extend_from_slice(header.as_bytes());
    b.extend_from_slice(&[0u8; 8]);
    b
}

/// Writes a release (files by path) with a weights file and a training script, and inspects it.
fn audit(files: &[(&str, &[u8])]) -> (tempfile::TempDir, EvidenceSet) {
    audit_with(true, files)
}

/// Writes a release, with or without a shipped weights file, and inspects it.
fn audit_with(shipped: bool, files: &[(&str, &[u8])]) -> (tempfile::TempDir, EvidenceSet) {
    let mut all: Vec<(&str, Vec<u8>)> = vec![
        (
            "config.json",
            br#"{"model_type":"llama","architectures":["LlamaForCausalLM"]}"#.to_vec(),
        ),
        (
            "src/infer.py",
            b"import torch\nmodel = torch.load('model.safetensors')\n".to_vec(),
        ),
    ];
    if shipped {
        all.push(("model.safetensors", safetensors()));
    }
    all.extend(files.iter().map(|(p, b)| (*p, b.to_vec())));
    let all: Vec<(&str, &[u8])> = all.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    common::audit(&all)
}

fn weights(ev: &EvidenceSet) -> &LicenseRef {
    ev.component(Component::ModelParametersFinal)
        .and_then(|c| c.license.as_ref())
        .unwrap_or_else(|| panic!("weights have a license: {:#?}", ev.licenses))
}

fn code(ev: &EvidenceSet) -> Option<&LicenseRef> {
    ev.components
        .iter()
        .filter(|c| c.component.content_type() == glassbox_core::ContentType::Code)
        .find_map(|c| c.license.as_ref())
}

fn findings<'a>(ev: &'a EvidenceSet, kind: &str) -> Vec<&'a str> {
    ev.findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.message.as_str())
        .collect()
}

#[test]
fn a_model_license_file_beside_a_code_license_decides_the_weights() {
    for name in [
        "MODEL_LICENSE",
        "LICENSE-MODEL",
        "WEIGHT_DIFF_LICENSE",
        "model_licenses/LICENSE-ORBIT",
    ] {
        let (_d, ev) = audit(&[("LICENSE", MIT.as_bytes()), (name, ACME_MODEL.as_bytes())]);
        let w = weights(&ev);
        assert_eq!(w.source.path.as_deref(), Some(name), "{name}: {w:?}");
        assert!(
            w.tier.restrictiveness() >= Tier::R.restrictiveness(),
            "{name}: {w:?}"
        );
        let field = w.source.field.as_deref().unwrap_or("");
        assert!(field.contains("scope:weights"), "{name}: {field}");
        assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("MIT"), "{name}");
        assert!(
            !findings(&ev, "license-scope").is_empty(),
            "{name}: {:?}",
            ev.findings
        );
    }
}

#[test]
fn a_license_file_with_spaces_in_its_name_is_read_and_scoped_by_its_text() {
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("Acme Orbit LICENSE AGREEMENT", ACME_MODEL.as_bytes()),
    ]);
    assert!(
        ev.licenses
            .iter()
            .any(|l| l.source == "Acme Orbit LICENSE AGREEMENT"),
        "{:?}",
        ev.licenses
    );
    let w = weights(&ev);
    assert_eq!(
        w.source.path.as_deref(),
        Some("Acme Orbit LICENSE AGREEMENT")
    );
    assert!(
        w.source
            .field
            .as_deref()
            .unwrap_or("")
            .contains("text mentions"),
        "{w:?}"
    );
    assert_eq!(w.tier, Tier::R, "{w:?}");
}

#[test]
fn a_weights_license_named_by_suffix_is_non_commercial() {
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("LICENSE_weights", CC_BY_NC.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.id, "CC-BY-NC-4.0", "{w:?}");
    assert_eq!(w.tier, Tier::NC);
}

#[test]
fn a_readme_that_puts_the_weights_under_another_license_decides_them() {
    let readme = "# Orbit\n\nA model.\n\n## License\n\nThe code in this repository is released under the MIT license, while the model weights are released under the CC-BY-NC 4.0 license.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.id, "CC-BY-NC-4.0", "{w:?}");
    assert_eq!(w.source.path.as_deref(), Some("README.md"));
    assert_eq!(w.source.line, Some(7));
    let field = w.source.field.as_deref().unwrap_or("");
    assert!(
        field.contains("scope:weights") && field.contains("model weights are released"),
        "{field}"
    );
    assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("MIT"));
}

#[test]
fn a_readme_link_to_the_model_license_file_agrees_with_it() {
    let readme = "# Orbit\n\n## License\n\nThis code repository is licensed under [the MIT License](LICENSE-CODE). The use of Orbit models is subject to [the Model License](LICENSE-MODEL).\n";
    let (_d, ev) = audit(&[
        ("LICENSE-CODE", MIT.as_bytes()),
        ("LICENSE-MODEL", ACME_MODEL.as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.source.path.as_deref(), Some("LICENSE-MODEL"), "{w:?}");
    assert!(
        findings(&ev, "license-conflict").is_empty(),
        "{:?}",
        ev.findings
    );
    assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("MIT"));
}

#[test]
fn a_user_threshold_stated_in_the_readme_restricts_permissive_weights() {
    let readme = "# Orbit\n\n## License\n\nOrbit is released under the Apache 2.0 license. Commercial use requires a separate license from Acme when your monthly active users exceed 100 million.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.tier, Tier::R, "{w:?}");
    assert_eq!(w.source.line, Some(5));
    let c = findings(&ev, "license-conflict");
    assert!(c.iter().any(|m| m.contains("stricter terms")), "{c:?}");
}

#[test]
fn a_license_named_only_in_the_readme_covers_the_release() {
    let readme = "# Orbit\n\n## License\n\nThis project is licensed under the MIT License.\n";
    let (_d, ev) = audit(&[("README.md", readme.as_bytes())]);
    let w = weights(&ev);
    assert_eq!(w.id, "MIT", "{w:?}");
    assert_eq!(w.source.path.as_deref(), Some("README.md"));
    assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("MIT"));
}

#[test]
fn a_per_model_license_table_grades_by_the_most_restrictive_and_says_so() {
    let readme = "# Orbit family\n\n| Model | Size | License |\n|---|---|---|\n| Orbit-S | 1B | Apache 2.0 |\n| Orbit-L | 70B | CC-BY-NC-4.0 |\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.id, "CC-BY-NC-4.0", "{w:?}");
    assert_eq!(w.source.line, Some(6));
    let c = findings(&ev, "license-conflict");
    assert!(c.iter().any(|m| m.contains("several licenses")), "{c:?}");
}

#[test]
fn a_subfolder_card_license_speaks_for_the_weights() {
    let card = "---\nlicense: cc-by-nc-4.0\n---\n# Orbit small\n";
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("models/orbit-s/README.md", card.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.id, "CC-BY-NC-4.0", "{w:?}");
    assert_eq!(w.source.path.as_deref(), Some("models/orbit-s/README.md"));
}

#[test]
fn a_data_license_is_scoped_to_data() {
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("DATA_LICENSE", CC_BY_NC.as_bytes()),
    ]);
    let d = ev
        .licenses
        .iter()
        .find(|l| l.source == "DATA_LICENSE")
        .expect("DATA_LICENSE read");
    assert!(
        d.location
            .field
            .as_deref()
            .unwrap_or("")
            .contains("scope:data"),
        "{d:?}"
    );
    // The code LICENSE still covers the weights: the data license does not.
    assert_eq!(weights(&ev).id, "MIT");
}

#[test]
fn licenses_are_found_by_content_and_policy_code_is_not_a_license() {
    let design = "Design notes\n\nWe discussed whether the non-commercial clause of other licenses is revocable and how flow-down works.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("third_party/orbit/COPYRIGHT.txt", apache().as_bytes()),
        ("docs/design.md", design.as_bytes()),
        ("orbit/nn/_policy.py", b"class Policy:\n    pass\n"),
    ]);
    let found = ev
        .licenses
        .iter()
        .find(|l| l.source == "third_party/orbit/COPYRIGHT.txt")
        .unwrap_or_else(|| panic!("found by content: {:?}", ev.licenses));
    assert_eq!(found.id, "Apache-2.0");
    assert!(found
        .location
        .field
        .as_deref()
        .unwrap_or("")
        .contains("license.file-content"));
    assert!(
        !ev.licenses
            .iter()
            .any(|l| l.source.contains("design") || l.source.contains("policy")),
        "{:?}",
        ev.licenses
    );
    assert!(ev
        .artifacts
        .iter()
        .any(|a| a.path == "orbit/nn/_policy.py" && a.kind == glassbox_core::ArtifactKind::Code));
}

#[test]
fn a_usage_policy_does_not_replace_the_license() {
    let policy = "Orbit Usage Policy\n\nWe want everyone to use Orbit safely. You agree not to use the model to harm others. Prohibited uses include building weapons.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("USAGE_POLICY", policy.as_bytes()),
    ]);
    // Read (found by name); listed only when the knowledge base knows it as a policy.
    assert!(ev
        .artifacts
        .iter()
        .any(|a| a.path == "USAGE_POLICY" && a.kind == glassbox_core::ArtifactKind::License));
    assert_eq!(weights(&ev).source.path.as_deref(), Some("LICENSE"));
}

/// A minimal one-page PDF showing `line`.
fn pdf(line: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({line}) Tj ET");
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_pdf_license_is_read_and_a_broken_one_is_a_finding() {
    let text = "Creative Commons Attribution-NonCommercial 4.0 International Public License";
    let mut broken = pdf("x");
    broken.truncate(60);
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("model_licenses/orbit.pdf", &pdf(text)),
        ("model_licenses/broken.pdf", &broken),
    ]);
    let l = ev
        .licenses
        .iter()
        .find(|l| l.source == "model_licenses/orbit.pdf")
        .unwrap_or_else(|| panic!("PDF read: {:?} {:?}", ev.licenses, ev.findings));
    assert_eq!(l.id, "CC-BY-NC-4.0", "{l:?}");
    assert_eq!(weights(&ev).id, "CC-BY-NC-4.0");
    let u = findings(&ev, "license-unreadable");
    assert!(
        u.iter().any(|m| m.contains("model_licenses/broken.pdf")),
        "{u:?}"
    );
}

#[test]
fn html_badges_and_front_matter_are_not_license_statements() {
    // Badges that say "Code License MIT" and "Model License" run together in an HTML block;
    // the front matter names a base model. Neither is a statement about the weights.
    let readme = "---\nlicense: apache-2.0\nbase_model: acme/orbit-base\n---\n<div align=\"center\">\n  <a href=\"LICENSE-CODE\"><img alt=\"Code License\"\n    src=\"https://img.shields.io/badge/Code_License-MIT-f5de53\"/></a>\n  <a href=\"LICENSE-MODEL\"><img alt=\"Model License\"\n    src=\"https://img.shields.io/badge/Model_License-Model_Agreement-f5de53\"/></a>\n</div>\n\n[![Weights License](https://img.shields.io/badge/Weights%20License-MIT-green.svg)](LICENSE-CODE)\n\n# Orbit\n";
    let (_d, ev) = audit(&[
        ("LICENSE-CODE", MIT.as_bytes()),
        ("LICENSE-MODEL", ACME_MODEL.as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    assert_eq!(weights(&ev).source.path.as_deref(), Some("LICENSE-MODEL"));
    let c = findings(&ev, "license-conflict");
    assert!(c.iter().all(|m| !m.contains("README.md")), "{c:?}");
}

#[test]
fn a_document_that_names_a_license_in_its_title_is_not_a_license() {
    // A usage page whose table links the model license: found by content only when its
    // opening is license text, not when it merely names one.
    let doc = "## Open-weight models\n\nOrbit Fill adds inpainting.\n\n| Name | License |\n|---|---|\n| Orbit Fill | [Creative Commons Attribution-NonCommercial 4.0 International Public License](../LICENSE_weights) |\n";
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("docs/fill.md", doc.as_bytes()),
    ]);
    assert!(
        !ev.licenses.iter().any(|l| l.source == "docs/fill.md"),
        "{:?}",
        ev.licenses
    );
}

#[test]
fn a_library_license_sentence_does_not_cover_the_weights() {
    let readme = "# Orbit inference\n\n## License\n\nThis library is licensed under the Apache 2.0 License.\n\n`orbit-large.tar` has a custom non-commercial license, called [Creative Commons Attribution-NonCommercial 4.0](https://creativecommons.org/licenses/by-nc/4.0/).\n";
    let (_d, ev) = audit(&[("README.md", readme.as_bytes())]);
    let w = weights(&ev);
    assert_eq!(w.id, "CC-BY-NC-4.0", "{w:?}");
    assert_eq!(w.source.line, Some(7));
}

#[test]
fn a_statement_wrapped_over_lines_is_read_as_one_sentence() {
    let readme = "# Orbit\n\n## Pre-trained models\n\nThe checkpoints below are all released under the CC-BY-NC\n4.0 license, as the paper says.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.id, "CC-BY-NC-4.0", "{w:?}");
    assert_eq!(w.source.line, Some(5));
}

#[test]
fn a_notice_file_with_several_licenses_lists_them_as_third_party_terms() {
    let notice = format!(
        "This product includes software from Beta Corp.\n\n{MIT}\n\n-----\n\n{}",
        apache()
    );
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("THIRD_PARTY_NOTICES.txt", notice.as_bytes()),
    ]);
    // The weights keep the release's LICENSE, whatever the notices hold.
    assert_eq!(weights(&ev).source.path.as_deref(), Some("LICENSE"));
    assert_eq!(weights(&ev).tier, Tier::P);
}

#[test]
fn a_table_of_datasets_with_licenses_does_not_license_the_weights() {
    let readme = "# Orbit\n\nTrained on:\n\n| dataset | license | what it holds |\n|---|---|---|\n| acme/corpus | CC-BY-NC-4.0 | sentences |\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    assert_eq!(weights(&ev).id, "Apache-2.0");
    assert_eq!(weights(&ev).source.path.as_deref(), Some("LICENSE"));
}

#[test]
fn test_data_named_like_an_agreement_is_not_a_license() {
    // Evaluation fixtures named after a task ("…_gender_agreement-v0-loglikelihood") hold
    // hashes, not terms.
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        (
            "tests/testdata/blimp_gender_agreement-v0-loglikelihood",
            b"7fab9f02e71a224ae7931aa77f8a9a61d887a7480756adc965d4746e97fb04a5\n",
        ),
    ]);
    assert!(
        !ev.licenses.iter().any(|l| l.source.contains("agreement")),
        "{:?}",
        ev.licenses
    );
    assert_eq!(weights(&ev).id, "MIT");
}

#[test]
fn an_acknowledgements_file_found_by_content_does_not_replace_the_license() {
    let ack = format!("Orbit uses the following software:\n\n{MIT}");
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("ACKNOWLEDGEMENTS", ack.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.source.path.as_deref(), Some("LICENSE"), "{w:?}");
    assert_eq!(w.id, "Apache-2.0");
}

#[test]
fn weights_only_referenced_from_a_demo_do_not_take_the_demo_license() {
    // A cookbook: the root has no license of its own for the weights, a demo folder has an
    // Apache LICENSE for its code and downloads the producer's weights from the Hub.
    let demo = "from huggingface_hub import hf_hub_download\npath = hf_hub_download(repo_id=\"acme/orbit-7b\", filename=\"model.safetensors\")\n";
    let readme = "# Orbit\n\nDownload the weights from https://huggingface.co/acme/orbit-7b and run the demos.\n";
    let (_d, ev) = audit_with(
        false,
        &[
            ("README.md", readme.as_bytes()),
            ("demos/chat/LICENSE", apache().as_bytes()),
            ("demos/chat/app.py", demo.as_bytes()),
        ],
    );
    let w = ev
        .component(Component::ModelParametersFinal)
        .expect("weights component");
    if w.status == glassbox_core::Status::Absent {
        eprintln!("no weights evidence from references in this build: skipping");
        return;
    }
    assert!(
        w.license
            .as_ref()
            .is_none_or(|l| l.source.path.as_deref() != Some("demos/chat/LICENSE")),
        "{:?}",
        w.license
    );
}

/// The license the release states for one named model, from the per-model table.
fn model_license<'a>(ev: &'a EvidenceSet, model: &str) -> Option<&'a glassbox_core::ModelLicense> {
    ev.model_licenses
        .as_ref()?
        .models
        .iter()
        .find(|m| m.model == model)
}

/// Qwen's pattern: two license files named for the licenses, and a README that gives each to
/// its models. The weights row keeps the most restrictive; the table tells each model's.
#[test]
fn sentences_that_give_each_model_its_license_fill_the_per_model_table() {
    let readme = "# Orbit\n\n## License Agreement\n\nThe source code is licensed under the [Apache 2.0 License](./LICENSE).\n\n- Orbit-72B, Orbit-14B, and Orbit-7B are licensed under the [Acme Orbit License Agreement](./Acme%20Orbit%20LICENSE%20AGREEMENT) that can be found at the corresponding HuggingFace repository.\n\n- Orbit-1.8B is licensed under the [Creative Commons Attribution-NonCommercial 4.0 International Public License](./NC%20LICENSE) that can be found at the corresponding repository.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("README.md", readme.as_bytes()),
        ("Acme Orbit LICENSE AGREEMENT", ACME_MODEL.as_bytes()),
        ("NC LICENSE", CC_BY_NC.as_bytes()),
    ]);
    let table = ev.model_licenses.as_ref().expect("a per-model table");
    let big = model_license(&ev, "Orbit-72B").expect("Orbit-72B named");
    // Our own model license: not in the knowledge base, graded R by its clauses.
    assert_eq!(big.license.tier, Tier::R, "{table:#?}");
    assert_eq!(big.rule, "license.model-statement");
    assert_eq!(big.license.source.line, Some(7));
    assert!(model_license(&ev, "Orbit-7B").is_some(), "{table:#?}");
    let small = model_license(&ev, "Orbit-1.8B").expect("Orbit-1.8B named");
    assert_eq!(small.license.id, "CC-BY-NC-4.0");
    // Every license file is given to named models: nothing is stated for any other model.
    assert_eq!(table.others, None, "{table:#?}");
    // The sentences are about the models, not the repository they point to.
    assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("Apache-2.0"));
    assert_eq!(weights(&ev).tier, Tier::NC);
}

/// DeepSeek-R1's pattern: "the model weights are licensed under MIT", then exceptions for
/// named distilled models. The general statement decides the weights; the exceptions are the
/// per-model table's.
#[test]
fn a_general_weights_statement_decides_and_named_exceptions_go_per_model() {
    let readme = "# Orbit\n\n## License\n\nThis code repository and the model weights are licensed under the MIT License.\n\n- Orbit-Distill-8B is derived from Orbit-Base-8B and is originally licensed under CC-BY-NC-4.0.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", MIT.as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let w = weights(&ev);
    assert_eq!(w.id, "MIT", "{w:?}");
    let distill = model_license(&ev, "Orbit-Distill-8B").expect("the distilled model is named");
    assert_eq!(distill.license.id, "CC-BY-NC-4.0");
    let others = ev.model_licenses.as_ref().and_then(|t| t.others.as_ref());
    assert_eq!(others.map(|l| l.id.as_str()), Some("MIT"));
}

/// Stability's pattern: `model_licenses/LICENSE-<model>` files, one per model.
#[test]
fn license_files_named_for_models_fill_the_per_model_table() {
    let (_d, ev) = audit(&[
        ("LICENSE-CODE", MIT.as_bytes()),
        ("model_licenses/LICENSE-ORBIT1.0", ACME_MODEL.as_bytes()),
        ("model_licenses/LICENCE-Orbit-Turbo", CC_BY_NC.as_bytes()),
    ]);
    let one = model_license(&ev, "ORBIT1.0").expect("ORBIT1.0 named by its file");
    assert_eq!(one.rule, "license.model-file-name");
    assert_eq!(one.license.tier, Tier::R);
    let turbo = model_license(&ev, "Orbit-Turbo").expect("Orbit-Turbo named by its file");
    assert_eq!(turbo.license.id, "CC-BY-NC-4.0");
    // No general weights license: graded by the most restrictive of the models'.
    assert_eq!(weights(&ev).tier, Tier::NC);
}

/// open-instruct's pattern: the release links its own models on the Hub, and a name that begins
/// "Llama-3.1-" is, by the Llama 3.1 license's naming rule, a Llama 3.1 derivative.
#[test]
fn a_linked_model_named_as_a_llama_derivative_is_under_its_license() {
    let readme = "# Orbit tuning\n\nOur models: [acme/Llama-3.1-Orbit-8B](https://huggingface.co/acme/Llama-3.1-Orbit-8B).\n";
    let (_d, ev) = audit_with(
        false,
        &[
            ("LICENSE", apache().as_bytes()),
            ("README.md", readme.as_bytes()),
        ],
    );
    let m = ev
        .model_licenses
        .as_ref()
        .and_then(|t| {
            t.models
                .iter()
                .find(|m| m.model.ends_with("Llama-3.1-Orbit-8B"))
        })
        .unwrap_or_else(|| panic!("named model: {:#?}", ev.model_licenses));
    assert_eq!(m.license.id, "LicenseRef-Llama-3.1");
    assert_eq!(m.rule, "license.model-name-lineage");
    assert_eq!(m.license.source.path.as_deref(), Some("README.md"));
}

/// A per-model license table: each row's first cell is the model.
#[test]
fn a_per_model_license_table_names_each_row_model() {
    let readme = "# Orbit family\n\n| Model | Size | License |\n|---|---|---|\n| Orbit-S | 1B | Apache 2.0 |\n| Orbit-L | 70B | CC-BY-NC-4.0 |\n";
    let (_d, ev) = audit(&[
        ("LICENSE", apache().as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    assert_eq!(
        model_license(&ev, "Orbit-S").map(|m| m.license.id.as_str()),
        Some("Apache-2.0")
    );
    assert_eq!(
        model_license(&ev, "Orbit-L").map(|m| m.license.id.as_str()),
        Some("CC-BY-NC-4.0")
    );
}

/// llm-foundry's pattern: "Our model weights and code are licensed for … The Databricks Open
/// Source License can be found at [LICENSE](another repository's LICENSE)". The first sentence
/// says what is licensed, the second names the license; "Open Source" is not source code, and
/// a link to another repository's LICENSE is not this repository's LICENSE.
#[test]
fn a_sentence_naming_the_license_takes_the_scope_of_the_one_before() {
    let readme = "# Orbit\n\n| Model | Download |\n|---|---|\n| Orbit Base | https://huggingface.co/acme/orbit-base |\n\nOur model weights and code are licensed for both researchers and commercial entities. The Databricks Open Source License can be found at [LICENSE](https://github.com/acme/other-models/blob/main/LICENSE), and our Acceptable Use Policy can be found [here](https://example.com/aup).\n";
    let (_d, ev) = audit_with(
        false,
        &[
            ("LICENSE", apache().as_bytes()),
            ("README.md", readme.as_bytes()),
        ],
    );
    let w = weights(&ev);
    assert_eq!(w.id, "LicenseRef-Databricks-Open-Model", "{w:?}");
    assert_eq!(w.source.line, Some(7));
    assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("Apache-2.0"));
}

/// seamless_communication's pattern: "The following models are CC-BY-NC 4.0 licensed as found
/// in LICENSE:" and a list of the models.
#[test]
fn a_list_of_models_after_a_license_sentence_fills_the_per_model_table() {
    let readme = "# Orbit\n\n# License\n\nThe following models are CC-BY-NC 4.0 licensed as found in the [LICENSE](LICENSE):\n- OrbitM4T models (v1 and v2).\n- OrbitStreaming models.\n\nThe following models are Acme licensed as found in [ACME_LICENSE](ACME_LICENSE):\n- [Orbit Expressive](#expressive) models.\n- Code for the demo.\n";
    let (_d, ev) = audit(&[
        ("LICENSE", CC_BY_NC.as_bytes()),
        ("ACME_LICENSE", ACME_MODEL.as_bytes()),
        ("README.md", readme.as_bytes()),
    ]);
    let table = ev.model_licenses.as_ref().expect("a per-model table");
    let names: Vec<&str> = table.models.iter().map(|m| m.model.as_str()).collect();
    assert_eq!(
        names,
        ["OrbitM4T", "OrbitStreaming", "Orbit-Expressive"],
        "{table:#?}"
    );
    assert_eq!(
        model_license(&ev, "OrbitM4T").map(|m| m.license.id.as_str()),
        Some("CC-BY-NC-4.0")
    );
    assert_eq!(
        model_license(&ev, "Orbit-Expressive").map(|m| m.license.tier),
        Some(Tier::R)
    );
}

/// gemma-cookbook's pattern: notebooks and demos link Google's Gemma models on the Hub, and the
/// only license files are the notebooks' Apache-2.0. The linked models are under their own
/// family's terms (kb/lineage.toml), not the license of a demo folder.
#[test]
fn linked_models_of_a_known_family_are_under_the_family_s_license() {
    let readme = "# Demo\n\nThis demo runs [Gemma 3 270M](https://huggingface.co/google/gemma-3-270m-it) in the browser.\n";
    let (_d, ev) = audit_with(
        false,
        &[
            ("LICENSE", apache().as_bytes()),
            (
                "README.md",
                b"# gemma-demos\n\nNotebooks and demos for Gemma.\n",
            ),
            ("demos/web/LICENSE", apache().as_bytes()),
            ("demos/web/README.md", readme.as_bytes()),
        ],
    );
    let w = weights(&ev);
    assert_eq!(w.id, "LicenseRef-Gemma", "{w:?}");
    assert_eq!(w.source.path.as_deref(), Some("demos/web/README.md"));
    assert!(
        w.source
            .field
            .as_deref()
            .unwrap_or("")
            .contains("google/gemma-3-270m-it"),
        "{w:?}"
    );
    assert_eq!(code(&ev).map(|l| l.id.as_str()), Some("Apache-2.0"));
}
