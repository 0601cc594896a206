//! Identifiers in bills of materials: license forms, stable UUIDs, artifact hashes.

use glassbox_core::Report;

use crate::escape;

/// How a license id is best written in a bill of materials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseForm {
    /// One id of the SPDX License List.
    SpdxId(String),
    /// A compound SPDX expression (`Apache-2.0 OR MIT`, `… WITH …`).
    Expression(String),
    /// Anything else (a `LicenseRef-`, a Hub tag like `llama3.1`): name, id and a URL if known.
    Named {
        /// Human name.
        name: String,
        /// The id glassbox resolved (used to form a `LicenseRef-`).
        id: String,
        /// Where the text is.
        url: Option<String>,
    },
}

/// Sorts a license into an SPDX id, an SPDX expression, or a named license.
pub fn license_form(id: &str, name: &str, url: Option<&str>) -> LicenseForm {
    let id = id.trim();
    if spdx::license_id(id).is_some_and(|l| l.name == id) {
        return LicenseForm::SpdxId(id.to_string());
    }
    let compound = id.contains(" AND ") || id.contains(" OR ") || id.contains(" WITH ");
    if compound && spdx::Expression::parse(id).is_ok() {
        return LicenseForm::Expression(id.to_string());
    }
    LicenseForm::Named {
        name: if name.trim().is_empty() {
            id.to_string()
        } else {
            name.trim().to_string()
        },
        id: id.to_string(),
        url: url.and_then(escape::safe_url).map(str::to_string),
    }
}

/// A `LicenseRef-` id for a license outside the SPDX list, made of the characters SPDX allows.
pub fn license_ref(id: &str) -> String {
    let body = id.strip_prefix("LicenseRef-").unwrap_or(id);
    let clean: String = body
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_matches('-');
    format!(
        "LicenseRef-{}",
        if clean.is_empty() { "unknown" } else { clean }
    )
}

/// A stable 128-bit digest (two FNV-1a 64 lanes) for deterministic document ids.
pub fn digest128(bytes: &[u8]) -> u128 {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &x in bytes {
        a ^= u64::from(x);
        a = a.wrapping_mul(0x0000_0100_0000_01b3);
        b ^= u64::from(x.rotate_left(3));
        b = b.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (u128::from(a) << 64) | u128::from(b)
}

/// A deterministic RFC 9562 version-8 UUID for a report, so the same report always yields the
/// same document id.
pub fn report_uuid(report: &Report) -> String {
    let bytes = serde_json::to_vec(report).unwrap_or_default();
    let mut d = digest128(&bytes);
    d = (d & !(0xf << 76)) | (0x8 << 76); // version 8
    d = (d & !(0x3 << 62)) | (0x2 << 62); // RFC variant
    let h = format!("{d:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A lower-case 64-hex SHA-256 of an artifact: its own, or its LFS object id.
pub fn artifact_sha256(a: &glassbox_core::Artifact) -> Option<String> {
    let raw = a
        .sha256
        .as_deref()
        .or_else(|| a.lfs.as_ref().and_then(|l| l.oid.strip_prefix("sha256:")))?;
    let raw = raw.trim().to_ascii_lowercase();
    (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())).then_some(raw)
}
