//! ONNX protobuf: graph walk, external data references, path escapes.
#![no_main]
use glassbox_formats::onnx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = onnx::parse(data, data.len() as u64) {
        for r in &info.external {
            let _ = onnx::path_escapes(&r.location);
        }
    }
    let _ = onnx::parse(data, data.len() as u64 + 1000);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = onnx::path_escapes(s);
    }
});
