//! safetensors header length and header JSON against the declared file length.
#![no_main]
use glassbox_formats::safetensors::{header_len, parse_header, parse_index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let len = data.len() as u64;
    if let Ok(n) = header_len(data, len) {
        if let Some(json) = data.get(8..8 + n as usize) {
            let _ = parse_header(json, len);
        }
    }
    let _ = parse_index(data);
});
