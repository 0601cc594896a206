//! Inputs the fuzzers found (fuzz/RESULTS.md), kept as regression tests.

/// `fuzz/run.sh 600`, target `scan`: an xz stream whose footer's backward size is `u32::MAX`.
/// lzma-rs 0.3 added one to it and panicked ("attempt to add with overflow") in builds with
/// overflow checks; the scan now decodes xz with liblzma and reports the stream as broken.
const XZ_BACKWARD_SIZE_OVERFLOW: &[u8] = &[
    0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x00, 0xff, 0x12, 0xd9, 0x41, 0x02, 0x00, 0x21, 0x01,
    0x16, 0x00, 0x00, 0x00, 0x74, 0x2f, 0xe5, 0xa3, 0x01, 0x00, 0x2a, 0x80, 0x02, 0x63, 0x6f, 0x73,
    0x0a, 0x73, 0x79, 0x73, 0x74, 0x65, 0x6d, 0x0a, 0x71, 0x00, 0x58, 0x0e, 0x00, 0x00, 0x00, 0x65,
    0x63, 0x68, 0x6f, 0x20, 0x50, 0x57, 0x4e, 0x45, 0x44, 0x2d, 0x54, 0x30, 0x38, 0x71, 0x01, 0x85,
    0x71, 0x02, 0x52, 0x71, 0x03, 0x2e, 0x00, 0x00, 0x00, 0x01, 0x3b, 0x2b, 0x53, 0xa3, 0x88, 0xb0,
    0x06, 0x72, 0x9e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7a, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x59, 0x5a,
];

#[test]
fn an_xz_footer_with_a_huge_backward_size_is_a_broken_stream_not_a_panic() {
    let scan = glassbox_scan::scan_bytes(XZ_BACKWARD_SIZE_OVERFLOW, "model.bin");
    assert_eq!(scan.path, "model.bin");
    // A broken stream is an error naming the file, and never counts as clean.
    let error = scan.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("model.bin") && error.contains("lzma"),
        "{scan:?}"
    );
    let findings = glassbox_scan::to_findings(&scan);
    assert!(
        findings.iter().any(|f| f.kind == "unscannable-file"),
        "{findings:?}"
    );
}

/// `fuzz/run.sh 600 scan` after the xz fix: a zip whose member declares 4 GiB from 16 KB and
/// expands to 13 MB of zeros that the ONNX reader walked as empty fields of number 0, one byte
/// per read through the decompressor: 43 s under the sanitizer (the fuzzer's limit is 30 s), and
/// still 34 s once members were buffered. Protobuf has no field 0; the reader now stops there.
/// The bomb is a finding and the broken member an error naming the file.
#[test]
fn a_zip_member_expanding_past_its_ratio_is_a_bomb_finding_and_a_named_error() {
    // The fuzz target names the file by the first byte (0: `model.bin`) and scans the rest.
    let input = &include_bytes!("fuzz/scan-timeout-zip-onnx.bin")[1..];
    let scan = glassbox_scan::scan_bytes(input, "model.bin");
    assert_eq!(scan.format, "zip");
    assert!(
        scan.findings
            .iter()
            .any(|f| f.kind == "zip-bomb" && f.location.member.as_deref() == Some("bomb/.onnx")),
        "{scan:?}"
    );
    let error = scan.error.as_deref().unwrap_or_default();
    assert!(
        error.starts_with("model.bin: ") && error.contains("bomb/.onnx: ONNX: invalid"),
        "{error}"
    );
}
