//! License tests of the Model Openness Tool (MOT), reproduced exactly, and the type-appropriate
//! table glassbox uses for the strict MOF mode.
//!
//! MOT (`LicenseHandler::isOpenSourceLicense`, lfai/model_openness_tool @ 8b5d30e) calls a
//! license open when its id is FSF-libre or OSI-approved in its license table, or is in one of two
//! hard-coded lists. The table is the SPDX license list, then `mof-licenses.json` overwrites the
//! flags of its 31 entries. Ids are compared exactly and case-sensitively: `Apache 2.0`,
//! `apache-2.0` or `MIT License` are not in the table and so are "invalid".
//!
//! The SPDX flags come from the `spdx` crate (its bundled list is newer than the 2024-05-21 list
//! MOT imported; an id added to SPDX later is counted open here when OSI/FSF flag it, where MOT
//! would call it invalid. No AI-relevant id is affected).

use glassbox_core::ContentType;

/// `LicenseHandler::OPEN_DATA_LICENSES`: open whatever the table says.
pub const OPEN_DATA_LICENSES: [&str; 31] = [
    "CC0-1.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-2.5-AU",
    "CC-BY-3.0",
    "CC-BY-3.0-AT",
    "CC-BY-3.0-AU",
    "CC-BY-3.0-DE",
    "CC-BY-3.0-IGO",
    "CC-BY-3.0-NL",
    "CC-BY-3.0-US",
    "CC-BY-4.0",
    "CC-BY-SA-1.0",
    "CC-BY-SA-2.0",
    "CC-BY-SA-2.0-UK",
    "CC-BY-SA-2.1-JP",
    "CC-BY-SA-2.5",
    "CC-BY-SA-3.0",
    "CC-BY-SA-3.0-AT",
    "CC-BY-SA-4.0",
    "CDLA-Permissive-1.0",
    "CDLA-Permissive-2.0",
    "CDLA-Sharing-1.0",
    "ODC-PDDL-1.0",
    "ODC-By-1.0",
    "ODbL-1.0",
    "GFDL-1.3",
    "OGL-Canada-2.0",
    "OGL-UK-2.0",
    "OGL-UK-3.0",
];

/// `LicenseHandler::OPEN_LICENSES`: open although neither OSI nor FSF flags it.
pub const OPEN_LICENSES: [&str; 1] = ["OpenMDW-1.0"];

/// The 31 entries of `mof-licenses.json` (one per id; the file lists CC0-1.0 and CC-PDDC twice and
/// the later entry wins): id, OSI flag, FSF flag, content types. These flags replace SPDX's.
const MOF_TABLE: [(&str, bool, bool, &[ContentType]); 29] = {
    use ContentType::{Code as C, Data as D, Document as T};
    [
        ("0BSD", true, false, &[C]),
        ("AFL-1.1", true, true, &[C]),
        ("AFL-1.2", true, true, &[C]),
        ("AFL-2.0", true, true, &[C]),
        ("AFL-2.1", true, true, &[C]),
        ("AFL-3.0", true, true, &[C]),
        ("Apache-1.0", false, true, &[C]),
        ("Apache-1.1", true, true, &[C]),
        ("Apache-2.0", true, true, &[C, T]),
        ("ECL-1.0", true, false, &[C]),
        ("ECL-2.0", true, true, &[C]),
        ("ISC", true, true, &[C]),
        ("MIT", true, true, &[C]),
        ("MIT-0", true, false, &[C]),
        ("MulanPSL-1.0", false, false, &[C]),
        ("MulanPSL-2.0", true, false, &[C]),
        ("NCSA", true, true, &[C]),
        ("UPL-1.0", true, true, &[C]),
        ("CDLA-Permissive-1.0", false, false, &[D]),
        ("CDLA-Permissive-2.0", false, false, &[D]),
        ("C-UDA-1.0", false, false, &[D]),
        ("PDDL-1.0", false, false, &[D]),
        ("CC-BY-4.0", false, true, &[T]),
        ("CC-BY-SA-3.0", false, false, &[T]),
        ("CC-BY-SA-4.0", false, true, &[T]),
        ("FreeBSD-DOC", false, false, &[T]),
        ("CC-PDDC", false, false, &[T]),
        ("CC0-1.0", false, true, &[T]),
        ("OpenMDW-1.0", false, false, &[T, D, C]),
    ]
};

fn mof_entry(id: &str) -> Option<&'static (&'static str, bool, bool, &'static [ContentType])> {
    MOF_TABLE.iter().find(|e| e.0 == id)
}

/// An SPDX license whose id is exactly `id` (no case folding, no `+` suffix).
fn spdx_exact(id: &str) -> Option<spdx::LicenseId> {
    spdx::license_id(id).filter(|l| l.name == id)
}

/// MOT's open test on one license id, exactly as the tool does it.
pub fn mot_is_open(id: &str) -> bool {
    if OPEN_DATA_LICENSES.contains(&id) || OPEN_LICENSES.contains(&id) {
        return true;
    }
    if let Some(&(_, osi, fsf, _)) = mof_entry(id) {
        return osi || fsf;
    }
    spdx_exact(id).is_some_and(|l| l.is_osi_approved() || l.is_fsf_free_libre())
}

/// MOT's type-appropriate test: the id's content types (set only by `mof-licenses.json`)
/// include the component's type. Only produces a warning in MOT.
pub fn mot_is_type_appropriate(id: &str, t: ContentType) -> bool {
    mof_entry(id).is_some_and(|e| e.3.contains(&t))
}

/// Whether `id` is a license MOT's table knows at all (used to word reasons).
pub fn mot_knows(id: &str) -> bool {
    mof_entry(id).is_some() || spdx_exact(id).is_some() || OPEN_LICENSES.contains(&id)
}

/// The SPDX id `id` stands for, ignoring case (`apache-2.0` → `Apache-2.0`).
pub fn canonical_id(id: &str) -> Option<&'static str> {
    let id = id.trim();
    if let Some(known) = OPEN_DATA_LICENSES
        .iter()
        .chain(OPEN_LICENSES.iter())
        .find(|k| k.eq_ignore_ascii_case(id))
    {
        return Some(known);
    }
    if let Some(l) = spdx::license_id(id) {
        return Some(l.name);
    }
    spdx::identifiers::LICENSES
        .iter()
        .find(|l| l.name.eq_ignore_ascii_case(id))
        .map(|l| l.name)
}

/// Open in the strict mode: MOT's open test on the canonical id.
fn strict_open_id(id: &str) -> bool {
    canonical_id(id).is_some_and(mot_is_open)
}

/// Type-appropriate in the strict mode (glassbox's reading of the MOF specification: "an open
/// source license is an open license appropriate for code", open-data licenses for data,
/// open-content licenses for documentation).
///
/// Unlike MOT's own table: every OSI-approved license is a code license (MOT lists 19 permissive
/// ones only), CC0-1.0 covers data and documents (MOT's import keeps only its last entry,
/// document), and MOT's hard-coded open-data list counts as data licenses.
fn strict_type_ok_id(id: &str, t: ContentType) -> bool {
    let Some(id) = canonical_id(id) else {
        return false;
    };
    if id == "OpenMDW-1.0" {
        return true;
    }
    match t {
        ContentType::Code => {
            spdx_exact(id).is_some_and(|l| l.is_osi_approved()) || mot_is_type_appropriate(id, t)
        }
        ContentType::Data => {
            OPEN_DATA_LICENSES.contains(&id)
                || matches!(id, "PDDL-1.0" | "C-UDA-1.0")
                || mot_is_type_appropriate(id, t)
        }
        ContentType::Document => {
            id.starts_with("CC-BY-") && !id.contains("-NC") && !id.contains("-ND")
                || id.starts_with("GFDL-")
                || matches!(id, "CC0-1.0" | "CC-PDDC" | "FreeBSD-DOC")
                || mot_is_type_appropriate(id, t)
        }
    }
}

/// The strict test on a license id or SPDX expression: open and type-appropriate. `OR` lets the
/// licensee pick one acceptable choice; `AND` needs every part.
pub fn strict_ok(expr: &str, t: ContentType) -> bool {
    let check = |id: &str| strict_open_id(id) && strict_type_ok_id(id, t);
    if check(expr) {
        return true;
    }
    match spdx::Expression::parse_mode(expr, spdx::ParseMode::LAX) {
        Ok(parsed) => parsed.evaluate(|req| match &req.license {
            spdx::LicenseItem::Spdx { id, .. } => req.addition.is_none() && check(id.name),
            spdx::LicenseItem::Other { .. } => false,
        }),
        Err(_) => false,
    }
}

/// Strict openness without the type test (used to word reasons: "open, but not for data").
pub fn strict_open(expr: &str) -> bool {
    if strict_open_id(expr) {
        return true;
    }
    match spdx::Expression::parse_mode(expr, spdx::ParseMode::LAX) {
        Ok(parsed) => parsed.evaluate(|req| match &req.license {
            spdx::LicenseItem::Spdx { id, .. } => req.addition.is_none() && strict_open_id(id.name),
            spdx::LicenseItem::Other { .. } => false,
        }),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContentType::*;

    #[test]
    fn mot_open_test_is_exact_and_case_sensitive() {
        for id in [
            "Apache-2.0",
            "MIT",
            "GPL-3.0-only",
            "BSD-3-Clause",
            "CC-BY-4.0",
            "CC0-1.0",
            "OpenMDW-1.0",
            "Apache-1.0",
            "ODbL-1.0",
            "ODC-PDDL-1.0",
        ] {
            assert!(mot_is_open(id), "{id} should be open");
        }
        for id in [
            "apache-2.0",
            "Apache 2.0",
            "MIT License",
            "BSD-3",
            "CC-BY-NC-4.0",
            "LicenseRef-Llama-3.1",
            "",
            "unlicensed",
            "MulanPSL-1.0",
            "C-UDA-1.0",
            "PDDL-1.0",
            "CC-PDDC",
            "FreeBSD-DOC",
            "MIT+",
        ] {
            assert!(!mot_is_open(id), "{id} should not be open");
        }
    }

    #[test]
    fn mot_type_table_keeps_its_quirks() {
        assert!(mot_is_type_appropriate("Apache-2.0", Code));
        assert!(mot_is_type_appropriate("Apache-2.0", Document));
        assert!(!mot_is_type_appropriate("Apache-2.0", Data));
        assert!(
            !mot_is_type_appropriate("CC0-1.0", Data),
            "last duplicate entry wins: document only"
        );
        assert!(!mot_is_type_appropriate("BSD-3-Clause", Code));
        assert!(mot_is_type_appropriate("OpenMDW-1.0", Data));
    }

    #[test]
    fn strict_mode_reads_meaning_not_spelling() {
        assert!(strict_ok("apache-2.0", Code));
        assert!(strict_ok("BSD-3-Clause", Code));
        assert!(
            !strict_ok("Apache-2.0", Data),
            "weights are data: Apache is not an open-data license"
        );
        assert!(strict_open("Apache-2.0"));
        assert!(strict_ok("CDLA-Permissive-2.0", Data));
        assert!(strict_ok("CC0-1.0", Data));
        assert!(strict_ok("CC-BY-4.0", Document));
        assert!(!strict_ok("CC-BY-NC-4.0", Document));
        assert!(strict_ok("MIT OR CC-BY-NC-4.0", Code));
        assert!(!strict_ok("MIT AND CC-BY-NC-4.0", Code));
        assert!(!strict_ok("LicenseRef-Llama-3.1", Data));
        assert!(!strict_ok("not a license ((", Code));
    }
}
