//! Bad input gives a clear result, never a panic: binary, huge, invalid UTF-8, empty, UTF-16.

use glassbox_core::LicenseKind;
use glassbox_licenses::{kb, MAX_FILE_BYTES};
use proptest::prelude::*;

const MIT: &str = "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";

#[test]
fn empty_and_blank() {
    for t in ["", "   \n\n\t  "] {
        let r = kb().identify_text(t);
        assert_eq!((r.kind, r.method.as_str()), (LicenseKind::Unknown, "empty"));
        assert_eq!(kb().identify_bytes(t.as_bytes()).method.as_str(), "empty");
    }
}

#[test]
fn binary_is_reported() {
    let mut b = vec![0u8, 1, 2, 3, 0xff, 0xfe, 0x00, 0x10];
    b.extend_from_slice(MIT.as_bytes());
    let r = kb().identify_bytes(&b);
    assert_eq!(
        (r.kind, r.method.as_str()),
        (LicenseKind::Unknown, "binary")
    );
    assert!(r.license.is_none());
}

#[test]
fn invalid_utf8_is_replaced_and_still_identified() {
    let mut b = MIT.as_bytes().to_vec();
    b.extend_from_slice(&[0xc3, 0x28, 0xa0, 0xa1]);
    let r = kb().identify_bytes(&b);
    assert_eq!(r.license.as_ref().map(|l| l.id.as_str()), Some("MIT"));
    assert!(r.notes.iter().any(|n| n.contains("invalid UTF-8")));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut b = vec![0xff, 0xfe];
    for u in MIT.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let r = kb().identify_bytes(&b);
    assert_eq!(r.license.as_ref().map(|l| l.id.as_str()), Some("MIT"));
    assert!(!r.modified);
}

#[test]
fn huge_input_is_read_as_a_bounded_prefix() {
    let mut b = MIT.as_bytes().to_vec();
    b.extend(std::iter::repeat_n(b'x', MAX_FILE_BYTES + 10));
    let r = kb().identify_bytes(&b);
    assert!(r.notes.iter().any(|n| n.contains("first")), "{:?}", r.notes);
    assert_eq!(r.license.as_ref().map(|l| l.id.as_str()), Some("MIT"));
    // One huge line of text without any sentence end.
    let one_line = "word ".repeat(400_000);
    let r = kb().identify_text(&one_line);
    assert_eq!(r.kind, LicenseKind::Unknown);
}

#[test]
fn prose_is_unknown_and_a_strange_license_is_unrecognised() {
    let prose = "This repository contains the training scripts for our model. Run the script with Python. The results are in the paper, which describes the data pipeline and the evaluation in detail.";
    let r = kb().identify_text(prose);
    assert_eq!((r.kind, r.method.as_str()), (LicenseKind::Unknown, "none"));
    let odd = "Frobnicator Public License. The Licensor grants the Licensee permission to use the work. This license gives rights to copy. The copyright holder disclaims any warranty and all liability. The licensee must follow the terms and conditions of this license, and the grant ends if the licensee breaks them. Nothing else is granted.";
    let r = kb().identify_text(odd);
    assert_eq!(
        (r.kind, r.method.as_str()),
        (LicenseKind::License, "unrecognised-license")
    );
    assert!(r.license.is_none());
}

#[test]
fn notices_and_spdx_tags() {
    let r = kb().identify_text("Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.");
    assert_eq!(r.kind, LicenseKind::Notice);
    assert_eq!(r.license.unwrap().id, "LicenseRef-Llama-3.1");
    let r = kb().identify_text("// SPDX-License-Identifier: Apache-2.0 OR MIT\nfn main() {}\n");
    assert_eq!(
        (r.kind, r.method.as_str()),
        (LicenseKind::Notice, "spdx-id")
    );
    assert_eq!(r.license.unwrap().tier, glassbox_core::Tier::P);
    let r = kb().identify_text("# SPDX-License-Identifier: MIT AND (\n");
    assert_eq!(r.method.as_str(), "spdx-id");
    assert!(r.license.is_none() && !r.notes.is_empty());
}

#[test]
fn titles_of_licenses_without_a_stored_text() {
    let r = kb().identify_text("# Mistral AI Research License\n\nIf You want to use a Mistral Model, a Derivative or an Output for any purpose that is not expressly authorized under this Agreement, You must request a license from Mistral AI.");
    assert_eq!(
        r.license.as_ref().map(|l| l.id.as_str()),
        Some("LicenseRef-Mistral-MRL-0.1")
    );
    assert_eq!(r.method.as_str(), "title-phrase");
    assert!(r.notes.iter().any(|n| n.contains("title only")));
    // Dated versions of one family are told apart by their title lines.
    for (head, id) in [
        ("Gemma Terms of Use\n\nLast modified: February 21, 2024", "LicenseRef-Gemma-ToU-2024-02-21"),
        ("Gemma Terms of Use\n\nLast modified: April 1, 2024", "LicenseRef-Gemma-ToU-2024-04-01"),
        ("**Gemma Terms of Use**\n\nLast modified: March 24, 2025", "LicenseRef-Gemma-ToU-2025-03-24"),
        ("Qwen RESEARCH LICENSE AGREEMENT\n\nQwen RESEARCH LICENSE AGREEMENT Release Date: September 19, 2024", "LicenseRef-Qwen-Research"),
        ("Qwen LICENSE AGREEMENT\n\nQwen LICENSE AGREEMENT Release Date: September 19, 2024", "LicenseRef-Qwen"),
        ("# Mistral AI Non-Production License", "LicenseRef-Mistral-MNPL-0.1"),
    ] {
        let r = kb().identify_text(head);
        assert_eq!(r.license.as_ref().map(|l| l.id.as_str()), Some(id), "{head}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let r = kb().identify_bytes(&b);
        prop_assert!((0.0..=1.0).contains(&r.score));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,2000}") {
        let r = kb().identify_text(&s);
        prop_assert!((0.0..=1.0).contains(&r.score));
    }

    #[test]
    fn mangled_mit_never_panics(cut in 0usize..1100, junk in "[*#\\[\\]()<>_`~-]{0,40}") {
        let mut t = MIT.to_string();
        let mut at = cut.min(t.len());
        while !t.is_char_boundary(at) { at -= 1; }
        t.insert_str(at, &junk);
        let _ = kb().identify_text(&t);
    }
}

/// Only licenses are licenses (#11): a design note that discusses license terms has their
/// vocabulary but grants nothing; a short pointer to a license is a notice of it.
#[test]
fn writing_about_licenses_is_not_a_license() {
    let note = "# Licensing design notes\n\nWe compared the licenses used by open model releases. A non-commercial license would keep companies from adopting the model, and revocable terms worry downstream users because the licensor could withdraw the rights later. Flow-down clauses force every fine-tune to carry the same use restrictions. Some licenses add a threshold of 700 million monthly active users above which a separate license is required. We recommend a permissive license for the code and the weights, with a warranty disclaimer and limitation of liability as usual, and no acceptable use policy.\n";
    let r = kb().identify_text(note);
    assert_eq!(r.kind, LicenseKind::Unknown, "{r:?}");
    assert!(r.license.is_none() && r.clauses.is_empty());
    let readme = "## License\n\nThe code in this repository is licensed under the Apache License, Version 2.0. See LICENSE for the full text.\n";
    let r = kb().identify_text(readme);
    assert_eq!(r.kind, LicenseKind::Notice, "{r:?}");
    assert_eq!(r.license.map(|l| l.id), Some("Apache-2.0".to_string()));
}

/// CRLF line ends, a BOM and a 50 MB NOTICE end in a clear result within bounds.
#[test]
fn crlf_bom_and_a_huge_notice() {
    let crlf = format!("\u{feff}{}", MIT.replace('\n', "\r\n"));
    let r = kb().identify_text(&crlf);
    assert_eq!(r.license.as_ref().map(|l| l.id.as_str()), Some("MIT"));
    assert!(!r.modified, "{:?}", r.changes);
    let mut notice =
        String::from("NOTICE\n\nThis product includes software developed by Example Labs.\n\n");
    while notice.len() < 50 << 20 {
        notice.push_str("Copyright 2024 Example Labs. This product includes third-party software listed below.\n");
    }
    let r = kb().identify_bytes(notice.as_bytes());
    assert!(r.license.is_none(), "{r:?}");
    assert!(r.notes.iter().any(|n| n.contains("first")), "{:?}", r.notes);
}
