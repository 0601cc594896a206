//! `cargo run -p glassbox-examples --bin gen-examples [DIR]` writes the bundled examples
//! (default: `examples/` at the repository root).

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples"));
    glassbox_examples::write_all(&dir)?;
    println!("wrote examples to {}", dir.display());
    Ok(())
}
