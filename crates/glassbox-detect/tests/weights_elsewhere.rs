//! Weights published elsewhere, and releases with no weights of their own (issue #12), on
//! small releases written by the tests. Every fixture is our own text reproducing a pattern
//! seen in public model repositories (a URL table in the package, a download script, a magnet
//! link, a request form, a training library that loads another model, a paper-only release).

mod common;

use common::{audit, category, final_rules, reason, APACHE_NOTICE};
use glassbox_core::{Component, SeedCategory, Status};

#[test]
fn a_table_of_checkpoint_urls_in_the_package_is_the_release_s_weights() {
    let (_d, ev) = audit(&[
        ("README.md", b"# Orbit\n\nA vision model. `orbit.load(name)` downloads it.\n"),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
        (
            "orbit/__init__.py",
            b"import urllib.request\n\n_MODELS = {\n    \"RN50\": \"https://cdn.example.net/orbit/models/abc/RN50.pt\",\n    \"ViT-B/32\": \"https://cdn.example.net/orbit/models/def/ViT-B-32.pt\",\n}\n\ndef load(name):\n    return urllib.request.urlopen(_MODELS[name])\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        rules.contains(&"weights.url-table".to_string()),
        "{rules:?}"
    );
    let e = ev
        .component(Component::ModelParametersFinal)
        .unwrap()
        .evidence
        .iter()
        .find(|e| e.rule == "weights.url-table")
        .unwrap();
    assert_eq!(e.location.path.as_deref(), Some("orbit/__init__.py"));
    assert_eq!(e.location.line, Some(4));
    assert_ne!(category(&ev), SeedCategory::Closed);
}

#[test]
fn a_request_form_and_a_presigned_download_script_are_gated_weights() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Orbit 2\n\n## Download\n\nTo download the model weights, visit our website and accept our License.\nOnce your request is approved, you will receive a signed URL by email. Then run download.sh.\n",
        ),
        (
            "download.sh",
            b"#!/bin/bash\nread -p \"Enter the URL from email: \" PRESIGNED_URL\nfor s in 00 01; do\n  wget ${PRESIGNED_URL/'*'/\"orbit-2-7b/consolidated.${s}.pth\"} -O consolidated.${s}.pth\ndone\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        rules.contains(&"weights.on-request".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"weights.download-script".to_string()),
        "{rules:?}"
    );
    assert!(ev.findings.iter().any(|f| f.kind == "gated"));
    let on_request = ev
        .component(Component::ModelParametersFinal)
        .unwrap()
        .evidence
        .iter()
        .find(|e| e.rule == "weights.on-request")
        .unwrap();
    assert!(on_request.detail.contains("on request"));
    // No license for the weights: obtainable but not open.
    assert_eq!(category(&ev), SeedCategory::RestrictedWeights);
}

#[test]
fn a_magnet_link_and_a_hub_download_command_are_links_to_the_weights() {
    let (_d, ev) = audit(&[(
        "README.md",
        b"# Comet-1\n\n# Downloading the weights\n\n```\nmagnet:?xt=urn:btih:0123456789abcdef&tr=udp%3A%2F%2Ftracker.example.org\n```\n\nor `huggingface-cli download acme/comet-1 --include ckpt/*`\n",
    )]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        rules.contains(&"weights.magnet-link".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"weights.hub-download".to_string()),
        "{rules:?}"
    );
}

#[test]
fn checkpoint_links_in_a_readme_table_archives_buckets_and_model_hosts() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Segmenter\n\n## Model Checkpoints\n\n| Model | Download |\n|---|---|\n| ViT-H | [ckpt](https://dl.example.com/segmenter/seg_vit_h.pth) |\n\n[base]: https://storage.example.com/models/2020/uncased_L-12_H-768.zip\n",
        ),
        (
            "docs/checkpoints.md",
            b"# Checkpoints\n\n* [Kaggle](https://www.kaggle.com/models/acme/segmenter-2/)\n* gs://segmenter-data/checkpoints/large\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    for r in [
        "weights.checkpoint-link",
        "weights.model-host-link",
        "weights.bucket-link",
    ] {
        assert!(rules.contains(&r.to_string()), "{r}: {rules:?}");
    }
}

#[test]
fn a_download_script_that_builds_urls_from_a_base_and_file_names() {
    let (_d, ev) = audit(&[
        ("README.md", b"# GPT-9\n\nSee DEVELOPERS.md.\n"),
        ("DEVELOPERS.md", b"Run `python3 download_model.py 124M`.\n"),
        (
            "download_model.py",
            b"import requests\nfor filename in ['checkpoint', 'hparams.json', 'model.ckpt.index', 'model.ckpt.meta']:\n    r = requests.get(\"https://blob.example.net/gpt-9/\" + filename, stream=True)\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        rules.contains(&"weights.download-script".to_string()),
        "{rules:?}"
    );
}

#[test]
fn a_training_library_that_loads_another_model_from_the_hub_is_closed_and_says_why() {
    let (_d, ev) = audit(&[
        ("README.md", b"# tinygpt\n\nTrain small GPTs, or finetune GPT-2.\n"),
        (
            "train.py",
            b"import torch\nfrom model import GPT\nmodel = GPT.from_pretrained(\"gpt2\") if init == 'gpt2' else GPT(cfg)  # or from scratch\nfor b in data:\n    loss = model(b)\n    loss.backward()\n    optimizer.step()\n",
        ),
        (
            "dev/download_starter_pack.sh",
            b"BASE=\"https://huggingface.co/datasets/someone/starter/resolve/main/\"\nfor f in gpt2_124M.bin tiny_train.bin; do curl -L $BASE$f -o $f; done\n",
        ),
    ]);
    assert_eq!(category(&ev), SeedCategory::Closed);
    assert_eq!(
        ev.status(Component::ModelParametersFinal),
        Status::Partial,
        "{:?}",
        final_rules(&ev, Status::Partial)
    );
    let why = reason(&ev);
    assert!(why.starts_with("no weights of this release"), "{why}");
    assert!(why.contains("gpt2"), "{why}");
}

#[test]
fn a_paper_companion_and_an_api_client_are_closed_with_their_reason() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Big LM: a paper\n\n[arXiv](https://arxiv.org/abs/2005.00001)\n",
        ),
        (
            "samples.jsonl",
            b"{\"text\": \"a sample output of the model, long enough to count\"}\n"
                .repeat(30)
                .as_slice(),
        ),
        (
            "model-card.md",
            b"# Model card\n\nThe weights are not released.\n",
        ),
    ]);
    assert_eq!(category(&ev), SeedCategory::Closed);
    assert!(reason(&ev).contains("a paper"), "{}", reason(&ev));

    let (_d, ev) = audit(&[
        ("README.md", b"# acme-python\n\nThe Acme API client.\n"),
        (
            "src/acme/client.py",
            b"class Client:\n    def __init__(self, api_key, base_url='https://api.example.com'):\n        self.api_key = api_key\n    def create(self, **kw):\n        return self.chat.completions.create(**kw)\n",
        ),
        (".inline-snapshot/external/0f3a.bin", b"data: {\"id\": \"chatcmpl-1\"}\n"),
    ]);
    assert_eq!(category(&ev), SeedCategory::Closed);
    assert!(reason(&ev).contains("API client"), "{}", reason(&ev));
}

#[test]
fn files_with_weight_extensions_that_are_not_weights() {
    let (_d, ev) = audit(&[
        ("README.md", b"# Speech kit\n"),
        ("speech/assets/mel_filters.npz", &[7u8; 4000]),
        ("tests/data/fixture_document.bin", &[1u8; 2000]),
        ("data/corpus_text_document.bin", &[1u8; 2000]),
        ("data/corpus_text_document.idx", &[1u8; 100]),
    ]);
    assert_eq!(ev.status(Component::ModelParametersFinal), Status::Absent);
    let not: Vec<_> = ev
        .component(Component::ModelParametersFinal)
        .unwrap()
        .evidence
        .iter()
        .filter(|e| e.rule == "weights.not-weights")
        .collect();
    assert_eq!(not.len(), 3);
    assert_eq!(category(&ev), SeedCategory::Closed);
}

#[test]
fn other_organisations_models_in_a_readme_are_not_the_release_s_weights() {
    let (_d, ev) = audit(&[(
        "README.md",
        b"# tune-kit\n\n## Models\n\n| **Base Model** | [bigco/Base-8B](https://huggingface.co/bigco/Base-8B) |\n\n## Built with tune-kit\n\n- [other/cool-model](https://huggingface.co/other/cool-model)\n",
    )]);
    assert_eq!(category(&ev), SeedCategory::Closed);
}

#[test]
fn hub_ids_of_the_release_s_own_organisation_in_code() {
    let (_d, ev) = audit(&[
        ("README.md", b"# bark-like\n\n[![ci](https://github.com/acme/barklike/actions/x.svg)](https://github.com/acme/barklike/actions)\n"),
        (
            "barklike/generation.py",
            b"from huggingface_hub import hf_hub_download\nREMOTE = {\n    \"text\": {\"repo_id\": \"acme/barklike\", \"file_name\": \"text.pt\"},\n}\ndef load(k):\n    return hf_hub_download(repo_id=REMOTE[k][\"repo_id\"], filename=REMOTE[k][\"file_name\"])\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        rules.contains(&"weights.hub-download".to_string()),
        "{rules:?}"
    );
}

/// litgpt's pattern: a download script for any model, the repository id taken from its
/// arguments, is a tool for other people's weights, not this release's.
#[test]
fn a_downloader_for_any_model_is_not_the_release_s_weights() {
    let (_d, ev) = audit(&[
        ("README.md", b"# orbit-tools\n\nDownload a model with `python scripts/download.py --repo_id org/name`.\n"),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
        (
            "orbit_tools/scripts/download.py",
            b"from huggingface_hub import snapshot_download\nimport requests\n\ndef download(repo_id: str, checkpoint_dir):\n    info = requests.get(f\"https://huggingface.co/api/models/{repo_id}\").json()\n    files = []\n    files.append(\"*.safetensors*\")\n    snapshot_download(repo_id, allow_patterns=files, local_dir=checkpoint_dir)\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(category(&ev), SeedCategory::Closed);
}

/// RedPajama's pattern: a data pipeline links the fastText quality classifier it filters with;
/// that is a tool of the pipeline, not a model the release publishes.
#[test]
fn a_data_pipeline_s_classifier_is_not_the_release_s_weights() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Orbit-Data\n\nAs a first step, download the reference classifier\nfrom [here](https://data.example.org/orbit-data/v1/artifacts/wikiref.model.bin) and place it in `models/`.\n",
        ),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(category(&ev), SeedCategory::Closed);
}

/// snowflake-arctic's pattern: "ungated" weights are not gated ones.
#[test]
fn ungated_is_not_gated() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Orbit\n\nThe model checkpoints are ungated and available on [the Hub](https://huggingface.co/acme/orbit-base).\n",
        ),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        !rules.contains(&"weights.on-request".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"weights.model-host-link".to_string()),
        "{rules:?}"
    );
}

/// mamba's pattern: "## Pretrained Models / Pretrained models are uploaded to / [Hugging
/// Face](https://huggingface.co/org): `orbit-130m`, …": the organisation link's line names no
/// model, the sentence and the heading around it do.
#[test]
fn an_organisation_link_under_a_pretrained_models_heading_is_the_release_s_weights() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# Orbit\n\n## Pretrained Models\n\nPretrained checkpoints are uploaded to\n[Hugging Face](https://huggingface.co/orbit-labs): `orbit-130m`, `orbit-370m`.\n",
        ),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(
        rules.contains(&"weights.model-host-link".to_string()),
        "{rules:?}"
    );
    assert_ne!(category(&ev), SeedCategory::Closed);
}

/// litgpt's tutorial: under "Download model weights", another organisation's Hub page lists
/// that organisation's models, not this release's.
#[test]
fn another_organisation_s_page_under_a_download_heading_is_not_the_release_s_weights() {
    let (_d, ev) = audit(&[
        (
            "tutorials/download_model_weights.md",
            b"# Download model weights with orbit-tools\n\nMany models are available, for example from [Nous Research](https://huggingface.co/NousResearch).\n",
        ),
        ("README.md", b"# orbit-tools\n"),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(category(&ev), SeedCategory::Closed);
}

/// jukebox's pattern: checkpoint URLs built from a prefix constant
/// (`REMOTE_PREFIX + 'orbit/models/5b/prior.pth.tar'`, or an f-string).
#[test]
fn checkpoint_urls_joined_from_a_prefix_constant_are_the_release_s_weights() {
    let (_d, ev) = audit(&[
        ("README.md", b"# Orbit\n"),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
        (
            "orbit/hparams.py",
            b"REMOTE_PREFIX = 'https://cdn.example.net/'\n\nsmall = dict(\n    restore_prior=REMOTE_PREFIX + 'orbit/models/5b/prior_level_0.pth.tar',\n)\nbig = f\"{REMOTE_PREFIX}orbit/models/5b/vqvae.pth.tar\"\n",
        ),
    ]);
    let e: Vec<_> = ev
        .component(Component::ModelParametersFinal)
        .unwrap()
        .evidence
        .iter()
        .filter(|e| e.status == Status::Present)
        .map(|e| (e.location.line, e.location.url.clone().unwrap_or_default()))
        .collect();
    assert!(
        e.contains(&(
            Some(4),
            "https://cdn.example.net/orbit/models/5b/prior_level_0.pth.tar".into()
        )),
        "{e:?}"
    );
    assert_ne!(category(&ev), SeedCategory::Closed);
}

/// Qwen's README: its first `# ` line is a comment in a shell block ("# Below are optional"),
/// and another project's repository is linked more often than Qwen's own. Neither names the
/// release, whose folder (`org+name`) already does: a model called "below-…" is not its own.
#[test]
fn a_code_comment_and_another_project_s_links_do_not_name_the_release() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("acme+orbit");
    std::fs::create_dir_all(&root).unwrap();
    let readme = "<p>Orbit</p>\n\n```bash\n# Below are optional.\npip install extras\n```\n\nSee [the notebook](https://github.com/vino/vino_notebooks/tree/main/x) and [issues](https://github.com/vino/vino_notebooks/issues).\n\nTry [Below-Model-7B](https://huggingface.co/someone/Below-Model-7B) with our code.\n";
    std::fs::write(root.join("README.md"), readme).unwrap();
    let release = glassbox_sources::resolve(root.to_str().unwrap(), &Default::default()).unwrap();
    let ev = glassbox_detect::inspect(&release, &[]);
    let rules = final_rules(&ev, Status::Present);
    assert!(rules.is_empty(), "{rules:?}");
}

/// alpaca_eval's pattern: `hf_hub_download(` over several lines, `repo_type="dataset"` and a
/// `.csv` file name below the `repo_id=` line: a data download, not weights.
#[test]
fn a_hub_download_of_a_data_file_over_several_lines_is_not_weights() {
    let (_d, ev) = audit(&[
        ("README.md", b"# orbit-eval\n"),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
        (
            "src/orbit_eval/constants.py",
            b"from huggingface_hub import hf_hub_download\n\ndef params():\n    out = hf_hub_download(\n        repo_id=\"acme/orbit-eval\",\n        filename=\"instruction_difficulty.csv\",\n        repo_type=\"dataset\",\n    )\n    return out\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(category(&ev), SeedCategory::Closed);
}

/// dolma's pattern: a data toolkit downloads its fastText taggers in code, links its tokenizer
/// on the Hub and loads it with `AutoTokenizer.from_pretrained`: none of that is a model.
#[test]
fn a_toolkit_s_taggers_and_tokenizer_are_not_weights() {
    let (_d, ev) = audit(&[
        (
            "README.md",
            b"# orbit-data\n\nThe tokenizer is [on the Hub](https://huggingface.co/acme/orbit-data-tokenizer).\n",
        ),
        ("LICENSE", APACHE_NOTICE.as_bytes()),
        (
            "python/orbit_data/taggers/quality.py",
            b"MODEL_URL = \"https://orbit-data-artifacts.org/fasttext_models/orbit-data-1/quality.bin\"\n",
        ),
        (
            "scripts/stats.py",
            b"from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained(\"acme/orbit-data-neox\")\n",
        ),
    ]);
    let rules = final_rules(&ev, Status::Present);
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(category(&ev), SeedCategory::Closed);
}
