//! Base models resolve to their family's license; whether it flows down follows the license.

use glassbox_core::Tier;
use glassbox_licenses::kb;

#[test]
fn families() {
    let kb = kb();
    let cases = [
        (
            "meta-llama/Llama-3.1-8B-Instruct",
            "LicenseRef-Llama-3.1",
            true,
        ),
        (
            "meta-llama/Meta-Llama-3.1-70B",
            "LicenseRef-Llama-3.1",
            true,
        ),
        ("meta-llama/Meta-Llama-3-8B", "LicenseRef-Llama-3", true),
        (
            "meta-llama/Llama-3.2-11B-Vision",
            "LicenseRef-Llama-3.2",
            true,
        ),
        ("meta-llama/Llama-2-7b-hf", "LicenseRef-Llama-2", true),
        (
            "meta-llama/Llama-4-Scout-17B-16E",
            "LicenseRef-Llama-4",
            true,
        ),
        ("google/gemma-2-9b-it", "LicenseRef-Gemma", true),
        ("google/gemma-4-31b", "Apache-2.0", false),
        ("mistralai/Mistral-7B-v0.1", "Apache-2.0", false),
        (
            "mistralai/Mistral-Large-Instruct-2411",
            "LicenseRef-Mistral-MRL-0.1",
            true,
        ),
        ("Qwen/Qwen2.5-72B-Instruct", "LicenseRef-Qwen", true),
        ("Qwen/Qwen2.5-3B", "LicenseRef-Qwen-Research", true),
        ("Qwen/Qwen2.5-7B", "Apache-2.0", false),
        (
            "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
            "LicenseRef-Llama-3.1",
            true,
        ),
        ("deepseek-ai/DeepSeek-R1", "MIT", false),
        (
            "deepseek-ai/DeepSeek-V3",
            "LicenseRef-DeepSeek-License-1.0",
            true,
        ),
        (
            "bigscience/bloom-560m",
            "LicenseRef-BigScience-BLOOM-RAIL-1.0",
            true,
        ),
        (
            "stabilityai/stable-diffusion-xl-base-1.0",
            "LicenseRef-CreativeML-OpenRAIL-PlusPlus-M",
            true,
        ),
    ];
    for (model, id, flows) in cases {
        let m = kb
            .lineage(model)
            .unwrap_or_else(|| panic!("{model}: no family"));
        assert_eq!(m.license.id, id, "{model}");
        assert_eq!(m.flows_down, flows, "{model}");
    }
    let m = kb
        .lineage("https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct")
        .unwrap();
    assert_eq!(m.license.id, "LicenseRef-Llama-3.3");
    assert_eq!(m.license.tier, Tier::R);
    assert!(kb.lineage("someone/my-own-model").is_none());
    assert!(kb.lineage("not-a-model-id").is_none());
    assert!(kb.lineage("").is_none());
}

/// The Llama 3 and later licenses make a derivative carry "Llama" at the start of its name, so
/// the name alone tells the family; other names, and Llama 2 (no such rule), tell nothing.
#[test]
fn derivatives_by_name() {
    let kb = kb();
    let family = |id: &str| kb.lineage_by_name(id).map(|m| m.license.id);
    assert_eq!(
        family("allenai/Llama-3.1-Tulu-3-8B").as_deref(),
        Some("LicenseRef-Llama-3.1")
    );
    assert_eq!(
        family("https://huggingface.co/nvidia/Llama-3.3-Nemotron-70B").as_deref(),
        Some("LicenseRef-Llama-3.3")
    );
    assert_eq!(
        family("someone/Meta-Llama-3-8B-finetune").as_deref(),
        Some("LicenseRef-Llama-3")
    );
    assert_eq!(family("allenai/OLMo-2-1124-7B-Instruct"), None);
    assert_eq!(family("someone/Llama-2-7b-chat-finetune"), None);
    assert_eq!(family("allenai/Tulu-Llama-3.1-8B"), None);
}
