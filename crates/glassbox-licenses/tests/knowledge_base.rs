//! The knowledge base is consistent: tiers follow flags, ids resolve, every license of the
//! reference table is there, each version separately, and policies are tied to licenses.

use glassbox_core::{LicenseKind, Tier};
use glassbox_licenses::{kb, Commercial, Origin};

#[test]
fn every_reviewed_entry_is_consistent() {
    let kb = kb();
    assert!(
        kb.reviewed().len() >= 80,
        "{} reviewed entries",
        kb.reviewed().len()
    );
    for e in kb.reviewed() {
        assert_eq!(
            e.tier,
            e.flags.tier(),
            "{}: stated tier differs from the tier its flags give",
            e.id
        );
        assert_eq!(e.osi_approved, e.flags.osi_approved, "{}", e.id);
        assert_eq!(e.origin, Origin::KnowledgeBase);
        assert!(!e.name.is_empty());
        if e.tier != Tier::P && e.tier != Tier::O || e.kind == LicenseKind::Policy {
            assert!(
                !e.obligations.is_empty(),
                "{}: a restricted license or policy needs obligations",
                e.id
            );
        }
        for o in &e.obligations {
            assert!(
                o.ends_with('.') || o.ends_with(".'") || o.ends_with(')'),
                "{}: obligation is not a sentence: {o}",
                e.id
            );
        }
        for flag in e.flag_sources.keys() {
            assert!(
                e.flags.describe().iter().any(|(n, _)| n == flag),
                "{}: source for unknown flag {flag}",
                e.id
            );
        }
        if let Some(p) = &e.policy {
            let pol = kb
                .by_id(p)
                .unwrap_or_else(|| panic!("{}: policy {p} unknown", e.id));
            assert_eq!(pol.kind, LicenseKind::Policy, "{p}");
            assert!(
                pol.policy_of.contains(&e.id),
                "{p} does not name {} back",
                e.id
            );
        }
        if e.kind == LicenseKind::Policy {
            assert!(
                !e.policy_of.is_empty(),
                "{}: a policy must be tied to a license",
                e.id
            );
            for l in &e.policy_of {
                assert!(kb.by_id(l).is_some(), "{}: policy_of {l} unknown", e.id);
            }
        }
        for t in &e.hf {
            assert_eq!(
                kb.from_hf(t, None).map(|l| l.id),
                Some(e.id.clone()),
                "hf tag {t}"
            );
        }
        for n in &e.hf_names {
            assert_eq!(
                kb.from_hf("other", Some(n)).map(|l| l.id),
                Some(e.id.clone()),
                "license_name {n}"
            );
        }
        if let Some(sc) = &e.scancode {
            assert_eq!(
                kb.by_id(sc).map(|l| l.id),
                Some(e.id.clone()),
                "ScanCode key {sc}"
            );
            assert_eq!(
                kb.by_id(&format!("LicenseRef-scancode-{sc}")).map(|l| l.id),
                Some(e.id.clone())
            );
        }
    }
}

#[test]
fn the_whole_spdx_list_is_known() {
    let kb = kb();
    for l in spdx::identifiers::LICENSES {
        let info = kb
            .by_id(l.name)
            .unwrap_or_else(|| panic!("SPDX id {} unknown", l.name));
        if l.flags & spdx::flags::IS_OSI_APPROVED != 0 {
            assert_eq!(info.tier, Tier::P, "{}", l.name);
        }
    }
    let bsl = kb.by_id("BUSL-1.1").unwrap();
    assert_eq!(bsl.origin, Origin::SpdxList);
    assert_eq!(
        bsl.tier,
        Tier::R,
        "a non-OSI, non-FSF SPDX license is restricted until reviewed"
    );
    assert_eq!(kb.by_id("CC-BY-NC-3.0").unwrap().tier, Tier::NC);
    assert_eq!(kb.by_id("GPL-2.0+").unwrap().id, "GPL-2.0-or-later");
    // Ids of the first table stay valid.
    assert_eq!(
        kb.by_id("LicenseRef-OpenRAIL++").unwrap().id,
        "LicenseRef-CreativeML-OpenRAIL-PlusPlus-M"
    );
    assert_eq!(
        kb.by_id("LicenseRef-scancode-llama-3.1-license-2024")
            .unwrap()
            .id,
        "LicenseRef-Llama-3.1"
    );
    assert!(kb.by_id("").is_none());
    assert!(kb.by_id("NotALicense-9").is_none());
}

#[test]
fn reference_table_licenses_each_version_separately() {
    let kb = kb();
    let expect = [
        ("LicenseRef-LLaMA-1", Tier::NC),
        ("LicenseRef-Llama-2", Tier::R),
        ("LicenseRef-Llama-3", Tier::R),
        ("LicenseRef-Llama-3.1", Tier::R),
        ("LicenseRef-Llama-3.2", Tier::R),
        ("LicenseRef-Llama-3.3", Tier::R),
        ("LicenseRef-Llama-4", Tier::R),
        ("LicenseRef-Gemma-ToU-2024-02-21", Tier::R),
        ("LicenseRef-Gemma-ToU-2024-04-01", Tier::R),
        ("LicenseRef-Gemma-ToU-2025-03-24", Tier::R),
        ("LicenseRef-Mistral-MRL-0.1", Tier::NC),
        ("LicenseRef-Mistral-MNPL-0.1", Tier::NC),
        ("Apache-2.0", Tier::P),
        ("MIT", Tier::P),
        ("LicenseRef-Tongyi-Qianwen", Tier::R),
        ("LicenseRef-Tongyi-Qianwen-Research", Tier::NC),
        ("LicenseRef-Qwen", Tier::R),
        ("LicenseRef-Qwen-Research", Tier::NC),
        ("LicenseRef-DeepSeek-License-1.0", Tier::R),
        ("LicenseRef-TII-Falcon-LLM-1.0", Tier::R),
        ("LicenseRef-Falcon-180B-TII-1.0", Tier::R),
        ("LicenseRef-Falcon-2-11B-TII-1.0", Tier::R),
        ("LicenseRef-TII-Falcon-2.0", Tier::R),
        ("LicenseRef-BigScience-BLOOM-RAIL-1.0", Tier::R),
        ("LicenseRef-BigScience-OpenRAIL-M", Tier::R),
        ("LicenseRef-CreativeML-OpenRAIL-M", Tier::R),
        ("LicenseRef-CreativeML-OpenRAIL-PlusPlus-M", Tier::R),
        ("LicenseRef-OpenRAIL", Tier::R),
        ("LicenseRef-BigCode-OpenRAIL-M", Tier::R),
        ("LicenseRef-Stability-AI-Community", Tier::R),
        ("LicenseRef-Stability-AI-NC-Research", Tier::NC),
        ("LicenseRef-NVIDIA-Open-Model-2025-04-28", Tier::R),
        ("LicenseRef-MSR-License", Tier::NC),
        ("LicenseRef-Apple-Sample-Code", Tier::O),
        ("LicenseRef-Apple-AMLR", Tier::NC),
        ("CC-BY-4.0", Tier::O),
        ("CC-BY-SA-4.0", Tier::O),
        ("CC-BY-NC-4.0", Tier::NC),
        ("CC-BY-NC-SA-4.0", Tier::NC),
        ("CC-BY-ND-4.0", Tier::NC),
        ("ODC-By-1.0", Tier::O),
        ("ODbL-1.0", Tier::O),
        ("CDLA-Permissive-2.0", Tier::O),
        ("CDLA-Sharing-1.0", Tier::O),
        ("OpenMDW-1.0", Tier::O),
        ("LicenseRef-AI2-ImpACT-LR", Tier::R),
        ("LicenseRef-Grok-2-Community", Tier::R),
        ("LicenseRef-xAI-Community", Tier::R),
        ("LicenseRef-Cohere-C4AI-AUP", Tier::NC),
        ("LicenseRef-Databricks-Open-Model", Tier::R),
        ("LicenseRef-Jamba-Open-Model", Tier::R),
        ("LicenseRef-Tencent-Hunyuan-Community", Tier::R),
        ("LicenseRef-Tencent-Hunyuan-3D-2.0", Tier::R),
        ("LicenseRef-Baichuan-2-Community", Tier::R),
        ("LicenseRef-Yi-2.0", Tier::R),
        ("LicenseRef-InternLM-Weights", Tier::R),
        ("LicenseRef-ChatGLM-6B", Tier::R),
        ("LicenseRef-GLM-4", Tier::R),
        ("LicenseRef-Kimi-K2-Modified-MIT", Tier::R),
        ("LicenseRef-FLUX.1-dev-NC", Tier::NC),
        ("LicenseRef-OpenAI-ToU-2024-12-11", Tier::None),
    ];
    for (id, tier) in expect {
        let l = kb.by_id(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(l.tier, tier, "{id}");
        assert_eq!(l.origin, Origin::KnowledgeBase, "{id}");
    }
    // Llama versions are six licenses with six policies.
    let llama: Vec<_> = kb
        .reviewed()
        .iter()
        .filter(|e| e.family.as_deref() == Some("llama"))
        .collect();
    assert_eq!(
        llama
            .iter()
            .filter(|e| e.kind == LicenseKind::License)
            .count(),
        7
    );
    assert_eq!(
        llama
            .iter()
            .filter(|e| e.kind == LicenseKind::Policy)
            .count(),
        6
    );
}

#[test]
fn flags_carry_the_clauses_that_matter() {
    let kb = kb();
    let l2 = kb.flags("LicenseRef-Llama-2").unwrap();
    assert!(l2.output_training_restricted && l2.threshold.is_some() && l2.flow_down);
    let l31 = kb.flags("LicenseRef-Llama-3.1").unwrap();
    assert!(
        !l31.output_training_restricted && l31.naming,
        "3.1 dropped the output ban and added naming"
    );
    assert!(l31.territory_exclusions.is_empty());
    assert!(
        !kb.flags("LicenseRef-Llama-3.2")
            .unwrap()
            .territory_exclusions
            .is_empty(),
        "3.2: EU multimodal clause"
    );
    assert_eq!(
        kb.flags("LicenseRef-Tencent-Hunyuan-3D-2.0")
            .unwrap()
            .territory_exclusions
            .len(),
        3
    );
    assert_eq!(
        kb.flags("LicenseRef-Mistral-MRL-0.1")
            .unwrap()
            .commercial_use,
        Commercial::No
    );
    assert!(
        kb.flags("LicenseRef-NVIDIA-Open-Model-2025-04-28")
            .unwrap()
            .revocable
    );
    let llama = kb.by_id("LicenseRef-Llama-3.1").unwrap();
    assert!(llama
        .obligations
        .iter()
        .any(|o| o.contains("Built with Llama")));
    assert!(llama
        .obligations
        .iter()
        .any(|o| o.contains("700 million monthly active users")));
    assert!(kb
        .by_id("LicenseRef-Llama-3.2")
        .unwrap()
        .obligations
        .iter()
        .any(|o| o.contains("EU")));
    assert_eq!(
        kb.policy_of("LicenseRef-Llama-3.1").unwrap().id,
        "LicenseRef-Llama-3.1-AUP"
    );
    assert!(llama.flag_sources.contains_key("threshold"));
}

#[test]
fn hugging_face_tags() {
    let kb = kb();
    let cases = [
        ("llama2", None, "LicenseRef-Llama-2"),
        ("llama3", None, "LicenseRef-Llama-3"),
        ("llama3.3", None, "LicenseRef-Llama-3.3"),
        ("llama4", None, "LicenseRef-Llama-4"),
        ("gemma", None, "LicenseRef-Gemma"),
        (
            "openrail++",
            None,
            "LicenseRef-CreativeML-OpenRAIL-PlusPlus-M",
        ),
        (
            "creativeml-openrail-m",
            None,
            "LicenseRef-CreativeML-OpenRAIL-M",
        ),
        (
            "bigscience-bloom-rail-1.0",
            None,
            "LicenseRef-BigScience-BLOOM-RAIL-1.0",
        ),
        ("apache-2.0", None, "Apache-2.0"),
        ("MIT", None, "MIT"),
        ("gpl-3.0", None, "GPL-3.0-only"),
        ("odc-by", None, "ODC-By-1.0"),
        ("lgpl-lr", None, "LGPLLR"),
        ("grok2-community", None, "LicenseRef-Grok-2-Community"),
        ("apple-amlr", None, "LicenseRef-Apple-AMLR"),
        ("other", Some("mrl"), "LicenseRef-Mistral-MRL-0.1"),
        ("other", Some("qwen-research"), "LicenseRef-Qwen-Research"),
        ("other", Some("tongyi-qianwen"), "LicenseRef-Tongyi-Qianwen"),
        ("other", Some("deepseek"), "LicenseRef-DeepSeek-License-1.0"),
        (
            "other",
            Some("falcon-llm-license"),
            "LicenseRef-TII-Falcon-2.0",
        ),
        ("other", Some("Apache-2.0"), "Apache-2.0"),
        ("other", Some("llama3.1"), "LicenseRef-Llama-3.1"),
    ];
    for (tag, name, id) in cases {
        assert_eq!(
            kb.from_hf(tag, name).map(|l| l.id),
            Some(id.to_string()),
            "{tag} {name:?}"
        );
    }
    assert!(kb.from_hf("other", None).is_none());
    assert!(kb.from_hf("other", Some("no-such-license-name")).is_none());
    assert!(kb.from_hf("bsd", None).is_none());
    assert!(kb.hf_ambiguity("bsd").is_some());
    let list = kb
        .from_hf_list(&["apache-2.0", "cc-by-nc-4.0"], None)
        .unwrap();
    assert_eq!(list.tier, Tier::NC);
    assert_eq!(kb.from_hf_list(&["mit"], None).unwrap().id, "MIT");
}

#[test]
fn free_form_values_and_urls() {
    let kb = kb();
    assert_eq!(
        kb.resolve("Apache License 2.0").map(|l| l.id).as_deref(),
        Some("Apache-2.0")
    );
    assert_eq!(
        kb.resolve("llama3.2").map(|l| l.id).as_deref(),
        Some("LicenseRef-Llama-3.2")
    );
    assert_eq!(
        kb.resolve("https://mistral.ai/licenses/MRL-0.1.md")
            .map(|l| l.id)
            .as_deref(),
        Some("LicenseRef-Mistral-MRL-0.1")
    );
    assert_eq!(
        kb.by_url("http://www.llama.com/llama3_2/license")
            .map(|l| l.id)
            .as_deref(),
        Some("LicenseRef-Llama-3.2")
    );
    assert_eq!(
        kb.resolve("MIT OR Apache-2.0").map(|l| l.tier),
        Some(Tier::P)
    );
    assert!(kb.resolve("").is_none());
    assert!(kb.resolve("definitely not a license").is_none());
}
