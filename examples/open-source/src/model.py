"""TinyLM: an embedding, one hidden layer and an output head."""
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
