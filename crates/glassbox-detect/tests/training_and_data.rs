//! Pretraining code vs fine-tuning, framework-driven training, submodules and training-data
//! documentation (issue #12), on small releases written by the tests (our own text).

mod common;

use common::{audit, category, rules};
use glassbox_core::{Component, SeedCategory, Status};

#[test]
fn a_fine_tuning_example_alone_is_not_the_training_code() {
    let (_d, ev) = audit(&[
        ("README.md", b"# Orbit chat\n"),
        (
            "finetune/sft.py",
            b"from trl import SFTTrainer\nfrom peft import get_peft_model, LoraConfig\nmodel = get_peft_model(model, LoraConfig(r=8))\ntrainer = SFTTrainer(model=model)\ntrainer.train()\n",
        ),
        (
            "finetune/run.sh",
            b"#!/bin/bash\ndeepspeed --num_gpus 8 sft.py --lr 1e-5\n",
        ),
        (
            "examples/train_classifier.py",
            b"from transformers import AutoModel, Trainer\nmodel = AutoModel.from_pretrained('acme/orbit')\nTrainer(model=model).train()\n",
        ),
    ]);
    assert_eq!(ev.status(Component::TrainingCode), Status::Partial);
    let partial = rules(&ev, Component::TrainingCode, Status::Partial);
    assert!(
        partial.iter().all(|r| r == "code.fine-tuning"),
        "{partial:?}"
    );
    assert_eq!(partial.len(), 3, "{partial:?}");
}

#[test]
fn framework_driven_training_counts_as_training_code() {
    for (path, text) in [
        (
            "train.py",
            "import lightning as L\ntrainer = L.Trainer(max_steps=1000)\ntrainer.fit(model, data)\n",
        ),
        (
            "train_jax.py",
            "import optax\n\ndef train_step(state, batch):\n    grads = jax.grad(loss_fn)(state.params, batch)\n    return state.apply_gradients(grads=grads)\n",
        ),
        (
            "pretrain.py",
            "from accelerate import Accelerator\naccelerator = Accelerator()\nfor b in loader:\n    loss = model(b)\n    accelerator.backward(loss)\n",
        ),
        (
            "scripts/pretrain.sh",
            "#!/bin/bash\ntorchrun --nproc_per_node 8 pretrain.py --config configs/7b.yaml\n",
        ),
        (
            "configs/neox-1b.yml",
            "{\n  \"num-layers\": 16,\n  \"hidden-size\": 2048,\n  \"train-iters\": 143000,\n  \"lr\": 0.0003,\n  \"train_micro_batch_size_per_gpu\": 16\n}\n",
        ),
    ] {
        let (_d, ev) = audit(&[(path, text.as_bytes())]);
        assert_eq!(
            ev.status(Component::TrainingCode),
            Status::Present,
            "{path}: {:?}",
            rules(&ev, Component::TrainingCode, Status::Partial)
        );
    }
}

#[test]
fn launchers_only_count_when_they_start_training() {
    let (_d, ev) = audit(&[
        (
            "lib/models.py",
            b"log.warning(f\"Using `accelerate launch`, device {d} will be overridden\")\n",
        ),
        (
            "run_chat.sh",
            b"torchrun --nproc_per_node 1 example_chat_completion.py --ckpt_dir x/\n",
        ),
        (
            "evals/results/run_eval_results.json",
            b"{\"learning_rate\": 0.1, \"batch_size\": 4}\n",
        ),
    ]);
    assert_eq!(ev.status(Component::TrainingCode), Status::Absent);
}

#[test]
fn a_submodule_holding_the_training_framework_is_training_code() {
    let (_d, ev) = audit(&[
        (
            ".gitmodules",
            b"[submodule \"utils/gpt-neox\"]\n\tpath = utils/gpt-neox\n\turl = https://github.com/EleutherAI/gpt-neox.git\n[submodule \"third/tools\"]\n\tpath = third/tools\n\turl = git@github.com:acme/tools.git\n",
        ),
        ("README.md", b"# Suite\n"),
    ]);
    let present = rules(&ev, Component::TrainingCode, Status::Present);
    assert_eq!(present, vec!["code.submodule-training".to_string()]);
    let e = &ev.component(Component::TrainingCode).unwrap().evidence[0];
    assert_eq!(e.location.path.as_deref(), Some(".gitmodules"));
    assert_eq!(e.location.line, Some(3));
    assert!(rules(&ev, Component::SupportingLibraries, Status::Present)
        .contains(&"code.submodule".to_string()));
}

#[test]
fn data_documentation_beyond_the_card() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Orbit\n\n## Pretraining data\n\n| Source | Tokens | % |\n|---|---|---|\n| Web | 2T | 80 |\n| Code | 250B | 10 |\n| Papers | 250B | 10 |\n",
        ),
        ("DATASHEET.md", b"# Datasheet for the Orbit mix\n\nMotivation, composition, collection.\n"),
        (
            "docs/data.md",
            b"# Data\n\nThe mix is on the Hub: https://huggingface.co/datasets/acme/orbit-mix\n",
        ),
        (
            "configs/provenance.csv",
            b"Dataset,Data Directory\nweb,https://data.example.org/preprocessed/web/part-0-00000.npy\n",
        ),
        (
            "configs/ckpts.csv",
            b"Step,Checkpoint Directory\n0,https://ckpt.example.org/orbit/step0/\n",
        ),
    ]);
    let dc = rules(&ev, Component::DataCard, Status::Present);
    assert!(dc.contains(&"data.mixture-table".to_string()), "{dc:?}");
    assert!(dc.contains(&"docs.datasheet".to_string()), "{dc:?}");
    let ds = rules(&ev, Component::Datasets, Status::Present);
    assert!(ds.contains(&"data.doc-link".to_string()), "{ds:?}");
    assert!(ds.contains(&"data.shard-listing".to_string()), "{ds:?}");
    assert!(
        rules(&ev, Component::ModelParametersIntermediate, Status::Present)
            .contains(&"weights.checkpoint-listing".to_string())
    );
}

#[test]
fn example_test_and_eval_files_are_not_the_training_data() {
    let (_d, ev) = audit(&[
        ("README.md", b"# Orbit\n"),
        ("examples/data.csv", b"a,b\n1,2\n"),
        (
            "misc/lambada_test.jsonl",
            "{\"text\": \"x\"}\n".repeat(200).as_bytes(),
        ),
        ("egs/example/data.jsonl", b"{\"path\": \"a.wav\"}\n"),
    ]);
    assert_ne!(ev.status(Component::Datasets), Status::Present);
    assert_eq!(category(&ev), SeedCategory::Closed);
}

/// llm-foundry's pattern: a cut-down file for trying a data script (`…_train_small.jsonl` in
/// `scripts/`) is not the data the release's models were trained on.
#[test]
fn a_small_file_for_trying_a_script_is_not_the_training_data() {
    let rows = "{\"prompt\": \"x\", \"response\": \"y\"}\n".repeat(2000);
    let (_d, ev) = audit(&[
        ("README.md", b"# Orbit foundry\n"),
        ("scripts/data_prep/chat_train_small.jsonl", rows.as_bytes()),
        ("corpus/tiny_pretrain.jsonl", rows.as_bytes()),
    ]);
    assert_ne!(ev.status(Component::Datasets), Status::Present);
    let partial = rules(&ev, Component::Datasets, Status::Partial);
    assert!(
        partial.iter().all(|r| r == "data.example-file"),
        "{partial:?}"
    );
    assert_eq!(partial.len(), 2, "{partial:?}");
}

/// amber-train's pattern: a Lightning Fabric loop over a model built from a configuration
/// (`Model(config=AutoConfig.from_pretrained(…))`, the tokenizer loaded the same way) is
/// pretraining: nothing loads pretrained weights.
#[test]
fn a_model_built_from_a_loaded_configuration_is_trained_from_scratch() {
    let (_d, ev) = audit(&[
        ("README.md", b"# Orbit\n"),
        (
            "main.py",
            b"import torch\nfrom transformers import AutoConfig, AutoTokenizer\nfrom orbit.modeling import OrbitForCausalLM\n\ndef train(fabric, model, optimizer, loader):\n    for batch in loader:\n        loss = model(batch).loss\n        fabric.backward(loss)\n        optimizer.step()\n        optimizer.zero_grad()\n\ntokenizer = AutoTokenizer.from_pretrained(NAME)\nmodel = OrbitForCausalLM(config=AutoConfig.from_pretrained(NAME))\noptimizer = torch.optim.AdamW(model.parameters())\n",
        ),
    ]);
    assert_eq!(ev.status(Component::TrainingCode), Status::Present);
    let present = rules(&ev, Component::TrainingCode, Status::Present);
    assert!(
        present.contains(&"code.training-loop".to_string()),
        "{present:?}"
    );
}
