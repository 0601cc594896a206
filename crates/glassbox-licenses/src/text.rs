//! First-step identification of a license text: by its title line.

use glassbox_core::LicenseKind;

use crate::{Identification, Kb};

const TITLES: &[(&str, &str)] = &[
    ("apache license", "Apache-2.0"),
    ("mit license", "MIT"),
    ("bsd 3-clause", "BSD-3-Clause"),
    ("llama 2 community license", "LicenseRef-Llama-2"),
    ("meta llama 3 community license", "LicenseRef-Llama-3"),
    ("llama 3.1 community license", "LicenseRef-Llama-3.1"),
    ("llama 3.2 community license", "LicenseRef-Llama-3.2"),
    ("llama 3.3 community license", "LicenseRef-Llama-3.3"),
    ("llama 4 community license", "LicenseRef-Llama-4"),
    ("gemma terms of use", "LicenseRef-Gemma"),
    ("creativeml open rail-m", "LicenseRef-CreativeML-OpenRAIL-M"),
    ("bigscience open rail-m", "LicenseRef-BigScience-OpenRAIL-M"),
    ("attribution-noncommercial 4.0", "CC-BY-NC-4.0"),
    ("attribution 4.0 international", "CC-BY-4.0"),
];

pub(crate) fn identify(kb: &Kb, text: &str) -> Identification {
    let head: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let head = head.to_ascii_lowercase();
    for (title, id) in TITLES {
        if head.contains(title) {
            return Identification {
                kind: LicenseKind::License,
                license: kb.by_id(id),
                score: 0.5,
                modified: false,
                method: "title-line",
            };
        }
    }
    Identification {
        kind: LicenseKind::Unknown,
        license: None,
        score: 0.0,
        modified: false,
        method: "none",
    }
}
