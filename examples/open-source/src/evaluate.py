"""Perplexity on the held-out sentences."""
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
