//! The whole-file safety scan by content: zip (torch, npz, keras), tar, gzip/bzip2/xz/zlib,
//! nested containers, legacy torch, pickle, NumPy, GGUF, HDF5, safetensors, ONNX, SavedModel,
//! tokenizer configs and Jinja templates. The first byte picks the name the file is given
//! (names only break ties between formats without magic).
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "model.bin",
    "model.pt",
    "model.npy",
    "model.onnx",
    "saved_model.pb",
    "tokenizer_config.json",
    "template.jinja",
    "model.keras",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let s = glassbox_scan::scan_bytes(rest, name);
    assert_eq!(s.path, name);
    let _ = glassbox_scan::to_findings(&s);
});
