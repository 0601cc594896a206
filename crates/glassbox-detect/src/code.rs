//! Code components: training, inference, evaluation, data preprocessing, supporting libraries.
//!
//! A file is training code only when it holds a real training loop (a backward pass and an
//! optimiser step, a `Trainer(...).train()`, a DeepSpeed/Accelerate/FSDP loop or a launcher);
//! a file named `train.py` without one is not. Inference-only code is inference code.

use glassbox_core::Release;
use glassbox_core::{ArtifactKind, Component, Evidence, Location, Status};

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
/// Distributed-training set-ups in Python code.
const LAUNCHERS: &[&str] = &[
    "deepspeed.initialize(",
    "FullyShardedDataParallel(",
    "FSDP(",
    "DistributedDataParallel(",
];
/// Command-line launchers; they count only in shell scripts, launching a training script.
const CLI_LAUNCHERS: &[&str] = &[
    "torchrun ",
    "accelerate launch",
    "deepspeed ",
    "python -m torch.distributed",
    "srun ",
    "mpirun ",
];
/// Markers of fine-tuning (adapters, supervised or preference tuning of a pretrained model).
const FINETUNE_MARKERS: &[&str] = &[
    "PeftModel",
    "get_peft_model(",
    "LoraConfig(",
    "SFTTrainer(",
    "DPOTrainer(",
    "ORPOTrainer(",
    "KTOTrainer(",
    "PPOTrainer(",
    "RewardTrainer(",
    "prepare_model_for_kbit_training(",
];
/// Markers of a model built from scratch (random init), which make a script pretraining code
/// even when it can also start from a pretrained checkpoint.
const SCRATCH: &[&str] = &[
    "from_config(",
    "scratch",
    "init_weights",
    "reset_parameters(",
    "_init_weights",
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
    if let (Some((l, _)), Some(_)) = (
        find(text, &["Accelerator("]),
        find(text, &["accelerator.backward("]),
    ) {
        return Some((
            l,
            "training with accelerate: `Accelerator()` and `accelerator.backward`".into(),
        ));
    }
    if let (Some((l, _)), Some((_, o))) = (
        find(text, &["def train_step", "def training_step"]),
        find(
            text,
            &[
                "optax",
                "apply_gradients(",
                "configure_optimizers",
                "optimizer",
            ],
        ),
    ) {
        return Some((l, format!("training step with `{o}`")));
    }
    if let Some((l, m)) = find(
        text,
        &[
            ".train(mixture_or_task_name",
            "mtf_model.train(",
            "utils.run(mode=\"train\"",
        ],
    ) {
        return Some((l, format!("Mesh TensorFlow training: `{m}`")));
    }
    if let (Some((l, e)), Some(_)) = (
        find(
            text,
            &["TPUEstimator(", "tf.estimator.Estimator(", "Estimator("],
        ),
        find(text, &[".train(input_fn"]),
    ) {
        return Some((
            l,
            format!("TensorFlow estimator training: `{e}` then `.train(input_fn=…)`"),
        ));
    }
    find(text, LAUNCHERS)
        .map(|(l, n)| (l, format!("distributed training launcher: `{}`", n.trim())))
}

/// Whether a path names fine-tuning or post-training (`finetune.py`, `sft/`, `lora_*.sh`).
pub(crate) fn finetune_path(lower: &str) -> bool {
    if [
        "finetun",
        "fine_tun",
        "fine-tun",
        "post-train",
        "post_train",
        "posttrain",
        "instruction_tun",
        "p-tuning",
        "ptuning",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return true;
    }
    lower.split(['/', '_', '-', '.', ' ']).any(|t| {
        matches!(
            t,
            "sft"
                | "lora"
                | "qlora"
                | "peft"
                | "dpo"
                | "rlhf"
                | "ppo"
                | "kto"
                | "orpo"
                | "adapter"
                | "adapters"
                | "grpo"
                | "rm"
                | "qat"
                | "distill"
                | "distillation"
        )
    }) || lower.contains("quantization_aware")
}

/// Whether a path is an example, tutorial or notebook rather than the release's own pipeline.
fn example_path(lower: &str) -> bool {
    lower.ends_with(".ipynb")
        || lower.split('/').rev().skip(1).any(|d| {
            matches!(
                d,
                "examples"
                    | "example"
                    | "colabs"
                    | "colab"
                    | "notebooks"
                    | "demo"
                    | "demos"
                    | "tutorials"
                    | "cookbook"
                    | "recipes"
                    | "samples"
            )
        })
}

/// Why a file with a training loop is fine-tuning rather than pretraining, if it is.
fn finetuning(lower_path: &str, text: &str) -> Option<String> {
    if finetune_path(lower_path) {
        return Some("its path names fine-tuning".into());
    }
    if let Some((_, m)) = find(text, FINETUNE_MARKERS) {
        return Some(format!("it uses `{m}`"));
    }
    if loads_checkpoint(text) && find(text, SCRATCH).is_none() {
        return Some("it loads a pretrained checkpoint (`from_pretrained`) and trains it".into());
    }
    None
}

/// Whether code loads pretrained weights: a `from_pretrained(` outside comments whose receiver
/// is not a tokenizer, configuration or processor (`AutoConfig.from_pretrained(…)` feeding
/// `Model(config=…)` builds a model from scratch).
fn loads_checkpoint(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(|l| {
            l.match_indices("from_pretrained(")
                .map(move |(i, _)| &l[..i])
        })
        .any(|before| !loads_no_weights(before))
}

/// Whether the code before a `.from_pretrained(` names a receiver that loads no weights: a
/// tokenizer, a configuration, a processor or a feature extractor.
pub(crate) fn loads_no_weights(before: &str) -> bool {
    let before = before.trim_end_matches('.');
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |k| k + 1);
    let receiver = before[start..].to_ascii_lowercase();
    ["tokenizer", "config", "processor", "extractor"]
        .iter()
        .any(|w| receiver.contains(w))
}

/// A command-line launcher line in a shell script that starts a training script.
fn shell_launch(text: &str) -> Option<(u32, String, bool)> {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with("echo") {
            continue;
        }
        let Some(l) = CLI_LAUNCHERS.iter().find(|l| t.contains(*l)) else {
            continue;
        };
        let lower = t.to_ascii_lowercase();
        let script = lower
            .split_whitespace()
            .find(|w| w.ends_with(".py") || w.ends_with(".yml") || w.ends_with(".yaml"))
            .unwrap_or("");
        if script.contains("train")
            || lower.contains(" train.py")
            || lower.contains("pretrain")
            || finetune_path(script)
        {
            return Some((
                i as u32 + 1,
                format!("`{}` launches `{script}`", l.trim()),
                finetune_path(script),
            ));
        }
    }
    None
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
        if crate::remote::vendored(&lower) {
            continue;
        }
        let shell = name.ends_with(".sh") || name.ends_with(".bash") || name == "makefile";
        let train = if shell {
            shell_launch(&text).map(|(l, why, ft)| {
                (
                    l,
                    why,
                    ft.then(|| "it launches a fine-tuning script".to_string()),
                )
            })
        } else {
            training_loop(&text).map(|(l, why)| {
                let ft = finetuning(&lower, &text).or_else(|| {
                    example_path(&lower).then(|| {
                        "an example or notebook, not shown to be the release's own training pipeline".to_string()
                    })
                });
                (l, why, ft)
            })
        };
        if let Some((line, why, ft)) = &train {
            match ft {
                Some(ft) => out.push(ev(
                    Component::TrainingCode,
                    Status::Partial,
                    Location::line(path, *line),
                    "code.fine-tuning",
                    0.6,
                    format!("fine-tuning code, not the release's pretraining code ({ft}): {why}"),
                )),
                None => out.push(ev(
                    Component::TrainingCode,
                    Status::Present,
                    Location::line(path, *line),
                    if shell {
                        "code.launcher"
                    } else {
                        "code.training-loop"
                    },
                    if shell { 0.8 } else { 0.95 },
                    why.clone(),
                )),
            }
        }
        let train = train.map(|(l, w, _)| (l, w));
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
    reconcile(out);
}

/// Second pass over training evidence: a launcher that starts a fine-tuning script is
/// fine-tuning; and where fine-tuning code clearly dominates (a post-training repository), a
/// lone loop is not taken for the release's pretraining code.
fn reconcile(out: &mut [Evidence]) {
    let ft_files: Vec<String> = out
        .iter()
        .filter(|e| e.rule == "code.fine-tuning")
        .filter_map(|e| e.location.path.as_deref())
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .collect();
    for e in out.iter_mut().filter(|e| e.rule == "code.launcher") {
        let launched = e.detail.rsplit('`').nth(1).unwrap_or("");
        let base = launched.rsplit('/').next().unwrap_or(launched);
        if !base.is_empty() && ft_files.iter().any(|f| f == base) {
            e.status = Status::Partial;
            e.rule = "code.fine-tuning".into();
            e.confidence = 0.6;
            e.detail = format!("fine-tuning code, not the release's pretraining code (it launches `{base}`, which fine-tunes)");
        }
    }
    let ft = out.iter().filter(|e| e.rule == "code.fine-tuning").count();
    let pre = out
        .iter()
        .filter(|e| e.component == Component::TrainingCode && e.status == Status::Present)
        .count();
    if pre > 0 && ft >= 3 && ft >= 3 * pre {
        for e in out
            .iter_mut()
            .filter(|e| e.component == Component::TrainingCode && e.status == Status::Present)
        {
            e.status = Status::Partial;
            e.confidence = 0.4;
            e.detail = format!(
                "{}; most training code here is fine-tuning ({ft} files), so this is not shown to be the release's pretraining code",
                e.detail
            );
        }
    }
}

/// Training configs (learning-rate schedules, batch sizes) support, but do not make, training code.
fn training_config(path: &str, lower: &str, text: &str, out: &mut Vec<Evidence>) {
    if lower.ends_with("config.json") && !lower.contains("train") {
        return;
    }
    let t = text.to_ascii_lowercase();
    // Evaluation results and logs carry hyper-parameters too; they are not training configs.
    if ["eval", "result", "log", "metric", "test"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return;
    }
    let lr = t
        .find("learning_rate")
        .or_else(|| t.find("lr_scheduler"))
        .or_else(|| t.find("\"lr\""));
    let batch = t.contains("batch_size") || t.contains("micro_batch") || t.contains("global_batch");
    if let (Some(pos), true) = (lr, batch) {
        let line = t[..pos].matches('\n').count() as u32 + 1;
        let iters = [
            "train-iters",
            "train_iters",
            "max_steps",
            "max_duration",
            "train_steps",
            "num_train_steps",
            "total_steps",
            "max_iters",
            "train-steps",
        ]
        .iter()
        .any(|k| t.contains(k));
        let shape = [
            "num-layers",
            "num_layers",
            "n_layers",
            "n_layer",
            "hidden-size",
            "hidden_size",
            "d_model",
            "n_embd",
            "num_hidden_layers",
        ]
        .iter()
        .any(|k| t.contains(k));
        if finetune_path(lower) {
            out.push(ev(
                Component::TrainingCode,
                Status::Partial,
                Location::line(path, line),
                "code.fine-tuning",
                0.5,
                "fine-tuning configuration (its path names fine-tuning), not the release's pretraining",
            ));
            return;
        }
        if iters && shape {
            // A full run configuration (model shape, schedule, batch, length of the run) for a
            // training framework (GPT-NeoX, Megatron, OLMo, Composer): the framework's code
            // plus this file is the training code.
            out.push(ev(
                Component::TrainingCode,
                Status::Present,
                Location::line(path, line),
                "code.framework-config",
                0.7,
                "training run configuration for a framework (model shape, learning rate, batch size, number of steps)",
            ));
            return;
        }
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
