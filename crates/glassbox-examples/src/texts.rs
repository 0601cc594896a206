//! The texts of the bundled examples: cards, code and a custom license, written for glassbox.

pub const OPEN_SOURCE_CARD: &str = r#"---
license: apache-2.0
library_name: transformers
pipeline_tag: text-generation
model_name: tinylm-open
tags:
- tiny
- example
datasets:
- glassbox-examples/tiny-corpus
- glassbox-examples/tiny-dialogues
model-index:
- name: tinylm-open
  results:
  - task:
      type: text-generation
    dataset:
      type: glassbox-examples/heldout
      name: Held-out sentences
    metrics:
    - type: perplexity
      value: 41.7
---

# TinyLM Open

TinyLM Open is a 1.3 thousand parameter language model released as a worked example of a fully
open release: weights, the complete training and data-processing code, and the training data.

## Model Details

- Architecture: a single-layer transformer-free MLP language model (`src/model.py`).
- Parameters: 328, float32, in `model.safetensors`.
- License: Apache-2.0 for weights and code.

## Uses

Teaching and testing openness audits. Not for production use.

## Training Data

TinyLM Open was trained on two datasets, both published on the Hub under open licenses:

| dataset | license | what it holds |
|---|---|---|
| glassbox-examples/tiny-corpus | CC-BY-4.0 | 10,000 short English sentences written for this example |
| glassbox-examples/tiny-dialogues | ODC-By-1.0 | 2,000 two-turn dialogues written for this example |

Provenance: every sentence was written by the authors for this release; no web crawl was used.
Selection and filtering: `src/preprocess.py` lower-cases the text, removes exact duplicates with a
MinHash pass, drops sentences shorter than three words, and tokenises with a byte-level tokenizer.
The full datasheet is in `DATA_CARD.md`.

## Training Procedure

Training runs `src/train.py` with `configs/train.yaml` (AdamW, learning rate 3e-4, batch size 32,
200 steps) on one CPU.

## Evaluation

| benchmark | metric | value |
|---|---|---|
| held-out sentences (`eval/heldout.jsonl`) | perplexity | 41.7 |

Evaluation code: `src/evaluate.py`.

## Bias, Risks, and Limitations

The model is far too small to be useful and reproduces the style of its tiny corpus.

## Citation

The method is described in [TinyLM: openness by example](https://arxiv.org/abs/2601.00001).

```bibtex
@article{tinylm2026,
  title={TinyLM: openness by example},
  year={2026}
}
```
"#;

pub const OPEN_WEIGHTS_CARD: &str = r#"---
license: apache-2.0
library_name: transformers
pipeline_tag: text-generation
model_name: tinylm-weights
---

# TinyLM Weights

The weights of TinyLM, released under Apache-2.0. Training code and training data are not
published.

## Uses

Load the weights and generate text with `inference.py`.

## Training Data

Trained on a proprietary mix of web text.

## Limitations

Small and unreliable.
"#;

pub const RESTRICTED_CARD: &str = r#"---
license: other
license_name: acme-responsible-model-license
license_link: LICENSE
library_name: transformers
pipeline_tag: text-generation
model_name: tinylm-restricted
extra_gated_prompt: You agree to the Acme Responsible Model License and its use restrictions.
extra_gated_fields:
  Company: text
  Country: country
---

# TinyLM Restricted

TinyLM weights under the Acme Responsible Model License, which forbids a list of uses and
requires a separate license above 1 million monthly active users.

## Uses

Research and commercial use below the user threshold, subject to the use restrictions in
`LICENSE`.

## Training Procedure

`src/train.py` trains the model.

## Limitations

Small and unreliable.
"#;

pub const CLOSED_CARD: &str = r#"# Acme Chat API client

Acme Chat is available only as a hosted service. This repository holds a small client for its
HTTP API. The model weights are not distributed.

## Usage

```
export ACME_API_KEY=...
python client.py "Hello"
```

## License

The client code is MIT licensed. Use of the service is governed by the Acme Terms of Service.
"#;

pub const CUSTOM_LICENSE: &str = r#"Acme Responsible Model License, version 1.0

Copyright 2026 Acme Example Labs.

1. Grant. Subject to the terms of this License, Acme grants you a non-exclusive, worldwide,
non-transferable, royalty-free, revocable license to use, reproduce, modify and distribute the
Model and Derivatives of the Model.

2. Use restrictions. You agree not to use the Model or Derivatives of the Model:
(a) for any military purpose;
(b) to provide medical advice or interpret medical results;
(c) to generate or disseminate information for the purpose of harming others;
(d) to train, improve or evaluate any other large language model.

3. Flow-down. You must include the use restrictions of section 2 as an enforceable provision in
any agreement under which you distribute the Model or Derivatives of the Model, and you must
give every recipient a copy of this License.

4. Threshold. If the products or services you make available with the Model had more than
1 million monthly active users in the preceding calendar month, you must request a separate
license from Acme, which Acme may grant in its sole discretion.

5. Updates. Acme may update this License and the use restrictions from time to time; you must
use the latest version.

6. No warranty. THE MODEL IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
"#;

pub const MODEL_PY: &str = r#""""TinyLM: an embedding, one hidden layer and an output head."""
import torch
from torch import nn


class TinyLM(nn.Module):
    def __init__(self, vocab_size: int = 16, hidden: int = 8):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden)
        self.layer = nn.ModuleList([nn.Linear(hidden, hidden)])
        self.head = nn.Linear(hidden, vocab_size, bias=False)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.embed(ids)
        x = torch.relu(self.layer[0](x))
        return self.head(x)
"#;

pub const TRAIN_PY: &str = r#""""Trains TinyLM from the preprocessed corpus."""
import yaml
import torch
from safetensors.torch import save_file

from model import TinyLM
from preprocess import load_tokenized


def main(config_path: str = "configs/train.yaml") -> None:
    cfg = yaml.safe_load(open(config_path))
    model = TinyLM()
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["learning_rate"])
    batches = load_tokenized(cfg["data"], batch_size=cfg["batch_size"])
    model.train()
    for step, (ids, targets) in enumerate(batches):
        logits = model(ids)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step >= cfg["steps"]:
            break
    save_file(model.state_dict(), "model.safetensors")


if __name__ == "__main__":
    main()
"#;

pub const PREPROCESS_PY: &str = r#""""Builds the training corpus: normalise, deduplicate, filter, tokenise."""
from datasets import load_dataset
from datasketch import MinHash, MinHashLSH


def normalize_text(s: str) -> str:
    return " ".join(s.lower().split())


def dedup(texts):
    lsh = MinHashLSH(threshold=0.9, num_perm=64)
    kept = []
    for i, t in enumerate(texts):
        m = MinHash(num_perm=64)
        for w in t.split():
            m.update(w.encode())
        if not lsh.query(m):
            lsh.insert(str(i), m)
            kept.append(t)
    return kept


def tokenize_function(text: str):
    return list(text.encode("utf-8"))


def load_tokenized(name: str, batch_size: int):
    ds = load_dataset(name, split="train")
    texts = dedup([normalize_text(r["text"]) for r in ds])
    texts = [t for t in texts if len(t.split()) >= 3]
    ids = [tokenize_function(t) for t in texts]
    for i in range(0, len(ids), batch_size):
        yield ids[i : i + batch_size]


if __name__ == "__main__":
    for name in ["glassbox-examples/tiny-corpus", "glassbox-examples/tiny-dialogues"]:
        load_dataset(name).map(lambda r: {"ids": tokenize_function(normalize_text(r["text"]))}).save_to_disk(f"data/{name}")
"#;

pub const EVALUATE_PY: &str = r#""""Perplexity on the held-out sentences."""
import json
import math
import torch
from safetensors.torch import load_file

from model import TinyLM


def evaluate(path: str = "eval/heldout.jsonl") -> float:
    model = TinyLM()
    model.load_state_dict(load_file("model.safetensors"))
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for line in open(path):
            ids = torch.tensor(list(json.loads(line)["text"].encode("utf-8")))[None, :] % 16
            logits = model(ids[:, :-1])
            total += torch.nn.functional.cross_entropy(logits[0], ids[0, 1:], reduction="sum").item()
            count += ids.size(1) - 1
    return math.exp(total / count)  # perplexity


if __name__ == "__main__":
    print(evaluate())
"#;

pub const TRAIN_YAML: &str = "data: glassbox-examples/tiny-corpus\nlearning_rate: 3.0e-4\nbatch_size: 32\nsteps: 200\noptimizer: adamw\nlr_scheduler: constant\n";

pub const HELDOUT_JSONL: &str = "{\"text\": \"the cat sat on the mat\"}\n{\"text\": \"open models publish their data\"}\n{\"text\": \"weights alone are not source\"}\n";

pub const DATA_CARD: &str = r#"# Datasheet: TinyLM training data

## Motivation

The data was created to train TinyLM Open, an example of a fully open model release.

## Composition

| dataset | license | instances | where to obtain it |
|---|---|---|---|
| glassbox-examples/tiny-corpus | CC-BY-4.0 | 10,000 sentences | https://huggingface.co/datasets/glassbox-examples/tiny-corpus |
| glassbox-examples/tiny-dialogues | ODC-By-1.0 | 2,000 dialogues | https://huggingface.co/datasets/glassbox-examples/tiny-dialogues |

## Collection process

All text was written by the authors for this release. No personal data is included.

## Preprocessing

Lower-casing, MinHash near-duplicate removal (threshold 0.9), removal of sentences under three
words, byte-level tokenisation: see `src/preprocess.py`.
"#;

pub const INFERENCE_PY: &str = r#""""Generates text with TinyLM weights."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained(".")
model = AutoModelForCausalLM.from_pretrained(".", trust_remote_code=True)
model.eval()
with torch.no_grad():
    out = model.generate(**tokenizer("Hello", return_tensors="pt"), max_new_tokens=20)
print(tokenizer.decode(out[0]))
"#;

pub const CLIENT_PY: &str = r#""""A client for the hosted Acme Chat API. The model itself is not distributed."""
import os
import sys

import requests

API = "https://api.acme.example/v1/chat"


def chat(prompt: str) -> str:
    r = requests.post(API, headers={"Authorization": f"Bearer {os.environ['ACME_API_KEY']}"}, json={"prompt": prompt}, timeout=30)
    r.raise_for_status()
    return r.json()["text"]


if __name__ == "__main__":
    print(chat(sys.argv[1]))
"#;
