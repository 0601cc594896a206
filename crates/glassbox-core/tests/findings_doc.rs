//! `docs/findings.md` is generated from the finding codes: this test fails when it is stale.
//! `GLASSBOX_BLESS=1 cargo test -p glassbox-core --test findings_doc` writes it anew.

use std::path::PathBuf;

#[test]
fn docs_findings_md_is_generated_from_the_codes() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/findings.md");
    let want = glassbox_core::codes::markdown();
    if std::env::var_os("GLASSBOX_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run `GLASSBOX_BLESS=1 cargo test -p glassbox-core --test findings_doc` \
         and commit the result",
        path.display()
    );
}
