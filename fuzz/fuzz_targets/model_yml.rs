//! MOF `model.yml` claims records: YAML, then the record validator.
#![no_main]
use glassbox_sources::claims;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = claims::looks_like_record(&text);
    match claims::parse(&text, "model.yml") {
        Ok(r) => {
            let _ = r.target("model.yml");
            let _ = r.to_evidence("model.yml");
        }
        Err(e) => {
            let _ = e.detail();
        }
    }
});
