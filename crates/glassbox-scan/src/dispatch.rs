//! Decides what a file or archive member is from its bytes and scans it accordingly.
//!
//! About 710 lines without its tests, which sit at the end of the file.

use glassbox_core::codes::{Code, ScanCode};
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use glassbox_core::Severity;
use glassbox_formats::{gguf, keras, lfs, numpy, onnx, pickle, pytorch, safetensors};

use crate::archive;
use crate::pickle_findings;
use crate::{FileScan, ScanFinding, ScanLocation};

/// Bytes read to decide a format.
pub(crate) const PREFIX: usize = 64 << 10;
/// Containers inside containers followed (gzip → tar → zip → pickle is depth 3).
pub(crate) const MAX_DEPTH: u32 = 4;
/// Largest archive member held in memory to be opened as an archive itself.
pub(crate) const MAX_NESTED_ARCHIVE: u64 = 512 << 20;
/// Largest JSON document (tokenizer config) read to look for a chat template.
const MAX_JSON: u64 = 64 << 20;

/// What a scan collects for one file.
#[derive(Default)]
pub(crate) struct Out {
    pub findings: Vec<ScanFinding>,
    pub errors: Vec<String>,
}

impl Out {
    pub(crate) fn finding(
        &mut self,
        severity: Severity,
        kind: impl Into<Code>,
        message: String,
        location: ScanLocation,
    ) {
        self.findings.push(ScanFinding {
            severity,
            kind: kind.into(),
            message,
            location,
        });
    }
    pub(crate) fn error(&mut self, member: Option<&str>, e: impl std::fmt::Display) {
        self.errors.push(match member {
            Some(m) => format!("{m}: {e}"),
            None => e.to_string(),
        });
    }
}

pub(crate) fn at(member: Option<&str>, offset: Option<u64>) -> ScanLocation {
    ScanLocation {
        member: member.map(str::to_string),
        offset,
        field: None,
    }
}

pub(crate) fn scan_file(path: &Path, display: &str) -> FileScan {
    let mut out = Out::default();
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".safetensors.index.json"))
    {
        shard_index(path, &mut out);
        return finish(display, "safetensors-index".into(), out);
    }
    let format = match File::open(path).and_then(|f| Ok((f.metadata()?.len(), f))) {
        Ok((len, mut f)) => scan_top(&mut f, len, &file_name(path), &mut out),
        Err(e) => {
            out.error(None, format!("cannot read {display}: {e}"));
            "unknown".into()
        }
    };
    finish(display, format, out)
}

pub(crate) fn finish(display: &str, format: String, mut out: Out) -> FileScan {
    out.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.location.member.cmp(&b.location.member))
            .then(a.location.offset.cmp(&b.location.offset))
    });
    out.findings.dedup();
    let error = (!out.errors.is_empty()).then(|| format!("{display}: {}", out.errors.join("; ")));
    FileScan {
        path: display.to_string(),
        format,
        findings: out.findings,
        error,
    }
}

/// Checks a shard index against the shards beside it: every shard present, every tensor mapped
/// once to the shard that holds it, sizes agreeing.
fn shard_index(path: &Path, out: &mut Out) {
    let bytes = match File::open(path)
        .and_then(|f| read_prefix(&mut &f, safetensors::MAX_INDEX_SIZE as usize + 1))
    {
        Ok(b) => b,
        Err(e) => return out.error(None, format!("read error: {e}")),
    };
    let idx = match safetensors::parse_index(&bytes) {
        Ok(i) => i,
        Err(e) => return out.error(None, format!("shard index: {e}")),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut shards = std::collections::BTreeMap::new();
    for name in idx.shards() {
        let p = dir.join(&name);
        let header = (|| {
            if name.contains("..") || Path::new(&name).is_absolute() {
                return None;
            }
            let mut f = File::open(&p).ok()?;
            let len = f.metadata().ok()?.len();
            let mut prefix = [0u8; 8];
            f.read_exact(&mut prefix).ok()?;
            let n = safetensors::header_len(&prefix, len).ok()?;
            let mut json = vec![0u8; n as usize];
            f.read_exact(&mut json).ok()?;
            safetensors::parse_header(&json, len).ok()
        })();
        let present = p.is_file();
        if present || header.is_some() {
            shards.insert(name, header);
        }
    }
    for issue in safetensors::check_shards(&idx, &shards) {
        out.finding(
            Severity::Medium,
            ScanCode::ShardIndex,
            issue,
            at(None, None),
        );
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Scans bytes held in memory as if they were a file called `name` (the name only breaks
/// format ties, as for files); the fuzz targets enter here.
pub(crate) fn scan_bytes(bytes: &[u8], name: &str) -> FileScan {
    let mut out = Out::default();
    let mut cur = std::io::Cursor::new(bytes);
    let format = scan_top(&mut cur, bytes.len() as u64, name, &mut out);
    finish(name, format, out)
}

fn scan_top<F: Read + Seek>(f: &mut F, len: u64, name: &str, out: &mut Out) -> String {
    let name = name.to_string();
    let prefix = match read_prefix(f, PREFIX) {
        Ok(p) => p,
        Err(e) => {
            out.error(None, format!("read error: {e}"));
            return "unknown".into();
        }
    };
    if matches!(sniff(&prefix, Some(len), &name), Kind::Zip) {
        return archive::scan_zip(f, len, None, 0, out);
    }
    if let Err(e) = f.seek(SeekFrom::Start(0)) {
        out.error(None, format!("seek error: {e}"));
        return "unknown".into();
    }
    let mut r = BufReader::with_capacity(1 << 16, &mut *f);
    let format = scan_stream(&mut r, Some(len), &name, None, 0, false, out);
    drop(r);
    // A pickle whose last bytes hold a zip directory is also a zip to `zipfile.is_zipfile`
    // and to loaders that try zip first: scan that view too.
    if format.contains("pickle") && len >= 22 {
        let tail_len = len.min(glassbox_formats::zip::EOCD_SEARCH);
        let mut tail = vec![0u8; tail_len as usize];
        if f.seek(SeekFrom::Start(len - tail_len)).is_ok()
            && f.read_exact(&mut tail).is_ok()
            && memchr::memmem::find(&tail, b"PK\x05\x06").is_some()
        {
            let mut view = Out::default();
            let inner = archive::scan_zip(f, len, Some("zip-view"), 1, &mut view);
            if view.errors.is_empty() {
                out.finding(
                    Severity::Medium,
                    ScanCode::Polyglot,
                    format!("the file is both a pickle and a zip archive ({inner}); loaders and scanners may read different contents"),
                    at(None, None),
                );
                out.findings.extend(view.findings);
            }
        }
    }
    format
}

pub(crate) fn read_prefix<R: Read + ?Sized>(r: &mut R, max: usize) -> std::io::Result<Vec<u8>> {
    let mut p = Vec::with_capacity(max.min(1 << 16));
    r.take(max as u64).read_to_end(&mut p)?;
    Ok(p)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Lfs,
    Zip,
    SevenZip,
    Gzip,
    Bzip2,
    Xz,
    Zlib,
    Tar,
    Npy,
    Gguf,
    Ggml(&'static str),
    Hdf5,
    Safetensors,
    TorchLegacy,
    Pickle,
    SavedModel,
    Onnx,
    TokenizerConfig,
    Jinja,
    Other,
}

/// Format from content; the name only breaks ties where content has no magic (protobuf).
pub(crate) fn sniff(p: &[u8], len: Option<u64>, name: &str) -> Kind {
    let lname = name.to_ascii_lowercase();
    if p.len() <= lfs::MAX_POINTER_SIZE as usize && lfs::parse_pointer(p).is_some() {
        return Kind::Lfs;
    }
    if p.starts_with(b"PK\x03\x04") || p.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if p.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return Kind::SevenZip;
    }
    if p.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    if p.len() >= 4 && p.starts_with(b"BZh") && (b'1'..=b'9').contains(&p[3]) {
        return Kind::Bzip2;
    }
    if p.starts_with(&[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        return Kind::Xz;
    }
    // zlib with the standard 32 KiB window (0x78): `(` + `S` also passes the header checksum,
    // so only the byte no pickle opcode uses is taken.
    if p.len() >= 2
        && p[0] == 0x78
        && (u16::from(p[0]) << 8 | u16::from(p[1])) % 31 == 0
        && p[1] & 0x20 == 0
    {
        return Kind::Zlib;
    }
    if p.len() >= 262 && &p[257..262] == b"ustar" {
        return Kind::Tar;
    }
    if p.starts_with(numpy::MAGIC) {
        return Kind::Npy;
    }
    if p.starts_with(b"GGUF") {
        return Kind::Gguf;
    }
    if let Some(m) = gguf::legacy_magic(p) {
        return Kind::Ggml(m);
    }
    if p.starts_with(b"\x89HDF\r\n\x1a\n") {
        return Kind::Hdf5;
    }
    if p.len() >= 9 && p[8] == b'{' {
        let n = u64::from_le_bytes(p[..8].try_into().expect("8 bytes"));
        if lname.ends_with(".safetensors") || len.is_some_and(|l| n.saturating_add(8) <= l) {
            return Kind::Safetensors;
        }
    }
    if pytorch::is_legacy(p) {
        return Kind::TorchLegacy;
    }
    if p.len() >= 2 && p[0] == 0x80 && p[1] <= 5 {
        return Kind::Pickle;
    }
    if lname.ends_with("saved_model.pb") {
        return Kind::SavedModel;
    }
    if lname.ends_with(".onnx")
        || (p.len() >= 3
            && p[0] == 0x08
            && p[1] < 0x20
            && matches!(p[2], 0x12 | 0x1a | 0x22 | 0x28 | 0x32 | 0x3a | 0x42))
    {
        return Kind::Onnx;
    }
    if lname.ends_with("tokenizer_config.json") {
        return Kind::TokenizerConfig;
    }
    if lname.ends_with(".jinja") || lname.ends_with(".jinja2") {
        return Kind::Jinja;
    }
    Kind::Other
}

/// Scans a stream. `member` is the location path inside the file (`None` for the file itself);
/// `lenient` means bytes that fail to parse as a pickle without importing anything are data
/// (tensor storages), not an error.
pub(crate) fn scan_stream(
    r: &mut dyn Read,
    len: Option<u64>,
    name: &str,
    member: Option<&str>,
    depth: u32,
    lenient: bool,
    out: &mut Out,
) -> String {
    if depth > MAX_DEPTH {
        out.error(
            member,
            format!("containers nested deeper than {MAX_DEPTH} levels (limit); not scanned"),
        );
        return "nested".into();
    }
    let prefix = match read_prefix(r, PREFIX) {
        Ok(p) => p,
        Err(e) => {
            out.error(member, format!("read error: {e}"));
            return "unknown".into();
        }
    };
    let kind = sniff(&prefix, len, name);
    // Buffered: the ONNX and pickle readers take a byte at a time, and through a decompressor
    // each unbuffered byte cost a call chain (fuzz/RESULTS.md: 13 MB of a zip member took 43 s).
    let mut all = std::io::BufReader::new(Cursor::new(prefix.clone()).chain(r));
    match kind {
        Kind::Lfs => {
            out.finding(
                Severity::Info,
                ScanCode::LfsPointer,
                "Git LFS pointer: the real content is not present, so it was not scanned".into(),
                at(member, None),
            );
            "lfs-pointer".into()
        }
        Kind::Zip => {
            let mut buf = Vec::new();
            match (&mut all)
                .take(MAX_NESTED_ARCHIVE + 1)
                .read_to_end(&mut buf)
            {
                Ok(_) if buf.len() as u64 > MAX_NESTED_ARCHIVE => {
                    out.error(member, format!("nested archive is over {MAX_NESTED_ARCHIVE} bytes (limit); not scanned"));
                    "zip".into()
                }
                Ok(_) => {
                    let l = buf.len() as u64;
                    archive::scan_zip(&mut Cursor::new(buf), l, member, depth + 1, out)
                }
                Err(e) => {
                    out.error(member, format!("read error: {e}"));
                    "zip".into()
                }
            }
        }
        Kind::SevenZip => {
            out.finding(
                Severity::High,
                ScanCode::UnscannableArchive,
                "7z container (the nullifAI packing): glassbox does not unpack 7z, so its contents were not scanned".into(),
                at(member, None),
            );
            out.error(member, "7z archive not unpacked; contents not scanned");
            "7z".into()
        }
        Kind::Gzip | Kind::Bzip2 | Kind::Xz | Kind::Zlib => {
            archive::scan_compressed(kind, &mut all, len, name, member, depth, out)
        }
        Kind::Tar => archive::scan_tar(&mut all, member, depth, out),
        Kind::Npy => scan_npy(&mut all, &prefix, member, out),
        Kind::Gguf => scan_gguf(&mut all, len, member, out),
        Kind::Ggml(m) => format!("ggml-legacy-{m}"),
        Kind::Hdf5 => scan_hdf5(&mut all, member, out),
        Kind::Safetensors => {
            let errors = out.errors.len();
            let f = scan_safetensors(&mut all, &prefix, len, member, out);
            // A pickle can be shaped so its first bytes also read as a safetensors length and
            // `{`; when the header does not parse, read the start as a pickle too.
            if out.errors.len() > errors
                && prefix.len() >= 2
                && prefix[0] == 0x80
                && (1..=5).contains(&prefix[1])
            {
                let s = pickle::scan_bytes(&prefix, pickle::WalkOptions::default());
                if !s.globals.is_empty() {
                    pickle_findings::push(&s, member, "read as a pickle: ", &mut out.findings);
                }
            }
            f
        }
        Kind::TorchLegacy => {
            let s = pickle::scan_reader(
                &mut all,
                pickle::WalkOptions {
                    max_pickles: Some(pytorch::LEGACY_PICKLES),
                    depth: 0,
                },
            );
            pickle_result(&s, member, false, out);
            "pytorch-legacy".into()
        }
        Kind::Pickle => {
            let s = pickle::scan_reader(&mut all, pickle::WalkOptions::default());
            if lenient && !plausible_in_data(&s) {
                return "data".into();
            }
            pickle_result(&s, member, lenient, out);
            "pickle".into()
        }
        Kind::SavedModel => {
            let l = len.unwrap_or(u64::MAX);
            match keras::saved_model_ops(&mut all, l) {
                Ok(ops) => {
                    for op in ops
                        .iter()
                        .filter(|o| keras::RISKY_TF_OPS.contains(&o.as_str()))
                    {
                        let sev = if op.contains("PyFunc") {
                            Severity::Critical
                        } else {
                            Severity::High
                        };
                        out.finding(sev, ScanCode::TfRiskyOp, format!("the graph uses the TensorFlow op `{op}`, which reads or writes files or calls Python"), at(member, None));
                    }
                    "tf-savedmodel".into()
                }
                Err(e) => {
                    out.error(member, format!("SavedModel: {e}"));
                    "tf-savedmodel".into()
                }
            }
        }
        Kind::Onnx => {
            let l = len.unwrap_or(u64::MAX);
            match onnx::parse(&mut all, l) {
                Ok(info) => {
                    for e in info.external.iter().filter(|e| e.escapes) {
                        out.finding(
                            Severity::High,
                            ScanCode::OnnxExternalDataEscape,
                            format!("tensor `{}` loads external data from `{}`, outside the model's folder", e.tensor, e.location),
                            ScanLocation { member: member.map(str::to_string), offset: None, field: Some(format!("initializer:{}", e.tensor)) },
                        );
                    }
                    for d in &info.custom_domains {
                        out.finding(Severity::Low, ScanCode::OnnxCustomDomain, format!("custom operator domain `{d}` needs a custom runtime library to load"), at(member, None));
                    }
                    "onnx".into()
                }
                Err(e) if name.to_ascii_lowercase().ends_with(".onnx") => {
                    out.error(member, format!("ONNX: {e}"));
                    "onnx".into()
                }
                Err(_) => "other".into(),
            }
        }
        Kind::TokenizerConfig => {
            let mut buf = Vec::new();
            if (&mut all).take(MAX_JSON).read_to_end(&mut buf).is_ok() {
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&buf) {
                    let templates: Vec<(String, String)> = match v.get("chat_template") {
                        Some(serde_json::Value::String(s)) => {
                            vec![("chat_template".into(), s.clone())]
                        }
                        Some(serde_json::Value::Array(a)) => a
                            .iter()
                            .filter_map(|t| {
                                Some((
                                    format!("chat_template.{}", t.get("name")?.as_str()?),
                                    t.get("template")?.as_str()?.to_string(),
                                ))
                            })
                            .collect(),
                        _ => vec![],
                    };
                    for (field, t) in templates {
                        template_findings(&t, &field, member, out);
                    }
                }
            }
            "tokenizer-config".into()
        }
        Kind::Jinja => {
            let mut buf = Vec::new();
            if (&mut all).take(MAX_JSON).read_to_end(&mut buf).is_ok() {
                template_findings(&String::from_utf8_lossy(&buf), "template", member, out);
            }
            "jinja".into()
        }
        Kind::Other => {
            // Protocol 0/1 pickles, and any pickle without PROTO, have no magic: try the walker, which stops at the first
            // opcode that does not parse (text files fail on their first bytes).
            if prefix.first().is_some_and(|&b| pickle::is_opcode(b)) {
                let s = pickle::scan_bytes(&prefix, pickle::WalkOptions::default());
                if s.looks_like_pickle() && (!lenient || plausible_in_data(&s)) {
                    let s = if prefix.len() < PREFIX {
                        s
                    } else {
                        pickle::scan_reader(&mut all, pickle::WalkOptions::default())
                    };
                    pickle_result(&s, member, lenient, out);
                    return "pickle".into();
                }
            }
            "other".into()
        }
    }
}

/// Tensor storages are random bytes that can start like a pickle and even parse a few opcodes.
/// In such data a pickle counts only when it imports something, or is one complete pickle
/// covering the member exactly.
fn plausible_in_data(s: &pickle::PickleScan) -> bool {
    !s.globals.is_empty()
        || (s.pickles > 0
            && s.error.is_none()
            && !s
                .anomalies
                .iter()
                .any(|a| matches!(a, pickle::Anomaly::TrailingData { .. })))
}

pub(crate) fn pickle_result(
    s: &pickle::PickleScan,
    member: Option<&str>,
    lenient: bool,
    out: &mut Out,
) {
    pickle_findings::push(s, member, "", &mut out.findings);
    if let Some(e) = &s.error {
        if !(lenient && s.globals.is_empty() && s.pickles == 0) {
            out.error(member, format!("pickle: {e}"));
        }
    }
}

fn template_findings(t: &str, field: &str, member: Option<&str>, out: &mut Out) {
    for i in gguf::template::inspect(t) {
        out.finding(
            i.severity,
            i.rule,
            format!(
                "{} at bytes {}..{}: `{}`",
                i.message,
                i.span.0,
                i.span.1,
                i.snippet.replace('\n', "\\n")
            ),
            ScanLocation {
                member: member.map(str::to_string),
                offset: Some(i.span.0 as u64),
                field: Some(field.into()),
            },
        );
    }
}

fn scan_npy(r: &mut dyn Read, prefix: &[u8], member: Option<&str>, out: &mut Out) -> String {
    let total = match numpy::header_len(prefix) {
        Ok(t) => t,
        Err(e) => {
            out.error(member, format!("npy: {e}"));
            return "numpy".into();
        }
    };
    let mut head = vec![0u8; total as usize];
    if let Err(e) = r.read_exact(&mut head) {
        out.error(
            member,
            format!("npy: header of {total} bytes is truncated: {e}"),
        );
        return "numpy".into();
    }
    match numpy::parse_header(&head) {
        Ok(h) if h.has_object => {
            // An object array is a pickle after the header; np.load(allow_pickle=True) runs it.
            let s = pickle::scan_reader(r, pickle::WalkOptions::default());
            for f in {
                let mut v = Vec::new();
                pickle_findings::push(&s, member, "object array: ", &mut v);
                v
            } {
                let mut f = f;
                if let Some(o) = f.location.offset.as_mut() {
                    *o += total;
                }
                out.findings.push(f);
            }
            if let Some(e) = &s.error {
                out.error(member, format!("npy object payload: {e}"));
            }
            "numpy-object".into()
        }
        Ok(_) => "numpy".into(),
        Err(e) => {
            out.error(member, format!("npy: {e}"));
            "numpy".into()
        }
    }
}

fn scan_gguf(r: &mut dyn Read, len: Option<u64>, member: Option<&str>, out: &mut Out) -> String {
    let Some(len) = len else {
        out.error(member, "GGUF member of unknown size");
        return "gguf".into();
    };
    match gguf::parse(r, len) {
        Ok(g) => {
            for k in &g.duplicate_keys {
                out.finding(
                    Severity::High,
                    ScanCode::GgufDuplicateKey,
                    format!("metadata key `{k}` is written twice; readers disagree on which value wins (parser differential)"),
                    ScanLocation { member: member.map(str::to_string), offset: None, field: Some(k.clone()) },
                );
            }
            for issue in &g.tensor_issues {
                if issue.contains("data section holds") {
                    out.error(member, format!("GGUF: {issue}"));
                } else {
                    out.finding(
                        Severity::Medium,
                        ScanCode::GgufTensorLayout,
                        issue.clone(),
                        at(member, None),
                    );
                }
            }
            for (field, t) in g.general().chat_templates {
                template_findings(&t, &field, member, out);
            }
        }
        Err(e) => out.error(member, format!("GGUF: {e}")),
    }
    "gguf".into()
}

fn scan_hdf5(r: &mut dyn Read, member: Option<&str>, out: &mut Out) -> String {
    // HDF5 stores the Keras `model_config` attribute as plain JSON text; a streaming search for
    // Lambda layers works without an HDF5 library and at disk speed.
    const NEEDLES: &[&[u8]] = &[b"\"class_name\": \"Lambda\"", b"\"class_name\":\"Lambda\""];
    let finders: Vec<_> = NEEDLES.iter().map(memchr::memmem::Finder::new).collect();
    let mut buf = vec![0u8; 1 << 20];
    let mut keep = 0usize;
    let mut base = 0u64;
    loop {
        let n = match r.read(&mut buf[keep..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                out.error(member, format!("read error: {e}"));
                break;
            }
        };
        let hay = &buf[..keep + n];
        if let Some(p) = finders.iter().filter_map(|f| f.find(hay)).min() {
            out.finding(
                Severity::High,
                ScanCode::KerasLambda,
                "Keras model config holds a Lambda layer: its Python bytecode runs when the model is loaded".into(),
                at(member, Some(base + p as u64)),
            );
            break;
        }
        let tail = 32.min(hay.len());
        let len = hay.len();
        buf.copy_within(len - tail..len, 0);
        base += (len - tail) as u64;
        keep = tail;
    }
    "hdf5".into()
}

fn scan_safetensors(
    r: &mut dyn Read,
    prefix: &[u8],
    len: Option<u64>,
    member: Option<&str>,
    out: &mut Out,
) -> String {
    let Some(len) = len else {
        out.error(member, "safetensors member of unknown size");
        return "safetensors".into();
    };
    let n = match safetensors::header_len(prefix, len) {
        Ok(n) => n,
        Err(e) => {
            out.error(member, format!("safetensors: {e}"));
            return "safetensors".into();
        }
    };
    let mut head = vec![0u8; 8 + n as usize];
    if let Err(e) = r.read_exact(&mut head) {
        out.error(member, format!("safetensors: header truncated: {e}"));
        return "safetensors".into();
    }
    if let Err(e) = safetensors::parse_header(&head[8..], len) {
        out.error(member, format!("safetensors: {e}"));
    }
    "safetensors".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn scan_bytes(b: &[u8], name: &str) -> (String, Out) {
        let mut out = Out::default();
        let f = scan_stream(
            &mut &b[..],
            Some(b.len() as u64),
            name,
            None,
            0,
            false,
            &mut out,
        );
        (f, out)
    }

    #[test]
    fn sniffs_by_content_not_name() {
        let pk = corpus::call_p2("os", "system", "x");
        assert_eq!(
            sniff(&pk, Some(pk.len() as u64), "model.safetensors"),
            Kind::Pickle
        );
        assert_eq!(
            sniff(b"(S'import os'\n", None, "x"),
            Kind::Other,
            "`(S` passes the zlib checksum but is a pickle"
        );
        let st = glassbox_formats::safetensors::write_f32(&[("a", vec![1], vec![1.0])], &[]);
        assert_eq!(
            sniff(&st, Some(st.len() as u64), "weights.bin"),
            Kind::Safetensors
        );
        assert_eq!(sniff(b"GGUF\x03\0\0\0", None, "a.bin"), Kind::Gguf);
        assert_eq!(sniff(b"\x93NUMPY\x01\0", None, "a.bin"), Kind::Npy);
        assert_eq!(sniff(b"PK\x03\x04", None, "a.txt"), Kind::Zip);
        assert_eq!(sniff(b"# hello\n", None, "README.md"), Kind::Other);
        // No PROTO: the unpickler does not need one, so neither does the sniffer.
        let bare = glassbox_formats::pickle::build::Builder::new()
            .call_stack_global("os", "system", "x")
            .stop()
            .finish();
        let (f, out) = scan_bytes(&bare, "weights.bin");
        assert_eq!(f, "pickle");
        assert_eq!(out.findings[0].severity, Severity::Critical);
    }

    #[test]
    fn nested_containers_are_followed_and_bounded() {
        let inner = corpus::call_p2("os", "system", "nested");
        let mut w = glassbox_formats::zip::Writer::new();
        w.stored("archive/data.pkl", &inner);
        let z = w.finish();
        let mut w2 = glassbox_formats::zip::Writer::new();
        w2.stored("inner.zip", &z);
        let (f, out) = scan_bytes(&w2.finish(), "outer.zip");
        assert_eq!(f, "zip");
        let hit = out
            .findings
            .iter()
            .find(|x| x.severity == Severity::Critical)
            .expect("nested payload found");
        assert_eq!(
            hit.location.member.as_deref(),
            Some("inner.zip!archive/data.pkl")
        );
        let (_, out) = scan_bytes(b"\x78\x9c\x00\x00", "x.joblib");
        assert!(
            !out.errors.is_empty(),
            "a corrupt zlib stream is an error, not clean"
        );
    }

    #[test]
    fn storage_bytes_that_look_like_opcodes_are_data() {
        // A storage starting `N.` then noise, and one with a bare STACK_GLOBAL on ints.
        for data in [&b"N.\x00\x13garbage"[..], b"K\x01K\x02\x93R\xff\xfe"] {
            let mut out = Out::default();
            scan_stream(
                &mut &data[..],
                Some(data.len() as u64),
                "0",
                Some("archive/data/0"),
                1,
                true,
                &mut out,
            );
            assert!(
                out.findings.is_empty() && out.errors.is_empty(),
                "{:?} {:?}",
                out.findings,
                out.errors
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn mutated_corpus_files_never_panic(which in 0usize..1000, pos in 0usize..100_000, val in proptest::prelude::any::<u8>(), cut in proptest::prelude::any::<bool>()) {
            static SMALL: std::sync::OnceLock<Vec<corpus::Case>> = std::sync::OnceLock::new();
            let cases = SMALL.get_or_init(|| corpus::cases().into_iter().filter(|c| c.bytes.len() < 200_000).collect());
            let c = &cases[which % cases.len()];
            let mut b = c.bytes.clone();
            let i = pos % b.len();
            if cut {
                b.truncate(i);
            } else {
                b[i] = val;
            }
            let _ = scan_bytes(&b, &c.path);
        }

        #[test]
        fn arbitrary_bytes_never_panic(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600), name in "[a-z]{1,8}\\.(pt|bin|npy|gguf|onnx|keras|safetensors|pkl|json)") {
            let _ = scan_bytes(&b, &name);
        }
    }
}
