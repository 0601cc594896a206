//! The checked-in examples are exactly what the generator writes.

#[test]
fn checked_in_examples_match_the_generator() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for (name, files) in glassbox_examples::examples() {
        for (path, bytes) in files {
            let on_disk = std::fs::read(root.join(name).join(&path)).unwrap_or_else(|e| panic!("examples/{name}/{path}: {e}; run `cargo run -p glassbox-examples --bin gen-examples`"));
            assert!(on_disk == bytes, "examples/{name}/{path} differs from the generator; run `cargo run -p glassbox-examples --bin gen-examples`");
        }
    }
}
