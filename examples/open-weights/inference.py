"""Generates text with TinyLM weights."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained(".")
model = AutoModelForCausalLM.from_pretrained(".", trust_remote_code=True)
model.eval()
with torch.no_grad():
    out = model.generate(**tokenizer("Hello", return_tensors="pt"), max_new_tokens=20)
print(tokenizer.decode(out[0]))
