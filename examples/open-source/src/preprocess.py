"""Builds the training corpus: normalise, deduplicate, filter, tokenise."""
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
