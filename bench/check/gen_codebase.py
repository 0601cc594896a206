#!/usr/bin/env python3
"""Generates a codebase of N files for the `glassbox check` discovery benchmark.

Mix (by file count): 40% Python, 10% JavaScript, 10% TypeScript, 8% YAML, 7% JSON, 25% other
(Markdown, text, CSS, data). About 1 in 20 source files loads a model (literal ids, revision
pins, f-strings); the others are ordinary code of 1-6 KB that mentions no loader. A few
minified bundles, binary files and an oversized file exercise the skip paths; a `.gitignore`d
`build/` folder and a `node_modules/` folder hold files that must not be read.

usage: gen_codebase.py DIR N [SEED]
"""
import os
import random
import sys

root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 14)

PY_BODY = '''def handler_{i}(request, limit={i}):
    """Handles request {i}."""
    items = [x * {i} for x in range(limit) if x % 3]
    total = sum(items)
    if total > {i}:
        return {{"ok": True, "total": total, "name": "item-{i}"}}
    return {{"ok": False}}

class Service{i}:
    def __init__(self, client):
        self.client = client

    def fetch(self, key):
        return self.client.get(f"/api/{{key}}/{i}")
'''
PY_LOAD = [
    'model = AutoModelForCausalLM.from_pretrained("org{m}/model-{m}")\n',
    'tok = AutoTokenizer.from_pretrained("org{m}/model-{m}", revision="v1.{m}")\n',
    'clf = pipeline("text-classification", model="org{m}/classifier-{m}")\n',
    'path = hf_hub_download(repo_id="org{m}/weights-{m}", filename="model.safetensors")\n',
    'emb = SentenceTransformer("sentence-transformers/all-MiniLM-L{m}-v2")\n',
    'dyn = AutoModel.from_pretrained(f"org{m}/model-{{size}}")\n',
]
JS_BODY = '''export function render{i}(props) {{
  const items = props.items.filter((x) => x.id % {i} !== 0);
  return items.map((x) => ({{ key: `k-${{x.id}}`, label: x.name + " {i}" }}));
}}
'''
JS_LOAD = "const p{m} = await pipeline('feature-extraction', 'Xenova/model-{m}');\n"
TS_BODY = '''export interface Row{i} {{ id: number; name: string; tags: string[] }}
export async function load{i}(url: string): Promise<Row{i}[]> {{
  const res = await fetch(url + "/{i}");
  return (await res.json()) as Row{i}[];
}}
'''
TS_LOAD = "const m{m}: PreTrainedModel = await AutoModel.from_pretrained('onnx-community/model-{m}');\n"
YAML_BODY = "service:\n  name: svc-{i}\n  replicas: {r}\n  env:\n    - LOG_LEVEL=info\n"
YAML_LOAD = "training:\n  model_name_or_path: org{m}/base-{m}\n  epochs: 3\n"
JSON_BODY = '{{"name": "pkg-{i}", "version": "1.0.{i}", "scripts": {{"test": "run {i}"}}}}\n'
JSON_LOAD = '{{"base_model": "org{m}/base-{m}", "lora_r": 8}}\n'


def write(rel, data):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


os.makedirs(root, exist_ok=True)
write(".gitignore", "build/\n")
kinds = ["py"] * 40 + ["js"] * 10 + ["ts"] * 10 + ["yaml"] * 8 + ["json"] * 7 + ["other"] * 25
written = 1
i = 0
while written < n:
    i += 1
    d = f"pkg{i % 250}/mod{i % 17}"
    k = rng.choice(kinds)
    m = rng.randrange(200)
    load = rng.random() < 0.05
    if k == "py":
        body = "".join(PY_BODY.format(i=i * 10 + j) for j in range(rng.randrange(1, 6)))
        if load:
            body = "from transformers import AutoModel, pipeline\n" + rng.choice(PY_LOAD).format(m=m) + body
        write(f"{d}/f{i}.py", body)
    elif k == "js":
        body = "".join(JS_BODY.format(i=i * 10 + j) for j in range(rng.randrange(1, 8)))
        write(f"{d}/f{i}.js", (JS_LOAD.format(m=m) if load else "") + body)
    elif k == "ts":
        body = "".join(TS_BODY.format(i=i * 10 + j) for j in range(rng.randrange(1, 8)))
        write(f"{d}/f{i}.ts", (TS_LOAD.format(m=m) if load else "") + body)
    elif k == "yaml":
        write(f"{d}/c{i}.yaml", YAML_LOAD.format(m=m) if load else YAML_BODY.format(i=i, r=i % 5))
    elif k == "json":
        write(f"{d}/c{i}.json", JSON_LOAD.format(m=m) if load else JSON_BODY.format(i=i))
    else:
        ext = rng.choice(["md", "txt", "css", "csv", "html"])
        write(f"{d}/doc{i}.{ext}", ("line of text %d\n" % i) * rng.randrange(5, 200))
    written += 1
# Skip paths: minified bundles, binary and non-UTF-8 sources, one oversized file; ignored folders.
for j in range(20):
    write(f"dist/bundle{j}.min.js", "var a=pipeline('x','org/min');" * 2000 + "\n")
    write(f"data/blob{j}.py", bytes(rng.randrange(256) for _ in range(4096)))
write("big/huge.py", "x = 1\n" * 400_000)
for j in range(200):
    write(f"build/gen{j}.py", 'AutoModel.from_pretrained("org/ignored")\n')
    write(f"node_modules/dep/f{j}.js", "pipeline('x', 'org/vendored');\n")
print(f"{written} generated files in {root}")
