//! GGUF header, metadata, tensor infos and chat-template inspection.
#![no_main]
use glassbox_formats::gguf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(g) = gguf::parse(data, data.len() as u64) {
        for (_, t) in g.general().chat_templates {
            let _ = gguf::template::inspect(&t);
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = gguf::template::inspect(s);
    }
});
