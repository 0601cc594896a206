"""Trains TinyLM from the preprocessed corpus."""
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
