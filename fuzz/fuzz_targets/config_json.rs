//! `config.json` and the other JSON configs a release carries (shard index, Keras config).
#![no_main]
use glassbox_formats::{config, keras, safetensors};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = config::parse(data);
    let _ = keras::inspect_config(data);
    if let Ok(idx) = safetensors::parse_index(data) {
        let _ = idx.shards();
    }
});
