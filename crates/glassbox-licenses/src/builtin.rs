//! The first, small table of licenses: the ones the bundled examples and common releases use.

use glassbox_core::{LicenseKind, Tier};

use crate::LicenseInfo;

fn e(id: &str, name: &str, tier: Tier, osi: bool, obligations: &[&str]) -> LicenseInfo {
    LicenseInfo {
        id: id.into(),
        name: name.into(),
        tier,
        osi_approved: osi,
        kind: LicenseKind::License,
        obligations: obligations.iter().map(|s| s.to_string()).collect(),
    }
}

pub(crate) fn entries() -> Vec<LicenseInfo> {
    use Tier::*;
    vec![
        e(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0",
            O,
            false,
            &["Give appropriate credit and link the license."],
        ),
        e(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0",
            O,
            false,
            &["Give credit; share adaptations under the same license."],
        ),
        e(
            "CC-BY-NC-4.0",
            "Creative Commons Attribution-NonCommercial 4.0",
            NC,
            false,
            &["No commercial use."],
        ),
        e(
            "CC-BY-NC-SA-4.0",
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
            NC,
            false,
            &["No commercial use; share adaptations alike."],
        ),
        e(
            "CC-BY-NC-ND-4.0",
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
            NC,
            false,
            &["No commercial use; no sharing of adaptations."],
        ),
        e(
            "CC-BY-ND-4.0",
            "Creative Commons Attribution-NoDerivatives 4.0",
            NC,
            false,
            &["No sharing of adapted material."],
        ),
        e("CC0-1.0", "Creative Commons Zero 1.0", O, false, &[]),
        e(
            "ODC-By-1.0",
            "Open Data Commons Attribution 1.0",
            O,
            false,
            &["Attribute the database."],
        ),
        e(
            "ODbL-1.0",
            "Open Data Commons Open Database License 1.0",
            O,
            false,
            &["Share adapted databases alike."],
        ),
        e(
            "CDLA-Permissive-2.0",
            "Community Data License Agreement Permissive 2.0",
            O,
            false,
            &["Keep the agreement text with the data."],
        ),
        e(
            "CDLA-Sharing-1.0",
            "Community Data License Agreement Sharing 1.0",
            O,
            false,
            &["Share data under the same terms."],
        ),
        e(
            "OpenMDW-1.0",
            "OpenMDW License 1.0",
            O,
            false,
            &["Keep copyright and license notices."],
        ),
        e(
            "LicenseRef-Llama-2",
            "Llama 2 Community License",
            R,
            false,
            &[
                "A license from Meta is needed above 700 million monthly active users.",
                "Follow the Llama 2 Acceptable Use Policy.",
            ],
        ),
        e(
            "LicenseRef-Llama-3",
            "Meta Llama 3 Community License",
            R,
            false,
            &[
                "Display 'Built with Meta Llama 3'.",
                "A license from Meta is needed above 700 million monthly active users.",
            ],
        ),
        e(
            "LicenseRef-Llama-3.1",
            "Llama 3.1 Community License",
            R,
            false,
            &[
                "Display 'Built with Llama'.",
                "A license from Meta is needed above 700 million monthly active users.",
            ],
        ),
        e(
            "LicenseRef-Llama-3.2",
            "Llama 3.2 Community License",
            R,
            false,
            &[
                "Display 'Built with Llama'.",
                "Multimodal models: no rights for EU-domiciled users.",
            ],
        ),
        e(
            "LicenseRef-Llama-3.3",
            "Llama 3.3 Community License",
            R,
            false,
            &["Display 'Built with Llama'."],
        ),
        e(
            "LicenseRef-Llama-4",
            "Llama 4 Community License",
            R,
            false,
            &["Display 'Built with Llama'."],
        ),
        e(
            "LicenseRef-Gemma",
            "Gemma Terms of Use",
            R,
            false,
            &["Pass the use restrictions on to derivatives."],
        ),
        e(
            "LicenseRef-OpenRAIL",
            "OpenRAIL (family)",
            R,
            false,
            &["Pass the use restrictions on to derivatives."],
        ),
        e(
            "LicenseRef-BigScience-OpenRAIL-M",
            "BigScience OpenRAIL-M",
            R,
            false,
            &["Pass the use restrictions (Attachment A) on to derivatives."],
        ),
        e(
            "LicenseRef-CreativeML-OpenRAIL-M",
            "CreativeML OpenRAIL-M",
            R,
            false,
            &["Pass the use restrictions (Attachment A) on to derivatives."],
        ),
        e(
            "LicenseRef-BigScience-BLOOM-RAIL-1.0",
            "BigScience BLOOM RAIL 1.0",
            R,
            false,
            &["Pass the use restrictions on to derivatives."],
        ),
        e(
            "LicenseRef-BigCode-OpenRAIL-M",
            "BigCode OpenRAIL-M v1",
            R,
            false,
            &["Pass the use restrictions on to derivatives."],
        ),
        e(
            "LicenseRef-OpenRAIL++",
            "CreativeML OpenRAIL++-M",
            R,
            false,
            &["Pass the use restrictions on to derivatives."],
        ),
    ]
}

/// Hugging Face `license:` tags whose id differs from SPDX.
pub(crate) fn hf_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "llama2" => "LicenseRef-Llama-2",
        "llama3" => "LicenseRef-Llama-3",
        "llama3.1" => "LicenseRef-Llama-3.1",
        "llama3.2" => "LicenseRef-Llama-3.2",
        "llama3.3" => "LicenseRef-Llama-3.3",
        "llama4" => "LicenseRef-Llama-4",
        "gemma" => "LicenseRef-Gemma",
        "openrail" => "LicenseRef-OpenRAIL",
        "bigscience-openrail-m" => "LicenseRef-BigScience-OpenRAIL-M",
        "creativeml-openrail-m" => "LicenseRef-CreativeML-OpenRAIL-M",
        "bigscience-bloom-rail-1.0" => "LicenseRef-BigScience-BLOOM-RAIL-1.0",
        "bigcode-openrail-m" => "LicenseRef-BigCode-OpenRAIL-M",
        "openrail++" => "LicenseRef-OpenRAIL++",
        "gpl-2.0" => "GPL-2.0-only",
        "gpl-3.0" => "GPL-3.0-only",
        "lgpl-2.1" => "LGPL-2.1-only",
        "lgpl-3.0" => "LGPL-3.0-only",
        "agpl-3.0" => "AGPL-3.0-only",
        "odc-by" => "ODC-By-1.0",
        "odbl" => "ODbL-1.0",
        "pddl" => "PDDL-1.0",
        "openmdw-1.0" => "OpenMDW-1.0",
        _ => return None,
    })
}

/// `license_name` values used with `license: other`.
pub(crate) fn hf_other(name: &str) -> Option<&'static str> {
    let _ = name;
    None
}

/// An SPDX list entry the table does not cover: tier from the SPDX flags.
pub(crate) fn from_spdx(l: spdx::LicenseId) -> LicenseInfo {
    let tier = if l.is_osi_approved() {
        Tier::P
    } else {
        Tier::None
    };
    LicenseInfo {
        id: l.name.to_string(),
        name: l.full_name.to_string(),
        tier,
        osi_approved: l.is_osi_approved(),
        kind: LicenseKind::License,
        obligations: Vec::new(),
    }
}
