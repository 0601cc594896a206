//! Code components: training, inference, evaluation, data preprocessing, supporting libraries.
//!
//! A file is training code only when it holds a real training loop (a backward pass and an
//! optimiser step, a `Trainer(...).train()`, a DeepSpeed/Accelerate/FSDP loop or a launcher);
//! a file named `train.py` without one is not. Inference-only code is inference code.

use glassbox_core::{ArtifactKind, Component, Evidence, Location, Status};
use glassbox_sources::Release;

use crate::weights::ev;

/// First line (1-based) holding any of the needles, skipping comments and docstrings.
fn find<'n>(text: &str, needles: &[&'n str]) -> Option<(u32, &'n str)> {
    let mut in_doc = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let quotes = t.matches("\"\"\"").count() + t.matches("\'\'\'").count();
        if in_doc || quotes > 0 {
            if quotes % 2 == 1 {
                in_doc = !in_doc;
            }
            continue;
        }
        if t.starts_with('#') || t.starts_with("//") {
            continue;
        }
        if let Some(n) = needles.iter().find(|n| t.contains(*n)) {
            return Some((i as u32 + 1, *n));
        }
    }
    None
}

const BACKWARD: &[&str] = &[
    ".backward(",
    "accelerator.backward(",
    "model_engine.backward(",
    "engine.backward(",
    "grad(loss",
    "value_and_grad(",
];
const STEP: &[&str] = &[
    "optimizer.step(",
    "optim.step(",
    "opt.step(",
    ".step()",
    "model_engine.step(",
    "apply_gradients(",
    "optimizer.update(",
    "optax.",
];
const TRAINER: &[&str] = &[
    "Trainer(",
    "SFTTrainer(",
    "DPOTrainer(",
    "Seq2SeqTrainer(",
    "pl.Trainer(",
    "lightning.Trainer(",
];
const TRAIN_CALL: &[&str] = &[".train()", ".fit(", "trainer.train(", ".train(resume"];
const LAUNCHERS: &[&str] = &[
    "deepspeed.initialize(",
    "FullyShardedDataParallel(",
    "FSDP(",
    "torchrun ",
    "accelerate launch",
    "deepspeed --",
    "DistributedDataParallel(",
];
const INFERENCE: &[&str] = &[
    ".generate(",
    "pipeline(",
    "from_pretrained(",
    "InferenceClient(",
    "chat.completions.create(",
    "requests.post(",
    "httpx.post(",
    "client.messages.create(",
    "llama_cpp",
    "model.eval()",
    "torch.no_grad()",
    "inference_mode()",
];
const EVAL: &[&str] = &[
    "lm_eval",
    "evaluate.load(",
    "compute_metrics",
    "def evaluate(",
    "accuracy_score(",
    "f1_score(",
    "perplexity",
    "lighteval",
    "bleu",
    "rouge",
];
const PREPROC: &[&str] = &[
    "dedup",
    "minhash",
    "MinHash",
    "langdetect",
    "fasttext",
    "quality_filter",
    "filter_documents",
    ".map(tokenize",
    "tokenize_function",
    "save_to_disk(",
    "to_parquet(",
    "shard_dataset",
    "datatrove",
    "normalize_text",
    "remove_duplicates",
];

const PREPROC_PATHS: &[&str] = &[
    "preprocess",
    "prepare_data",
    "data_prep",
    "dedup",
    "tokeniz",
    "build_dataset",
    "make_dataset",
    "filter",
    "clean",
    "data_pipeline",
    "mixture",
];
const EVAL_PATHS: &[&str] = &["eval", "benchmark"];

/// Whether the text holds a training loop, and the line proving it.
pub(crate) fn training_loop(text: &str) -> Option<(u32, String)> {
    if let (Some((l, b)), Some((_, s))) = (find(text, BACKWARD), find(text, STEP)) {
        return Some((l, format!("training loop: `{b}` and `{s}`")));
    }
    if let (Some((l, t)), Some((_, c))) = (find(text, TRAINER), find(text, TRAIN_CALL)) {
        return Some((l, format!("trainer loop: `{t}` then `{c}`")));
    }
    find(text, LAUNCHERS)
        .map(|(l, n)| (l, format!("distributed training launcher: `{}`", n.trim())))
}

pub(crate) fn detect(release: &Release, out: &mut Vec<Evidence>) {
    for f in &release.files {
        let path = &f.artifact.path;
        let lower = path.to_ascii_lowercase();
        let name = lower.rsplit('/').next().unwrap_or("");
        if matches!(
            name,
            "requirements.txt"
                | "pyproject.toml"
                | "setup.py"
                | "setup.cfg"
                | "environment.yml"
                | "environment.yaml"
                | "cargo.toml"
                | "package.json"
        ) {
            out.push(ev(
                Component::SupportingLibraries,
                Status::Present,
                Location::file(path),
                "code.dependencies",
                0.7,
                format!("dependency manifest `{name}`"),
            ));
        }
        let is_code = f.artifact.kind == ArtifactKind::Code;
        let is_config = lower.ends_with(".yaml")
            || lower.ends_with(".yml")
            || lower.ends_with(".json")
            || lower.ends_with(".toml");
        let Some(text) = f.text() else { continue };
        if is_config && !is_code {
            training_config(path, &lower, &text, out);
            continue;
        }
        if !is_code {
            continue;
        }
        let train = training_loop(&text);
        if let Some((line, why)) = &train {
            out.push(ev(
                Component::TrainingCode,
                Status::Present,
                Location::line(path, *line),
                "code.training-loop",
                0.95,
                why.clone(),
            ));
        }
        let preproc_path =
            PREPROC_PATHS.iter().any(|p| lower.contains(p)) && !lower.contains("test");
        if let Some((line, n)) = find(&text, PREPROC) {
            out.push(ev(
                Component::DataPreprocessingCode,
                Status::Present,
                Location::line(path, line),
                "code.preprocessing",
                if preproc_path { 0.9 } else { 0.7 },
                format!("data processing: `{n}`"),
            ));
        } else if preproc_path && train.is_none() {
            out.push(ev(
                Component::DataPreprocessingCode,
                Status::Present,
                Location::file(path),
                "code.preprocessing-path",
                0.6,
                "data processing script (by its path)",
            ));
        }
        let eval_path = EVAL_PATHS.iter().any(|p| lower.contains(p));
        if let Some((line, n)) = find(&text, EVAL) {
            if eval_path || train.is_none() {
                out.push(ev(
                    Component::EvaluationCode,
                    Status::Present,
                    Location::line(path, line),
                    "code.evaluation",
                    if eval_path { 0.9 } else { 0.6 },
                    format!("evaluation: `{n}`"),
                ));
            }
        }
        if train.is_none() {
            if let Some((line, n)) = find(&text, INFERENCE) {
                out.push(ev(
                    Component::InferenceCode,
                    Status::Present,
                    Location::line(path, line),
                    "code.inference",
                    0.8,
                    format!("inference: `{n}`"),
                ));
            }
        }
    }
}

/// Training configs (learning-rate schedules, batch sizes) support, but do not make, training code.
fn training_config(path: &str, lower: &str, text: &str, out: &mut Vec<Evidence>) {
    if lower.ends_with("config.json") && !lower.contains("train") {
        return;
    }
    let t = text.to_ascii_lowercase();
    let lr = t
        .find("learning_rate")
        .or_else(|| t.find("lr_scheduler"))
        .or_else(|| t.find("\"lr\""));
    let batch = t.contains("batch_size") || t.contains("micro_batch") || t.contains("global_batch");
    if let (Some(pos), true) = (lr, batch) {
        let line = t[..pos].matches('\n').count() as u32 + 1;
        out.push(ev(
            Component::TrainingCode,
            Status::Partial,
            Location::line(path, line),
            "code.training-config",
            0.6,
            "training configuration (learning rate, batch size)",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_not_names() {
        assert!(training_loop(
            "for b in data:\n    loss = model(b)\n    loss.backward()\n    optimizer.step()\n"
        )
        .is_some());
        assert!(training_loop("trainer = Trainer(model=m)\ntrainer.train()\n").is_some());
        assert!(
            training_loop("# loss.backward()\n# optimizer.step()\nprint('train.py')\n").is_none()
        );
        assert!(training_loop("out = model.generate(ids)\n").is_none());
        assert!(training_loop(
            "\"\"\"Call loss.backward() and\noptimizer.step() here.\"\"\"\nx = 1\n"
        )
        .is_none());
    }
}
