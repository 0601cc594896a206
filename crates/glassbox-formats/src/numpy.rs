//! NumPy `.npy` headers (format 1.0–3.0). An object dtype means the payload is a pickle.

use crate::FormatError;

/// `\x93NUMPY`.
pub const MAGIC: &[u8] = b"\x93NUMPY";
/// Largest header accepted (NumPy itself refuses headers over 10,000 bytes by default).
pub const MAX_HEADER: u64 = 1 << 20;

/// A parsed `.npy` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpyHeader {
    /// Format version.
    pub version: (u8, u8),
    /// Offset of the array data (after magic, lengths and header).
    pub data_offset: u64,
    /// The `descr` value as written.
    pub descr: String,
    /// `fortran_order`.
    pub fortran_order: bool,
    /// `shape`.
    pub shape: Vec<u64>,
    /// True when any field of the dtype is `O` (Python objects, stored as a pickle).
    pub has_object: bool,
}

/// Total header length (magic, version, length field, header) from the first 12 bytes.
pub fn header_len(prefix: &[u8]) -> Result<u64, FormatError> {
    if !prefix.starts_with(MAGIC) {
        return Err(FormatError::Invalid("not a .npy file (magic)".into()));
    }
    let major = *prefix
        .get(6)
        .ok_or_else(|| FormatError::Truncated("npy version".into()))?;
    let (len, fixed) = match major {
        1 => (
            u64::from(u16::from_le_bytes(
                prefix
                    .get(8..10)
                    .ok_or_else(|| FormatError::Truncated("npy header length".into()))?
                    .try_into()
                    .expect("2 bytes"),
            )),
            10,
        ),
        2 | 3 => (
            u64::from(u32::from_le_bytes(
                prefix
                    .get(8..12)
                    .ok_or_else(|| FormatError::Truncated("npy header length".into()))?
                    .try_into()
                    .expect("4 bytes"),
            )),
            12,
        ),
        v => {
            return Err(FormatError::Invalid(format!(
                "unsupported .npy format version {v}"
            )))
        }
    };
    if len > MAX_HEADER {
        return Err(FormatError::TooLarge {
            what: ".npy header length".into(),
            value: len,
            limit: MAX_HEADER,
        });
    }
    Ok(fixed + len)
}

/// Parses the header from bytes that hold at least [`header_len`] bytes.
pub fn parse_header(b: &[u8]) -> Result<NpyHeader, FormatError> {
    let total = header_len(b)? as usize;
    let fixed = if b[6] == 1 { 10 } else { 12 };
    let text = b.get(fixed..total).ok_or_else(|| {
        FormatError::Truncated(format!(".npy header needs {total} bytes, have {}", b.len()))
    })?;
    let text: String = if b[6] == 3 {
        String::from_utf8_lossy(text).into_owned()
    } else {
        text.iter().map(|&c| c as char).collect()
    };
    let descr_at = text
        .find("'descr'")
        .or_else(|| text.find("\"descr\""))
        .ok_or_else(|| FormatError::Invalid(".npy header has no descr".into()))?;
    let after = text[descr_at + 7..]
        .trim_start()
        .strip_prefix(':')
        .ok_or_else(|| FormatError::Invalid(".npy descr has no value".into()))?
        .trim_start();
    let descr_src = value_extent(after);
    let is_obj = |s: &&str| {
        let s = s.trim_start_matches(['<', '>', '|', '=']);
        s.starts_with('O') && s[1..].chars().all(|c| c.is_ascii_digit())
    };
    // In a structured dtype `[('name', 'type'), …]` the first string of each tuple is a field
    // name, not a type.
    let has_object = if descr_src.trim_start().starts_with('[') {
        descr_src
            .split('(')
            .skip(1)
            .any(|t| quoted(t).iter().skip(1).any(is_obj))
    } else {
        quoted(descr_src).iter().any(is_obj)
    };
    let fortran_order =
        text.contains("'fortran_order': True") || text.contains("\"fortran_order\": True");
    let shape = text
        .find("'shape'")
        .or_else(|| text.find("\"shape\""))
        .and_then(|i| {
            let rest = &text[i..];
            let (s, e) = (rest.find('(')?, rest.find(')')?);
            (s < e).then(|| {
                rest[s + 1..e]
                    .split(',')
                    .filter_map(|p| p.trim().parse::<u64>().ok())
                    .collect()
            })
        })
        .unwrap_or_default();
    Ok(NpyHeader {
        version: (b[6], b[7]),
        data_offset: total as u64,
        descr: descr_src.trim().to_string(),
        fortran_order,
        shape,
        has_object,
    })
}

/// The source text of one Python literal at the start of `s` (string, or bracketed list).
fn value_extent(s: &str) -> &str {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '(' | '{') => depth += 1,
            (None, ']' | ')' | '}') => {
                depth -= 1;
                if depth < 0 {
                    return &s[..i];
                }
            }
            (None, ',') if depth == 0 => return &s[..i],
            _ => {}
        }
    }
    s
}

fn quoted(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['\'', '"']) {
        let q = rest.as_bytes()[i] as char;
        let body = &rest[i + 1..];
        match body.find(q) {
            Some(j) => {
                out.push(&body[..j]);
                rest = &body[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Writes a `.npy` v1.0 file with the given descr, shape and raw data (tests and corpus).
pub fn write(descr: &str, shape: &[u64], data: &[u8]) -> Vec<u8> {
    let shape_s = match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut h = format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape_s}, }}");
    while (10 + h.len() + 1) % 64 != 0 {
        h.push(' ');
    }
    h.push('\n');
    let mut o = MAGIC.to_vec();
    o.extend_from_slice(&[1, 0]);
    o.extend_from_slice(&(h.len() as u16).to_le_bytes());
    o.extend_from_slice(h.as_bytes());
    o.extend_from_slice(data);
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_object_dtypes() {
        let b = write("'<f4'", &[2, 3], &[0; 24]);
        let h = parse_header(&b).unwrap();
        assert_eq!(h.shape, [2, 3]);
        assert!(!h.has_object);
        assert_eq!(h.data_offset % 64, 0);
        assert!(
            parse_header(&write("'|O'", &[1], b"\x80\x02N."))
                .unwrap()
                .has_object
        );
        assert!(
            parse_header(&write("[('a', '<f4'), ('b', '|O')]", &[1], &[]))
                .unwrap()
                .has_object
        );
        assert!(
            !parse_header(&write("[('O', '<f4')]", &[1], &[]))
                .unwrap()
                .has_object
        );
        assert!(
            !parse_header(&write("'<U3'", &[1], &[0; 12]))
                .unwrap()
                .has_object
        );
    }

    #[test]
    fn lying_header_length() {
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&[2, 0]);
        b.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(header_len(&b), Err(FormatError::TooLarge { .. })));
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&[1, 0, 200, 0]);
        assert!(matches!(parse_header(&b), Err(FormatError::Truncated(_))));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200), v in 0u8..4) {
            let mut b = MAGIC.to_vec();
            b.push(v);
            b.extend_from_slice(&bytes);
            let _ = parse_header(&b);
        }

        #[test]
        fn descr_round_trip(d in "'[<>|][fiuO][1248]'") {
            let h = parse_header(&write(&d, &[3], &[])).unwrap();
            proptest::prop_assert_eq!(h.has_object, d.contains('O'));
        }
    }
}
