//! ONNX models (protobuf `ModelProto`) read as a stream: graph initializers and node attribute
//! tensors are followed to their `external_data` locations, which must stay inside the model's
//! folder. Tensor payloads are skipped, so a 2 GB model is read in flat memory.

use std::io::Read;

use crate::FormatError;

/// Message nesting followed (graphs hold subgraphs in attributes).
pub const MAX_DEPTH: u32 = 32;
/// Longest string field kept (names, locations).
pub const MAX_STRING: u64 = 64 << 10;

/// A tensor stored outside the model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalRef {
    /// Tensor name.
    pub tensor: String,
    /// `location` as written.
    pub location: String,
    /// True when the location is absolute or climbs out of the model's folder.
    pub escapes: bool,
}

/// What a scan of a model needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OnnxInfo {
    /// `ir_version`.
    pub ir_version: Option<u64>,
    /// `producer_name`.
    pub producer: Option<String>,
    /// External tensor references.
    pub external: Vec<ExternalRef>,
    /// Operator-set domains other than the standard ones.
    pub custom_domains: Vec<String>,
    /// Nodes seen.
    pub nodes: u64,
}

/// True when a relative path leaves its base folder or is absolute.
pub fn path_escapes(loc: &str) -> bool {
    let l = loc.replace('\\', "/");
    if l.starts_with('/') || l.as_bytes().get(1) == Some(&b':') || l.starts_with("~") {
        return true;
    }
    let mut depth = 0i64;
    for part in l.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// A field from the wire.
pub(crate) enum Field {
    Varint(u64),
    Fixed,
    /// A length-delimited field: its length (the caller reads or skips it).
    Len(u64),
}

/// A streaming protobuf reader over `R` with a byte budget per message.
pub(crate) struct Wire<R: Read> {
    pub(crate) r: R,
    pub(crate) pos: u64,
    pub(crate) len: u64,
}

impl<R: Read> Wire<R> {
    pub(crate) fn byte(&mut self) -> Result<u8, FormatError> {
        let mut b = [0u8];
        self.r
            .read_exact(&mut b)
            .map_err(|_| FormatError::Truncated(format!("protobuf ends at byte {}", self.pos)))?;
        self.pos += 1;
        Ok(b[0])
    }
    pub(crate) fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(FormatError::Invalid(format!(
            "varint longer than 10 bytes at byte {}",
            self.pos
        )))
    }
    /// Reads the next tag; `None` when `end` is reached.
    pub(crate) fn field(&mut self, end: u64) -> Result<Option<(u64, Field)>, FormatError> {
        if self.pos >= end {
            return Ok(None);
        }
        let at = self.pos;
        let tag = self.varint()?;
        let (num, wt) = (tag >> 3, tag & 7);
        // Protobuf has no field 0: a run of zero bytes (a decompression bomb's payload) would
        // otherwise read as endless empty fields, one varint pair at a time.
        if num == 0 {
            return Err(FormatError::Invalid(format!(
                "protobuf field number 0 at byte {at}"
            )));
        }
        let f = match wt {
            0 => Field::Varint(self.varint()?),
            1 => {
                self.skip(8)?;
                Field::Fixed
            }
            5 => {
                self.skip(4)?;
                Field::Fixed
            }
            2 => {
                let n = self.varint()?;
                if self.pos.saturating_add(n) > end.min(self.len) {
                    return Err(FormatError::TooLarge {
                        what: format!("protobuf field {num} at byte {}", self.pos),
                        value: n,
                        limit: end.min(self.len).saturating_sub(self.pos),
                    });
                }
                Field::Len(n)
            }
            w => {
                return Err(FormatError::Invalid(format!(
                    "protobuf wire type {w} at byte {}",
                    self.pos
                )))
            }
        };
        Ok(Some((num, f)))
    }
    pub(crate) fn skip(&mut self, n: u64) -> Result<(), FormatError> {
        let got = std::io::copy(&mut (&mut self.r).take(n), &mut std::io::sink())
            .map_err(|e| FormatError::Truncated(e.to_string()))?;
        if got != n {
            return Err(FormatError::Truncated(format!(
                "protobuf field runs past the end at byte {}",
                self.pos + got
            )));
        }
        self.pos += n;
        Ok(())
    }
    pub(crate) fn string(&mut self, n: u64) -> Result<String, FormatError> {
        if n > MAX_STRING {
            self.skip(n)?;
            return Ok(String::new());
        }
        let mut b = vec![0u8; n as usize];
        self.r
            .read_exact(&mut b)
            .map_err(|_| FormatError::Truncated(format!("protobuf string at byte {}", self.pos)))?;
        self.pos += n;
        Ok(String::from_utf8_lossy(&b).into_owned())
    }
}

/// Parses a model from a stream of `len` bytes.
pub fn parse<R: Read>(r: R, len: u64) -> Result<OnnxInfo, FormatError> {
    let mut w = Wire { r, pos: 0, len };
    let mut info = OnnxInfo::default();
    let mut saw_graph = false;
    while let Some((num, f)) = w.field(len)? {
        match (num, f) {
            (1, Field::Varint(v)) => info.ir_version = Some(v),
            (2, Field::Len(n)) => info.producer = Some(w.string(n)?),
            (7, Field::Len(n)) => {
                saw_graph = true;
                let end = w.pos + n;
                graph(&mut w, end, &mut info, 0)?;
            }
            (8, Field::Len(n)) => {
                let end = w.pos + n;
                while let Some((k, f)) = w.field(end)? {
                    match (k, f) {
                        (1, Field::Len(m)) => {
                            let d = w.string(m)?;
                            if !d.is_empty()
                                && d != "ai.onnx"
                                && d != "ai.onnx.ml"
                                && d != "ai.onnx.training"
                                && d != "ai.onnx.preview.training"
                                && !info.custom_domains.contains(&d)
                            {
                                info.custom_domains.push(d);
                            }
                        }
                        (_, Field::Len(m)) => w.skip(m)?,
                        _ => {}
                    }
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    if info.ir_version.is_none() || !saw_graph {
        return Err(FormatError::Invalid(
            "not an ONNX model (no ir_version or graph)".into(),
        ));
    }
    Ok(info)
}

fn graph<R: Read>(
    w: &mut Wire<R>,
    end: u64,
    info: &mut OnnxInfo,
    depth: u32,
) -> Result<(), FormatError> {
    if depth > MAX_DEPTH {
        return Err(FormatError::TooLarge {
            what: "ONNX graph nesting".into(),
            value: u64::from(depth),
            limit: u64::from(MAX_DEPTH),
        });
    }
    while let Some((num, f)) = w.field(end)? {
        match (num, f) {
            (1, Field::Len(n)) => {
                info.nodes += 1;
                let e = w.pos + n;
                node(w, e, info, depth)?;
            }
            (5, Field::Len(n)) => {
                let e = w.pos + n;
                tensor(w, e, info)?;
            }
            (15, Field::Len(n)) => {
                // SparseTensorProto: values (1) and indices (2) are tensors.
                let e = w.pos + n;
                while let Some((k, f)) = w.field(e)? {
                    match (k, f) {
                        (1 | 2, Field::Len(m)) => {
                            let te = w.pos + m;
                            tensor(w, te, info)?;
                        }
                        (_, Field::Len(m)) => w.skip(m)?,
                        _ => {}
                    }
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    Ok(())
}

fn node<R: Read>(
    w: &mut Wire<R>,
    end: u64,
    info: &mut OnnxInfo,
    depth: u32,
) -> Result<(), FormatError> {
    while let Some((num, f)) = w.field(end)? {
        match (num, f) {
            (5, Field::Len(n)) => {
                // AttributeProto: t (5) and tensors (10) are tensors, g (6) and graphs (11) graphs.
                let ae = w.pos + n;
                while let Some((k, f)) = w.field(ae)? {
                    match (k, f) {
                        (5 | 10, Field::Len(m)) => {
                            let te = w.pos + m;
                            tensor(w, te, info)?;
                        }
                        (6 | 11, Field::Len(m)) => {
                            let ge = w.pos + m;
                            graph(w, ge, info, depth + 1)?;
                        }
                        (_, Field::Len(m)) => w.skip(m)?,
                        _ => {}
                    }
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    Ok(())
}

fn tensor<R: Read>(w: &mut Wire<R>, end: u64, info: &mut OnnxInfo) -> Result<(), FormatError> {
    let mut name = String::new();
    let mut locations = Vec::new();
    while let Some((num, f)) = w.field(end)? {
        match (num, f) {
            (8, Field::Len(n)) => name = w.string(n)?,
            (13, Field::Len(n)) => {
                let e = w.pos + n;
                let (mut key, mut value) = (String::new(), String::new());
                while let Some((k, f)) = w.field(e)? {
                    match (k, f) {
                        (1, Field::Len(m)) => key = w.string(m)?,
                        (2, Field::Len(m)) => value = w.string(m)?,
                        (_, Field::Len(m)) => w.skip(m)?,
                        _ => {}
                    }
                }
                if key == "location" {
                    locations.push(value);
                }
            }
            (_, Field::Len(n)) => w.skip(n)?,
            _ => {}
        }
    }
    for location in locations {
        let escapes = path_escapes(&location);
        info.external.push(ExternalRef {
            tensor: name.clone(),
            location,
            escapes,
        });
    }
    Ok(())
}

/// Protobuf encoding helpers for tests and the corpus.
pub mod encode {
    /// A varint.
    pub fn varint(mut v: u64, o: &mut Vec<u8>) {
        while v >= 0x80 {
            o.push((v as u8) | 0x80);
            v >>= 7;
        }
        o.push(v as u8);
    }
    /// A length-delimited field.
    pub fn bytes(num: u64, b: &[u8], o: &mut Vec<u8>) {
        varint(num << 3 | 2, o);
        varint(b.len() as u64, o);
        o.extend_from_slice(b);
    }
    /// A varint field.
    pub fn uint(num: u64, v: u64, o: &mut Vec<u8>) {
        varint(num << 3, o);
        varint(v, o);
    }

    /// A model whose graph has one initializer stored at `location` (or inline when `None`).
    pub fn model_with_initializer(name: &str, location: Option<&str>) -> Vec<u8> {
        let mut t = Vec::new();
        uint(1, 4, &mut t); // dims
        uint(2, 1, &mut t); // FLOAT
        bytes(8, name.as_bytes(), &mut t);
        match location {
            Some(l) => {
                let mut kv = Vec::new();
                bytes(1, b"location", &mut kv);
                bytes(2, l.as_bytes(), &mut kv);
                bytes(13, &kv, &mut t);
                uint(14, 1, &mut t);
            }
            None => bytes(9, &[0; 16], &mut t),
        }
        let mut g = Vec::new();
        let mut n = Vec::new();
        bytes(1, b"x", &mut n);
        bytes(2, b"y", &mut n);
        bytes(4, b"Relu", &mut n);
        bytes(1, &n, &mut g);
        bytes(2, b"g", &mut g);
        bytes(5, &t, &mut g);
        let mut m = Vec::new();
        uint(1, 8, &mut m);
        bytes(2, b"glassbox-corpus", &mut m);
        bytes(7, &g, &mut m);
        let mut op = Vec::new();
        bytes(1, b"", &mut op);
        uint(2, 17, &mut op);
        bytes(8, &op, &mut m);
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_locations() {
        let m = encode::model_with_initializer("w", Some("../../etc/passwd"));
        let i = parse(&m[..], m.len() as u64).unwrap();
        assert_eq!(i.ir_version, Some(8));
        assert_eq!(i.nodes, 1);
        assert_eq!(
            i.external,
            [ExternalRef {
                tensor: "w".into(),
                location: "../../etc/passwd".into(),
                escapes: true
            }]
        );
        let m = encode::model_with_initializer("w", Some("weights/model.onnx_data"));
        assert!(!parse(&m[..], m.len() as u64).unwrap().external[0].escapes);
        let m = encode::model_with_initializer("w", None);
        assert!(parse(&m[..], m.len() as u64).unwrap().external.is_empty());
        for (p, e) in [
            ("/abs", true),
            ("C:\\x", true),
            ("a/../b", false),
            ("a/../../b", true),
            ("./x", false),
        ] {
            assert_eq!(path_escapes(p), e, "{p}");
        }
    }

    #[test]
    fn not_onnx() {
        assert!(parse(&b"hello world"[..], 11).is_err());
        assert!(parse(&[0x08, 0x08][..], 2).is_err());
        // Zeros (a bomb's payload) end at the first byte, not after walking all of them.
        let zeros = vec![0u8; 1 << 20];
        let e = parse(&zeros[..], zeros.len() as u64).unwrap_err();
        assert!(e.to_string().contains("field number 0 at byte 0"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = parse(&bytes[..], bytes.len() as u64);
        }

        #[test]
        fn never_panics_on_mutations(pos in 0usize..200, val in proptest::prelude::any::<u8>()) {
            let mut m = encode::model_with_initializer("w", Some("x.bin"));
            let i = pos % m.len();
            m[i] = val;
            let _ = parse(&m[..], m.len() as u64);
        }
    }
}
