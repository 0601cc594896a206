//! GGUF (v1–v3) headers, metadata and tensor infos, plus the legacy GGML magics.
//!
//! Every count and length is checked against the bytes left in the file before anything is
//! allocated: a tensor count of 2^40 in a 1 MB file is an error naming the limit, not an
//! allocation. Large arrays (tokenizer vocabularies) are read and summarised, not stored.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;

use crate::FormatError;

pub mod template;

/// `GGUF` as a little-endian u32.
pub const MAGIC: u32 = 0x4655_4747;
/// Longest metadata key (the spec's limit).
pub const MAX_KEY_LEN: u64 = 65_535;
/// Longest string value stored (longer ones are read and dropped).
pub const MAX_STORED_STRING: u64 = 16 << 20;
/// Array elements kept per array (the rest are read and counted).
pub const MAX_STORED_ARRAY: u64 = 1024;
/// Array nesting depth.
pub const MAX_ARRAY_DEPTH: u32 = 8;
/// Dimensions per tensor (the format's GGML_MAX_DIMS).
pub const MAX_DIMS: u32 = 4;

/// A metadata value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Any integer type, widened.
    Int(i128),
    /// f32 or f64.
    Float(f64),
    /// bool.
    Bool(bool),
    /// string (`None` when longer than [`MAX_STORED_STRING`]).
    Str(Option<String>),
    /// array: element type id, length, and the first [`MAX_STORED_ARRAY`] elements.
    Array {
        /// Element type id.
        elem_type: u32,
        /// Declared length.
        len: u64,
        /// Leading elements kept.
        items: Vec<Value>,
    },
}

impl Value {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(Some(s)) => Some(s),
            _ => None,
        }
    }
    /// The integer, when this is one.
    pub fn as_int(&self) -> Option<i128> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

/// One tensor info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    /// Name.
    pub name: String,
    /// Dimensions.
    pub dims: Vec<u64>,
    /// ggml type id.
    pub ggml_type: u32,
    /// Offset relative to the data section.
    pub offset: u64,
}

/// A parsed GGUF file header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gguf {
    /// 1, 2 or 3.
    pub version: u32,
    /// True for big-endian files.
    pub big_endian: bool,
    /// Metadata in file order (later duplicates are listed in `duplicate_keys`).
    pub metadata: BTreeMap<String, Value>,
    /// Keys written more than once (a parser differential: readers disagree on which wins).
    pub duplicate_keys: Vec<String>,
    /// Tensor infos.
    pub tensors: Vec<TensorInfo>,
    /// `general.alignment` or 32.
    pub alignment: u64,
    /// Offset of the tensor data section.
    pub data_offset: u64,
    /// Σ product(dims).
    pub parameter_count: u64,
    /// Problems with tensor offsets (misaligned, overlapping, past the end).
    pub tensor_issues: Vec<String>,
}

/// The `general.*` facts a BOM and the license detector need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct General {
    /// `general.architecture`.
    pub architecture: Option<String>,
    /// `general.name`.
    pub name: Option<String>,
    /// `general.license` (an SPDX expression by convention).
    pub license: Option<String>,
    /// `general.license.name`.
    pub license_name: Option<String>,
    /// `general.license.link`.
    pub license_link: Option<String>,
    /// `general.base_model.{i}.{name,organization,repo_url}` joined, one per base model.
    pub base_models: Vec<BTreeMap<String, String>>,
    /// `general.dataset.{i}.*`, one per dataset.
    pub datasets: Vec<BTreeMap<String, String>>,
    /// `general.file_type`.
    pub file_type: Option<i128>,
    /// `tokenizer.chat_template` and named `tokenizer.chat_template.*` templates.
    pub chat_templates: Vec<(String, String)>,
}

impl Gguf {
    /// Extracts the `general.*` keys and chat templates.
    pub fn general(&self) -> General {
        let s = |k: &str| {
            self.metadata
                .get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let indexed = |prefix: &str| {
            let n = self
                .metadata
                .get(&format!("{prefix}.count"))
                .and_then(Value::as_int)
                .unwrap_or(0)
                .clamp(0, 1024);
            (0..n)
                .map(|i| {
                    let p = format!("{prefix}.{i}.");
                    self.metadata
                        .iter()
                        .filter_map(|(k, v)| {
                            Some((k.strip_prefix(&p)?.to_string(), v.as_str()?.to_string()))
                        })
                        .collect::<BTreeMap<_, _>>()
                })
                .collect::<Vec<_>>()
        };
        General {
            architecture: s("general.architecture"),
            name: s("general.name"),
            license: s("general.license"),
            license_name: s("general.license.name"),
            license_link: s("general.license.link"),
            base_models: indexed("general.base_model"),
            datasets: indexed("general.dataset"),
            file_type: self
                .metadata
                .get("general.file_type")
                .and_then(Value::as_int),
            chat_templates: self
                .metadata
                .iter()
                .filter(|(k, _)| {
                    *k == "tokenizer.chat_template" || k.starts_with("tokenizer.chat_template.")
                })
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect(),
        }
    }
}

/// A legacy GGML-family magic (`ggml`, `ggmf`, `ggjt`, `ggla`, `ggsn`, `ggcc`), by name.
pub fn legacy_magic(prefix: &[u8]) -> Option<&'static str> {
    let m = u32::from_le_bytes(prefix.get(..4)?.try_into().ok()?);
    Some(match m {
        0x6767_6d6c => "ggml",
        0x6767_6d66 => "ggmf",
        0x6767_6a74 => "ggjt",
        0x6767_6c61 => "ggla",
        0x6767_736e => "ggsn",
        0x6767_6363 => "ggcc",
        _ => return None,
    })
}

/// Bytes per block and elements per block of a ggml type (for size checks), when known.
pub fn type_block(t: u32) -> Option<(u64, u64)> {
    Some(match t {
        0 => (4, 1),
        1 | 30 => (2, 1),
        2 => (18, 32),
        3 => (20, 32),
        6 => (22, 32),
        7 => (24, 32),
        8 => (34, 32),
        9 => (36, 32),
        10 => (84, 256),
        11 => (110, 256),
        12 => (144, 256),
        13 => (176, 256),
        14 => (210, 256),
        15 => (292, 256),
        24 => (1, 1),
        25 => (2, 1),
        26 => (4, 1),
        27 | 28 => (8, 1),
        _ => return None,
    })
}

struct Cursor<R: Read> {
    r: R,
    pos: u64,
    len: u64,
    big: bool,
    v1: bool,
}

impl<R: Read> Cursor<R> {
    fn left(&self) -> u64 {
        self.len.saturating_sub(self.pos)
    }
    fn bytes<const N: usize>(&mut self, what: &str) -> Result<[u8; N], FormatError> {
        let mut b = [0u8; N];
        if self.left() < N as u64 {
            return Err(FormatError::Truncated(format!(
                "{what} at byte {} runs past the end of the file",
                self.pos
            )));
        }
        self.r
            .read_exact(&mut b)
            .map_err(|e| FormatError::Truncated(format!("{what} at byte {}: {e}", self.pos)))?;
        self.pos += N as u64;
        if self.big {
            b.reverse();
        }
        Ok(b)
    }
    fn u32(&mut self, what: &str) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.bytes::<4>(what)?))
    }
    fn u64(&mut self, what: &str) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.bytes::<8>(what)?))
    }
    /// A count or length: u32 in v1, u64 after.
    fn size(&mut self, what: &str) -> Result<u64, FormatError> {
        if self.v1 {
            Ok(u64::from(self.u32(what)?))
        } else {
            self.u64(what)
        }
    }
    fn skip(&mut self, n: u64, what: &str) -> Result<(), FormatError> {
        if n > self.left() {
            return Err(FormatError::TooLarge {
                what: format!("{what} at byte {}", self.pos),
                value: n,
                limit: self.left(),
            });
        }
        let got = std::io::copy(&mut (&mut self.r).take(n), &mut std::io::sink())
            .map_err(|e| FormatError::Truncated(format!("{what}: {e}")))?;
        if got != n {
            return Err(FormatError::Truncated(format!(
                "{what} at byte {} runs past the end of the file",
                self.pos
            )));
        }
        self.pos += n;
        Ok(())
    }
    fn string(&mut self, what: &str, store_limit: u64) -> Result<Option<String>, FormatError> {
        let n = self.size(what)?;
        if n > self.left() {
            return Err(FormatError::TooLarge {
                what: format!("{what} string length at byte {}", self.pos),
                value: n,
                limit: self.left(),
            });
        }
        if n > store_limit {
            self.skip(n, what)?;
            return Ok(None);
        }
        let mut b = vec![0u8; n as usize];
        self.r
            .read_exact(&mut b)
            .map_err(|e| FormatError::Truncated(format!("{what}: {e}")))?;
        self.pos += n;
        Ok(Some(String::from_utf8_lossy(&b).into_owned()))
    }

    fn value(&mut self, t: u32, depth: u32, keep: bool) -> Result<Value, FormatError> {
        Ok(match t {
            0 => Value::Int(i128::from(self.bytes::<1>("u8")?[0])),
            1 => Value::Int(i128::from(self.bytes::<1>("i8")?[0] as i8)),
            2 => Value::Int(i128::from(u16::from_le_bytes(self.bytes::<2>("u16")?))),
            3 => Value::Int(i128::from(i16::from_le_bytes(self.bytes::<2>("i16")?))),
            4 => Value::Int(i128::from(self.u32("u32")?)),
            5 => Value::Int(i128::from(self.u32("i32")? as i32)),
            6 => Value::Float(f64::from(f32::from_le_bytes(self.bytes::<4>("f32")?))),
            7 => {
                let b = self.bytes::<1>("bool")?[0];
                if b > 1 {
                    return Err(FormatError::Invalid(format!(
                        "bool value {b} at byte {}",
                        self.pos - 1
                    )));
                }
                Value::Bool(b == 1)
            }
            8 => Value::Str(self.string("value", if keep { MAX_STORED_STRING } else { 0 })?),
            9 => {
                if depth >= MAX_ARRAY_DEPTH {
                    return Err(FormatError::TooLarge {
                        what: "array nesting".into(),
                        value: u64::from(depth) + 1,
                        limit: u64::from(MAX_ARRAY_DEPTH),
                    });
                }
                let et = self.u32("array type")?;
                let len = self.size("array length")?;
                let min = min_size(et, self.v1).ok_or_else(|| {
                    FormatError::Invalid(format!("unknown array element type {et}"))
                })?;
                if len.saturating_mul(min) > self.left() {
                    return Err(FormatError::TooLarge {
                        what: format!("array of {len} elements of type {et} at byte {}", self.pos),
                        value: len.saturating_mul(min),
                        limit: self.left(),
                    });
                }
                let mut items = Vec::new();
                for i in 0..len {
                    let keep_item = keep && i < MAX_STORED_ARRAY;
                    if let Some(fixed) = fixed_size(et).filter(|_| !keep_item) {
                        // The rest of a numeric array is skipped in one read.
                        self.skip(fixed * (len - i), "array")?;
                        break;
                    }
                    let v = self.value(et, depth + 1, keep_item)?;
                    if keep_item {
                        items.push(v);
                    }
                }
                Value::Array {
                    elem_type: et,
                    len,
                    items,
                }
            }
            10 => Value::Int(i128::from(self.u64("u64")?)),
            11 => Value::Int(i128::from(self.u64("i64")? as i64)),
            12 => Value::Float(f64::from_le_bytes(self.bytes::<8>("f64")?)),
            other => {
                return Err(FormatError::Invalid(format!(
                    "unknown metadata value type {other} at byte {}",
                    self.pos
                )))
            }
        })
    }
}

fn fixed_size(t: u32) -> Option<u64> {
    Some(match t {
        0 | 1 | 7 => 1,
        2 | 3 => 2,
        4..=6 => 4,
        10..=12 => 8,
        _ => return None,
    })
}

fn min_size(t: u32, v1: bool) -> Option<u64> {
    fixed_size(t).or(match t {
        8 | 9 if v1 => Some(4),
        8 => Some(8),
        9 => Some(12),
        _ => None,
    })
}

/// Parses the header, metadata and tensor infos from `r`, a stream of a `file_len`-byte file.
pub fn parse<R: Read>(r: R, file_len: u64) -> Result<Gguf, FormatError> {
    let mut c = Cursor {
        r,
        pos: 0,
        len: file_len,
        big: false,
        v1: false,
    };
    let magic = c.u32("magic")?;
    if magic != MAGIC {
        return Err(FormatError::Invalid("not a GGUF file (magic)".into()));
    }
    let raw_version = c.u32("version")?;
    let (version, big) = if raw_version & 0xFFFF == 0 && raw_version != 0 {
        (raw_version.swap_bytes(), true)
    } else {
        (raw_version, false)
    };
    if !(1..=3).contains(&version) {
        return Err(FormatError::Invalid(format!(
            "unsupported GGUF version {version}"
        )));
    }
    c.big = big;
    c.v1 = version == 1;
    let tensor_count = c.size("tensor count")?;
    let kv_count = c.size("metadata count")?;
    // Each tensor info takes at least 8+4+4+8 bytes (name length, dims, type, offset); each KV
    // at least 8+4+1. Counts the file cannot hold are refused before any allocation.
    let min_tensor = if c.v1 { 20 } else { 24 };
    if tensor_count.saturating_mul(min_tensor) > c.left() {
        return Err(FormatError::TooLarge {
            what: "GGUF tensor count".into(),
            value: tensor_count,
            limit: c.left() / min_tensor,
        });
    }
    let min_kv = if c.v1 { 9 } else { 13 };
    if kv_count.saturating_mul(min_kv) > c.left() {
        return Err(FormatError::TooLarge {
            what: "GGUF metadata count".into(),
            value: kv_count,
            limit: c.left() / min_kv,
        });
    }
    let mut g = Gguf {
        version,
        big_endian: big,
        alignment: 32,
        ..Default::default()
    };
    let mut seen = HashSet::new();
    for _ in 0..kv_count {
        let key_at = c.pos;
        let key = c
            .string("key", MAX_KEY_LEN)?
            .ok_or_else(|| FormatError::TooLarge {
                what: format!("metadata key at byte {key_at}"),
                value: MAX_KEY_LEN + 1,
                limit: MAX_KEY_LEN,
            })?;
        let t = c.u32("value type")?;
        let v = c.value(t, 0, true)?;
        if !seen.insert(key.clone()) {
            g.duplicate_keys.push(key.clone());
            // Keep the first value, as llama.cpp's reader does; the duplicate is reported.
            continue;
        }
        g.metadata.insert(key, v);
    }
    if let Some(a) = g.metadata.get("general.alignment").and_then(Value::as_int) {
        if a <= 0 || a % 8 != 0 || a > 1 << 20 {
            return Err(FormatError::Invalid(format!(
                "general.alignment {a} is not a positive multiple of 8"
            )));
        }
        g.alignment = a as u64;
    }
    g.tensors.reserve(tensor_count.min(1 << 16) as usize);
    let mut params = 0u64;
    for _ in 0..tensor_count {
        let name = c.string("tensor name", MAX_KEY_LEN)?.unwrap_or_default();
        let nd = c.u32("tensor dimension count")?;
        if nd > MAX_DIMS {
            return Err(FormatError::TooLarge {
                what: format!("dimensions of tensor `{name}`"),
                value: u64::from(nd),
                limit: u64::from(MAX_DIMS),
            });
        }
        let dims = (0..nd)
            .map(|_| c.size("tensor dimension"))
            .collect::<Result<Vec<_>, _>>()?;
        let ggml_type = c.u32("tensor type")?;
        let offset = c.u64("tensor offset")?;
        let n = dims.iter().try_fold(1u64, |a, &d| a.checked_mul(d));
        params = params.saturating_add(n.unwrap_or(u64::MAX));
        g.tensors.push(TensorInfo {
            name,
            dims,
            ggml_type,
            offset,
        });
    }
    g.parameter_count = params;
    g.data_offset = c.pos.div_ceil(g.alignment) * g.alignment;
    check_tensors(&mut g, file_len);
    Ok(g)
}

fn check_tensors(g: &mut Gguf, file_len: u64) {
    let data_len = file_len.saturating_sub(g.data_offset);
    let mut spans = Vec::new();
    for t in &g.tensors {
        if t.offset % g.alignment != 0 {
            g.tensor_issues.push(format!(
                "tensor `{}` offset {} is not a multiple of the alignment {}",
                t.name, t.offset, g.alignment
            ));
        }
        let numel = t.dims.iter().try_fold(1u64, |a, &d| a.checked_mul(d));
        if let (Some((bs, per)), Some(n)) = (type_block(t.ggml_type), numel) {
            let size = n.div_ceil(per).saturating_mul(bs);
            if t.offset.saturating_add(size) > data_len {
                g.tensor_issues.push(format!(
                    "tensor `{}` ends at data byte {} but the data section holds {data_len}",
                    t.name,
                    t.offset.saturating_add(size)
                ));
            }
            spans.push((t.offset, t.offset.saturating_add(size), t.name.clone()));
        }
    }
    spans.sort();
    for w in spans.windows(2) {
        if w[1].0 < w[0].1 {
            g.tensor_issues
                .push(format!("tensors `{}` and `{}` overlap", w[0].2, w[1].2));
        }
    }
}

/// Writes a GGUF v3 file (tests and corpus): metadata of strings, u32s and string arrays, and
/// F32 tensors.
pub fn write(meta: &[(&str, WriteValue<'_>)], tensors: &[(&str, &[u64])]) -> Vec<u8> {
    let mut o = Vec::new();
    o.extend_from_slice(b"GGUF");
    o.extend_from_slice(&3u32.to_le_bytes());
    o.extend_from_slice(&(tensors.len() as u64).to_le_bytes());
    o.extend_from_slice(&(meta.len() as u64).to_le_bytes());
    let s = |o: &mut Vec<u8>, v: &str| {
        o.extend_from_slice(&(v.len() as u64).to_le_bytes());
        o.extend_from_slice(v.as_bytes());
    };
    for (k, v) in meta {
        s(&mut o, k);
        match v {
            WriteValue::Str(v) => {
                o.extend_from_slice(&8u32.to_le_bytes());
                s(&mut o, v);
            }
            WriteValue::U32(v) => {
                o.extend_from_slice(&4u32.to_le_bytes());
                o.extend_from_slice(&v.to_le_bytes());
            }
            WriteValue::Strs(vs) => {
                o.extend_from_slice(&9u32.to_le_bytes());
                o.extend_from_slice(&8u32.to_le_bytes());
                o.extend_from_slice(&(vs.len() as u64).to_le_bytes());
                for v in *vs {
                    s(&mut o, v);
                }
            }
        }
    }
    let mut off = 0u64;
    let mut sizes = Vec::new();
    for (name, dims) in tensors {
        s(&mut o, name);
        o.extend_from_slice(&(dims.len() as u32).to_le_bytes());
        for d in *dims {
            o.extend_from_slice(&d.to_le_bytes());
        }
        o.extend_from_slice(&0u32.to_le_bytes());
        o.extend_from_slice(&off.to_le_bytes());
        let size = dims.iter().product::<u64>() * 4;
        sizes.push(size);
        off += size.div_ceil(32) * 32;
    }
    while o.len() % 32 != 0 {
        o.push(0);
    }
    for size in sizes {
        o.extend(std::iter::repeat_n(0u8, (size.div_ceil(32) * 32) as usize));
    }
    o
}

/// A metadata value for [`write`].
#[derive(Debug, Clone, Copy)]
pub enum WriteValue<'a> {
    /// A string.
    Str(&'a str),
    /// A u32.
    U32(u32),
    /// An array of strings.
    Strs(&'a [&'a str]),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write(
            &[
                ("general.architecture", WriteValue::Str("llama")),
                ("general.name", WriteValue::Str("Tiny")),
                ("general.license", WriteValue::Str("apache-2.0")),
                ("general.base_model.count", WriteValue::U32(1)),
                ("general.base_model.0.name", WriteValue::Str("Base")),
                ("general.base_model.0.organization", WriteValue::Str("Org")),
                ("tokenizer.ggml.tokens", WriteValue::Strs(&["a", "b", "c"])),
                (
                    "tokenizer.chat_template",
                    WriteValue::Str("{% for m in messages %}{{ m['content'] }}{% endfor %}"),
                ),
            ],
            &[("tok_embd.weight", &[4, 3]), ("output.weight", &[2])],
        )
    }

    #[test]
    fn parses_general_keys_and_params() {
        let b = sample();
        let g = parse(&b[..], b.len() as u64).unwrap();
        assert_eq!(g.version, 3);
        assert_eq!(g.parameter_count, 14);
        assert!(g.tensor_issues.is_empty(), "{:?}", g.tensor_issues);
        let gen = g.general();
        assert_eq!(gen.architecture.as_deref(), Some("llama"));
        assert_eq!(gen.license.as_deref(), Some("apache-2.0"));
        assert_eq!(gen.base_models.len(), 1);
        assert_eq!(gen.base_models[0]["organization"], "Org");
        assert_eq!(gen.chat_templates.len(), 1);
        match &g.metadata["tokenizer.ggml.tokens"] {
            Value::Array { len, items, .. } => assert_eq!((*len, items.len()), (3, 3)),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn lying_counts_and_lengths_name_the_limit() {
        let mut b = b"GGUF".to_vec();
        b.extend_from_slice(&3u32.to_le_bytes());
        b.extend_from_slice(&(1u64 << 40).to_le_bytes());
        b.extend_from_slice(&0u64.to_le_bytes());
        b.extend_from_slice(&[0; 64]);
        let e = parse(&b[..], b.len() as u64).unwrap_err();
        assert!(
            matches!(&e, FormatError::TooLarge { what, value, .. } if what == "GGUF tensor count" && *value == 1 << 40),
            "{e}"
        );
        let mut b = b"GGUF".to_vec();
        b.extend_from_slice(&3u32.to_le_bytes());
        b.extend_from_slice(&0u64.to_le_bytes());
        b.extend_from_slice(&1u64.to_le_bytes());
        b.extend_from_slice(&u64::MAX.to_le_bytes()); // key longer than the file
        b.extend_from_slice(&[0; 16]);
        assert!(matches!(
            parse(&b[..], b.len() as u64),
            Err(FormatError::TooLarge { .. })
        ));
    }

    #[test]
    fn duplicate_keys_are_listed() {
        let b = write(
            &[
                ("general.architecture", WriteValue::Str("llama")),
                ("general.architecture", WriteValue::Str("x")),
            ],
            &[],
        );
        let g = parse(&b[..], b.len() as u64).unwrap();
        assert_eq!(g.duplicate_keys, ["general.architecture"]);
        assert_eq!(g.metadata["general.architecture"].as_str(), Some("llama"));
    }

    #[test]
    fn version_1_and_big_endian() {
        // v1: u32 counts and string lengths.
        let mut b = b"GGUF".to_vec();
        b.extend_from_slice(&1u32.to_le_bytes());
        b.extend_from_slice(&0u32.to_le_bytes());
        b.extend_from_slice(&1u32.to_le_bytes());
        b.extend_from_slice(&20u32.to_le_bytes());
        b.extend_from_slice(b"general.architecture");
        b.extend_from_slice(&8u32.to_le_bytes());
        b.extend_from_slice(&5u32.to_le_bytes());
        b.extend_from_slice(b"llama");
        let g = parse(&b[..], b.len() as u64).unwrap();
        assert_eq!((g.version, g.big_endian), (1, false));
        assert_eq!(g.general().architecture.as_deref(), Some("llama"));
        // v3 big-endian: every number byte-swapped.
        let mut b = b"GGUF".to_vec();
        b.extend_from_slice(&3u32.to_be_bytes());
        b.extend_from_slice(&0u64.to_be_bytes());
        b.extend_from_slice(&1u64.to_be_bytes());
        b.extend_from_slice(&17u64.to_be_bytes());
        b.extend_from_slice(b"general.alignment");
        b.extend_from_slice(&4u32.to_be_bytes());
        b.extend_from_slice(&64u32.to_be_bytes());
        let g = parse(&b[..], b.len() as u64).unwrap();
        assert!(g.big_endian);
        assert_eq!(g.alignment, 64);
    }

    #[test]
    fn legacy_magics() {
        assert_eq!(legacy_magic(&[0x74, 0x6a, 0x67, 0x67]), Some("ggjt"));
        assert_eq!(legacy_magic(b"GGUF"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let mut b = b"GGUF\x03\0\0\0".to_vec();
            b.extend_from_slice(&bytes);
            let _ = parse(&b[..], b.len() as u64);
            let _ = parse(&bytes[..], bytes.len() as u64);
        }

        #[test]
        fn never_panics_on_mutations(pos in 0usize..400, val in proptest::prelude::any::<u8>()) {
            let mut b = sample();
            let i = pos % b.len();
            b[i] = val;
            let _ = parse(&b[..], b.len() as u64);
        }
    }
}
