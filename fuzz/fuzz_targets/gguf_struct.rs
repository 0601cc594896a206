//! Structure-aware GGUF: a well-formed file built from arbitrary metadata and tensor infos, then
//! one field overwritten with an arbitrary value. Random bytes rarely get past the magic and the
//! counts; this reaches the metadata walk, the tensor table and the template inspection.
#![no_main]
use arbitrary::Arbitrary;
use glassbox_formats::gguf::{self, WriteValue};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Val {
    Str(String),
    U32(u32),
    Strs(Vec<String>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    meta: Vec<(String, Val)>,
    template: Option<String>,
    tensors: Vec<(String, Vec<u8>)>,
    /// Where to overwrite eight bytes (a count, a length, a type, an offset), and with what.
    patch: Option<(u16, u64)>,
    cut: Option<u16>,
}

fuzz_target!(|inp: Input| {
    let mut meta: Vec<(String, Val)> = inp.meta.into_iter().take(32).collect();
    if let Some(t) = inp.template {
        meta.push(("tokenizer.chat_template".into(), Val::Str(t)));
    }
    let strs: Vec<Vec<&str>> = meta
        .iter()
        .map(|(_, v)| match v {
            Val::Strs(s) => s.iter().take(64).map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    let meta_w: Vec<(&str, WriteValue<'_>)> = meta
        .iter()
        .zip(&strs)
        .map(|((k, v), s)| {
            let w = match v {
                Val::Str(x) => WriteValue::Str(x),
                Val::U32(x) => WriteValue::U32(*x),
                Val::Strs(_) => WriteValue::Strs(s),
            };
            (k.as_str(), w)
        })
        .collect();
    // Small dimensions keep the written tensor data small; the patch can still make them lie.
    let dims: Vec<(String, Vec<u64>)> = inp
        .tensors
        .into_iter()
        .take(16)
        .map(|(n, d)| (n, d.into_iter().take(6).map(|x| u64::from(x % 16)).collect()))
        .collect();
    let tensors: Vec<(&str, &[u64])> = dims.iter().map(|(n, d)| (n.as_str(), &d[..])).collect();
    let mut bytes = gguf::write(&meta_w, &tensors);
    if let Some((at, v)) = inp.patch {
        let at = at as usize;
        if at + 8 <= bytes.len() {
            bytes[at..at + 8].copy_from_slice(&v.to_le_bytes());
        }
    }
    if let Some(c) = inp.cut {
        bytes.truncate(c as usize);
    }
    if let Ok(g) = gguf::parse(&bytes[..], bytes.len() as u64) {
        for (_, t) in g.general().chat_templates {
            let _ = gguf::template::inspect(&t);
        }
    }
    let _ = glassbox_scan::scan_bytes(&bytes, "model.gguf");
});
