//! Git LFS pointers: the small text files a clone holds when `git lfs pull` was not run.

use glassbox_core::LfsPointer;

/// Pointers are specified to stay under 200 bytes; 1024 leaves room for extension keys.
pub const MAX_POINTER_SIZE: u64 = 1024;

/// Parses a Git LFS pointer; `None` when the bytes are not one.
pub fn parse_pointer(bytes: &[u8]) -> Option<LfsPointer> {
    if bytes.len() as u64 > MAX_POINTER_SIZE {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    let version = lines.next()?.strip_prefix("version ")?;
    if !(version.starts_with("https://git-lfs.github.com/spec/")
        || version.starts_with("https://hawser.github.com/spec/"))
    {
        return None;
    }
    let (mut oid, mut size) = (None, None);
    for line in lines {
        if let Some(o) = line.strip_prefix("oid ") {
            let hex = o.strip_prefix("sha256:")?;
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            oid = Some(o.to_string());
        } else if let Some(s) = line.strip_prefix("size ") {
            size = Some(s.trim().parse().ok()?);
        }
    }
    Some(LfsPointer {
        oid: oid?,
        size: size?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_real_pointer_and_rejects_others() {
        let p = format!(
            "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize 4976698672\n",
            "a".repeat(64)
        );
        let ptr = parse_pointer(p.as_bytes()).unwrap();
        assert_eq!(ptr.size, 4_976_698_672);
        assert!(ptr.oid.starts_with("sha256:aaaa"));
        assert!(parse_pointer(
            b"version https://git-lfs.github.com/spec/v1\noid sha256:zz\nsize 1\n"
        )
        .is_none());
        assert!(parse_pointer(b"hello").is_none());
    }
}
