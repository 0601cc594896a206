//! safetensors headers: read and checked without touching tensor data.
//!
//! The `safetensors` crate validates a header only together with the whole byte buffer; an
//! audit reads the header alone (locally or with an HTTP range), so the header is checked here
//! against the file length instead, with the same rules as the reference implementation.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::FormatError;

/// The reference implementation's limit on the header length (`MAX_HEADER_SIZE`).
pub const MAX_HEADER_SIZE: u64 = 100_000_000;

/// One tensor's entry in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    /// Tensor name.
    pub name: String,
    /// Dtype as written (`F32`, `BF16`, …).
    pub dtype: String,
    /// Shape.
    pub shape: Vec<u64>,
    /// `[begin, end)` relative to the data buffer.
    pub data_offsets: (u64, u64),
}

/// A parsed and checked header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// Tensors in header order.
    pub tensors: Vec<TensorInfo>,
    /// `__metadata__` (string to string).
    pub metadata: BTreeMap<String, String>,
    /// Parameter count per dtype (Σ numel), as the Hub counts them.
    pub params_by_dtype: BTreeMap<String, u64>,
    /// Total parameters.
    pub total_params: u64,
    /// Length of the data buffer the offsets cover.
    pub data_len: u64,
}

/// Bits per element of each dtype the format defines.
pub fn dtype_bits(dtype: &str) -> Option<u64> {
    Some(match dtype {
        "BOOL" | "U8" | "I8" | "F8_E5M2" | "F8_E4M3" | "F8_E8M0" | "F8_E4M3FNUZ"
        | "F8_E5M2FNUZ" => 8,
        "F4" => 4,
        "F6_E2M3" | "F6_E3M2" => 6,
        "I16" | "U16" | "F16" | "BF16" => 16,
        "I32" | "U32" | "F32" => 32,
        "C64" | "F64" | "I64" | "U64" => 64,
        _ => return None,
    })
}

/// Reads the header length from the first 8 bytes and checks it against the file length and
/// [`MAX_HEADER_SIZE`] before anything is allocated for it.
pub fn header_len(prefix: &[u8], file_len: u64) -> Result<u64, FormatError> {
    let bytes: [u8; 8] = prefix
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            FormatError::Truncated(format!(
                "file is {} bytes, shorter than the 8-byte header length",
                prefix.len()
            ))
        })?;
    let n = u64::from_le_bytes(bytes);
    if n > MAX_HEADER_SIZE {
        return Err(FormatError::TooLarge {
            what: "safetensors header length".into(),
            value: n,
            limit: MAX_HEADER_SIZE,
        });
    }
    if n.saturating_add(8) > file_len {
        return Err(FormatError::Truncated(format!(
            "header length {n} runs past the end of the {file_len}-byte file"
        )));
    }
    Ok(n)
}

/// Parses the header JSON (the `n` bytes after the length) and checks the offsets against the
/// file length: contiguous from 0, sizes matching dtype and shape, ending at the end of file.
pub fn parse_header(json: &[u8], file_len: u64) -> Result<Header, FormatError> {
    if json.first() != Some(&b'{') {
        return Err(FormatError::Invalid(
            "header does not start with `{`".into(),
        ));
    }
    let text = std::str::from_utf8(json)
        .map_err(|_| FormatError::Invalid("header is not UTF-8".into()))?;
    let v: Value = serde_json::from_str(text.trim_end_matches(' '))
        .map_err(|e| FormatError::Invalid(format!("header is not valid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| FormatError::Invalid("header is not a JSON object".into()))?;
    let mut h = Header::default();
    for (name, entry) in obj {
        if name == "__metadata__" {
            let m = entry
                .as_object()
                .ok_or_else(|| FormatError::Invalid("__metadata__ is not an object".into()))?;
            for (k, val) in m {
                let s = val.as_str().ok_or_else(|| {
                    FormatError::Invalid(format!("__metadata__.{k} is not a string"))
                })?;
                h.metadata.insert(k.clone(), s.to_string());
            }
            continue;
        }
        h.tensors.push(tensor(name, entry)?);
    }
    let mut order: Vec<&TensorInfo> = h.tensors.iter().collect();
    order.sort_by_key(|t| t.data_offsets);
    let mut cursor = 0u64;
    for t in order {
        let (b, e) = t.data_offsets;
        if b != cursor {
            return Err(FormatError::Invalid(format!(
                "tensor `{}` starts at {b}, expected {cursor} (offsets must be contiguous)",
                t.name
            )));
        }
        let numel = t.shape.iter().try_fold(1u64, |acc, &d| acc.checked_mul(d));
        let bits = dtype_bits(&t.dtype).unwrap_or(0);
        let bytes = numel
            .and_then(|n| n.checked_mul(bits))
            .map(|b| b.div_ceil(8));
        if bytes != Some(e - b) {
            return Err(FormatError::Invalid(format!(
                "tensor `{}` covers {} bytes but {} {:?} needs {}",
                t.name,
                e - b,
                t.dtype,
                t.shape,
                bytes
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| "an overflowing size".into())
            )));
        }
        *h.params_by_dtype.entry(t.dtype.clone()).or_default() += numel.unwrap_or(0);
        h.total_params += numel.unwrap_or(0);
        cursor = e;
    }
    h.data_len = cursor;
    let expected = 8 + json.len() as u64 + cursor;
    if expected != file_len {
        return Err(if expected > file_len {
            FormatError::Truncated(format!(
                "tensor data ends at byte {expected} but the file has {file_len}"
            ))
        } else {
            FormatError::Invalid(format!(
                "{} bytes after the last tensor (file {file_len}, data ends at {expected})",
                file_len - expected
            ))
        });
    }
    Ok(h)
}

fn tensor(name: &str, entry: &Value) -> Result<TensorInfo, FormatError> {
    let bad = |what: &str| FormatError::Invalid(format!("tensor `{name}`: {what}"));
    let o = entry
        .as_object()
        .ok_or_else(|| bad("entry is not an object"))?;
    let dtype = o
        .get("dtype")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no dtype"))?;
    if dtype_bits(dtype).is_none() {
        return Err(bad(&format!("unknown dtype `{dtype}`")));
    }
    let shape = o
        .get("shape")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no shape"))?
        .iter()
        .map(|d| d.as_u64().ok_or_else(|| bad("shape holds a non-integer")))
        .collect::<Result<Vec<_>, _>>()?;
    let offs = o
        .get("data_offsets")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no data_offsets"))?;
    let (b, e) = match offs.as_slice() {
        [b, e] => (
            b.as_u64().ok_or_else(|| bad("bad offset"))?,
            e.as_u64().ok_or_else(|| bad("bad offset"))?,
        ),
        _ => return Err(bad("data_offsets is not [begin, end]")),
    };
    if e < b {
        return Err(bad("data_offsets end before they begin"));
    }
    Ok(TensorInfo {
        name: name.to_string(),
        dtype: dtype.to_string(),
        shape,
        data_offsets: (b, e),
    })
}

/// Largest shard index read.
pub const MAX_INDEX_SIZE: u64 = 64 << 20;

/// `model.safetensors.index.json`: which shard holds each tensor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShardIndex {
    /// `metadata.total_size` (bytes of tensor data over all shards).
    pub total_size: Option<u64>,
    /// Tensor name to shard file name.
    pub weight_map: BTreeMap<String, String>,
}

impl ShardIndex {
    /// Shard file names, each once, sorted.
    pub fn shards(&self) -> Vec<String> {
        let mut v: Vec<String> = self.weight_map.values().cloned().collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Parses a shard index.
pub fn parse_index(json: &[u8]) -> Result<ShardIndex, FormatError> {
    if json.len() as u64 > MAX_INDEX_SIZE {
        return Err(FormatError::TooLarge {
            what: "shard index".into(),
            value: json.len() as u64,
            limit: MAX_INDEX_SIZE,
        });
    }
    let v: Value = serde_json::from_slice(json)
        .map_err(|e| FormatError::Invalid(format!("shard index is not JSON: {e}")))?;
    let map = v
        .get("weight_map")
        .and_then(Value::as_object)
        .ok_or_else(|| FormatError::Invalid("shard index has no weight_map".into()))?;
    let mut idx = ShardIndex {
        total_size: v.pointer("/metadata/total_size").and_then(Value::as_u64),
        ..Default::default()
    };
    for (k, f) in map {
        let f = f
            .as_str()
            .ok_or_else(|| FormatError::Invalid(format!("weight_map.{k} is not a file name")))?;
        idx.weight_map.insert(k.clone(), f.to_string());
    }
    Ok(idx)
}

/// Checks an index against the shard headers found (`None` for a shard that is missing or
/// unreadable): every shard present, every tensor mapped once to the shard that holds it, and
/// the total size matching. Returns one sentence per problem.
pub fn check_shards(index: &ShardIndex, shards: &BTreeMap<String, Option<Header>>) -> Vec<String> {
    let mut issues = Vec::new();
    let mut holder: BTreeMap<&str, &str> = BTreeMap::new();
    let mut total = 0u64;
    for name in index.shards() {
        match shards.get(&name) {
            Some(Some(h)) => {
                total += h.data_len;
                for t in &h.tensors {
                    if let Some(prev) = holder.insert(
                        &t.name,
                        shards
                            .get_key_value(&name)
                            .map(|(k, _)| k.as_str())
                            .unwrap_or(""),
                    ) {
                        issues.push(format!(
                            "tensor `{}` is stored in both `{prev}` and `{name}`",
                            t.name
                        ));
                    }
                }
            }
            Some(None) => issues.push(format!("shard `{name}` named by the index is unreadable")),
            None => issues.push(format!("shard `{name}` named by the index is missing")),
        }
    }
    for (tensor, shard) in &index.weight_map {
        match holder.get(tensor.as_str()) {
            Some(h) if *h == shard => {}
            Some(h) => issues.push(format!(
                "index maps `{tensor}` to `{shard}` but it is stored in `{h}`"
            )),
            None if matches!(shards.get(shard), Some(Some(_))) => issues.push(format!(
                "index maps `{tensor}` to `{shard}`, which does not hold it"
            )),
            None => {}
        }
    }
    for (tensor, shard) in &holder {
        if !index.weight_map.contains_key(*tensor) {
            issues.push(format!(
                "tensor `{tensor}` in `{shard}` is not in the index"
            ));
        }
    }
    if let Some(ts) = index.total_size {
        let all_present = index
            .shards()
            .iter()
            .all(|s| matches!(shards.get(s), Some(Some(_))));
        if all_present && ts != total {
            issues.push(format!(
                "index total_size is {ts} bytes but the shards hold {total}"
            ));
        }
    }
    issues
}

/// Writes a valid safetensors file (F32 tensors) — used by the example generator and tests.
pub fn write_f32(tensors: &[(&str, Vec<u64>, Vec<f32>)], metadata: &[(&str, &str)]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    if !metadata.is_empty() {
        let m: serde_json::Map<String, Value> = metadata
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect();
        header.insert("__metadata__".into(), Value::Object(m));
    }
    let mut data = Vec::new();
    for (name, shape, values) in tensors {
        let begin = data.len();
        for v in values {
            data.extend_from_slice(&v.to_le_bytes());
        }
        header.insert(
            name.to_string(),
            serde_json::json!({"dtype": "F32", "shape": shape, "data_offsets": [begin, data.len()]}),
        );
    }
    let mut json =
        serde_json::to_vec(&Value::Object(header)).expect("serialising a JSON map cannot fail");
    while !json.len().is_multiple_of(8) {
        json.push(b' ');
    }
    let mut out = (json.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(&json);
    out.extend_from_slice(&data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write_f32(
            &[
                ("a", vec![2, 2], vec![1.0; 4]),
                ("b", vec![3], vec![0.5; 3]),
            ],
            &[("format", "pt")],
        )
    }

    fn parse_all(bytes: &[u8]) -> Result<Header, FormatError> {
        let n = header_len(bytes, bytes.len() as u64)?;
        parse_header(&bytes[8..8 + n as usize], bytes.len() as u64)
    }

    #[test]
    fn round_trip() {
        let h = parse_all(&sample()).unwrap();
        assert_eq!(h.total_params, 7);
        assert_eq!(h.params_by_dtype["F32"], 7);
        assert_eq!(h.metadata["format"], "pt");
        assert_eq!(h.data_len, 28);
    }

    #[test]
    fn rejects_lying_and_truncated_files() {
        let mut s = sample();
        s.truncate(s.len() - 1);
        assert!(matches!(parse_all(&s), Err(FormatError::Truncated(_))));
        let mut huge = (1u64 << 63).to_le_bytes().to_vec();
        huge.extend_from_slice(b"{}");
        assert!(matches!(
            parse_all(&huge),
            Err(FormatError::TooLarge { .. })
        ));
        let mut past = 1000u64.to_le_bytes().to_vec();
        past.extend_from_slice(b"{}      ");
        assert!(matches!(parse_all(&past), Err(FormatError::Truncated(_))));
        assert!(matches!(
            parse_all(&[1, 2, 3]),
            Err(FormatError::Truncated(_))
        ));
    }

    #[test]
    fn rejects_holes_and_wrong_sizes() {
        let json = br#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#;
        assert!(parse_header(json, 8 + json.len() as u64 + 4).is_err());
        let json = br#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#;
        assert!(parse_header(json, 8 + json.len() as u64 + 8).is_err());
    }

    #[test]
    fn shard_index_consistency() {
        let a = write_f32(&[("a", vec![2], vec![1.0; 2])], &[]);
        let b = write_f32(&[("b", vec![1], vec![1.0])], &[]);
        let ha = parse_all(&a).unwrap();
        let hb = parse_all(&b).unwrap();
        let idx =
            parse_index(br#"{"metadata":{"total_size":12},"weight_map":{"a":"s1","b":"s2"}}"#)
                .unwrap();
        let mut shards = BTreeMap::new();
        shards.insert("s1".to_string(), Some(ha.clone()));
        shards.insert("s2".to_string(), Some(hb));
        assert!(
            check_shards(&idx, &shards).is_empty(),
            "{:?}",
            check_shards(&idx, &shards)
        );
        shards.remove("s2");
        assert_eq!(
            check_shards(&idx, &shards),
            ["shard `s2` named by the index is missing"]
        );
        let idx =
            parse_index(br#"{"metadata":{"total_size":99},"weight_map":{"a":"s1","c":"s1"}}"#)
                .unwrap();
        let mut shards = BTreeMap::new();
        shards.insert("s1".to_string(), Some(ha));
        let issues = check_shards(&idx, &shards);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(parse_index(b"[]").is_err());
    }

    proptest::proptest! {
        #[test]
        fn index_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let _ = parse_index(&bytes);
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let _ = parse_all(&bytes);
        }
    }
}
