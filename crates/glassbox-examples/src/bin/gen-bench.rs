//! `gen-bench DIR` writes the spine benchmark's releases:
//! - `DIR/many-files`: 10,000 files (code, configs, data, docs) in nested folders;
//! - `DIR/big-weights`: a 4-shard safetensors release totalling 8 GiB, written as sparse files
//!   (the headers are real; the tensor data is holes), to show that an audit reads headers only.

use std::fs;
use std::io::Write;
use std::path::Path;

fn many_files(root: &Path) -> std::io::Result<()> {
    fs::create_dir_all(root)?;
    fs::write(root.join("README.md"), "---\nlicense: apache-2.0\ndatasets:\n- org/data\n---\n# Many files\n\n## Training data\n\nSee data/.\n")?;
    fs::write(
        root.join("LICENSE"),
        "MIT License\n\nCopyright (c) 2026 bench\n",
    )?;
    for i in 0..9_998u32 {
        let dir = root.join(format!("pkg{:02}/mod{:02}", i % 50, (i / 50) % 20));
        fs::create_dir_all(&dir)?;
        let (name, body) = match i % 5 {
            0 => (format!("train_{i}.py"), format!("def step_{i}(model, batch, optimizer):\n    loss = model(batch)\n    loss.backward()\n    optimizer.step()\n")),
            1 => (format!("infer_{i}.py"), format!("def run_{i}(model, ids):\n    return model.generate(ids)\n")),
            2 => (format!("conf_{i}.yaml"), format!("learning_rate: 0.001\nbatch_size: {i}\n")),
            3 => (format!("part_{i}.jsonl"), "{\"text\": \"hello\"}\n".repeat(8)),
            _ => (format!("notes_{i}.md"), format!("# Notes {i}\n\nSome words about part {i}.\n")),
        };
        fs::write(dir.join(name), body)?;
    }
    Ok(())
}

fn big_weights(root: &Path) -> std::io::Result<()> {
    fs::create_dir_all(root)?;
    let shards = 4u64;
    let per_shard: u64 = 2 << 30;
    let mut map = Entries(Vec::new());
    for s in 1..=shards {
        let name = format!("model-{s:05}-of-{shards:05}.safetensors");
        let numel = per_shard / 4;
        let header = format!("{{\"t{s}\":{{\"dtype\":\"F32\",\"shape\":[{numel}],\"data_offsets\":[0,{per_shard}]}}}}");
        let mut h = header.into_bytes();
        while !h.len().is_multiple_of(8) {
            h.push(b' ');
        }
        let mut f = fs::File::create(root.join(&name))?;
        f.write_all(&(h.len() as u64).to_le_bytes())?;
        f.write_all(&h)?;
        f.set_len(8 + h.len() as u64 + per_shard)?;
        map.0.push(format!("\"t{s}\":\"{name}\""));
    }
    fs::write(
        root.join("model.safetensors.index.json"),
        format!(
            "{{\"metadata\":{{\"total_size\":{}}},\"weight_map\":{{{}}}}}",
            shards * per_shard,
            map.0.join(",")
        ),
    )?;
    fs::write(
        root.join("config.json"),
        "{\"architectures\":[\"BenchForCausalLM\"],\"model_type\":\"bench\"}\n",
    )?;
    fs::write(
        root.join("README.md"),
        "---\nlicense: apache-2.0\n---\n# Big weights\n",
    )?;
    Ok(())
}

struct Entries(Vec<String>);

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: gen-bench DIR");
    let dir = Path::new(&dir);
    many_files(&dir.join("many-files"))?;
    big_weights(&dir.join("big-weights"))?;
    println!(
        "wrote {}/many-files and {}/big-weights",
        dir.display(),
        dir.display()
    );
    Ok(())
}
