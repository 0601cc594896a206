//! Git submodules (`.gitmodules`): each pins another repository into the release. One that
//! holds a training framework (GPT-NeoX, Megatron, OLMo-core, …) is the release's training
//! code by reference; any other is a supporting code repository. When links are followed, the
//! submodule is also cloned and inspected as a linked release (see `glassbox_sources::follow`).

use glassbox_core::Release;
use glassbox_core::{Component, Evidence, Location, Status};
use glassbox_formats::gitmodules;

use crate::weights::ev;

/// Names of training frameworks and training-code repositories.
const TRAINING_REPOS: &[&str] = &[
    "gpt-neox",
    "megatron",
    "nanotron",
    "levanter",
    "olmo",
    "torchtitan",
    "maxtext",
    "t5x",
    "fairseq",
    "metaseq",
    "llm-foundry",
    "composer",
    "open_lm",
    "litgpt",
    "lit-gpt",
    "nanogpt",
    "mesh",
    "train",
];

pub(crate) fn detect(release: &Release, out: &mut Vec<Evidence>) {
    let Some(text) = release.file(".gitmodules").and_then(|f| f.text()) else {
        return;
    };
    for s in gitmodules::parse(&text) {
        let at = Location::line(".gitmodules", s.line).with_url(&s.url);
        let hay = format!("{} {}", s.path, s.url).to_ascii_lowercase();
        match TRAINING_REPOS.iter().find(|t| hay.contains(*t)) {
            Some(t) => out.push(ev(
                Component::TrainingCode,
                Status::Present,
                at,
                "code.submodule-training",
                0.6,
                format!(
                    "git submodule `{}` pins the training code ({t}) from {}",
                    s.path, s.url
                ),
            )),
            None => out.push(ev(
                Component::SupportingLibraries,
                Status::Present,
                at,
                "code.submodule",
                0.5,
                format!(
                    "git submodule `{}` pins the code repository {}",
                    s.path, s.url
                ),
            )),
        }
    }
}
