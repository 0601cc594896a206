//! Keras `config.json` (Lambda layers, custom objects) and TensorFlow SavedModel op lists.
#![no_main]
use glassbox_formats::keras;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = keras::inspect_config(data);
    let _ = keras::saved_model_ops(data, data.len() as u64);
    // A reader that claims more bytes than it has: the parser must see the short read.
    let _ = keras::saved_model_ops(data, data.len() as u64 * 2 + 1);
});
