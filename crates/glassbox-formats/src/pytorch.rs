//! PyTorch checkpoints: the zip layout `torch.save` writes since 1.6, and the legacy stream of
//! five pickles that came before it.

/// The legacy magic number `0x1950a86a20f9469cfc6c` as a `LONG1` argument (10 bytes, LE).
pub const LEGACY_MAGIC_LONG1: &[u8] = b"\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";
/// The same number as a protocol 0/1 `LONG` line.
pub const LEGACY_MAGIC_TEXT: &[u8] = b"L119547037146038801333356";
/// Pickles in a legacy file: magic, protocol, sys info, the object, storage keys.
pub const LEGACY_PICKLES: u32 = 5;

/// True when a file starts like a legacy (pre-zip) `torch.save` file.
pub fn is_legacy(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(32)];
    head.windows(LEGACY_MAGIC_LONG1.len())
        .take(8)
        .any(|w| w == LEGACY_MAGIC_LONG1)
        || head
            .windows(LEGACY_MAGIC_TEXT.len())
            .take(4)
            .any(|w| w == LEGACY_MAGIC_TEXT)
}

/// What the member names of a zip say about it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ZipLayout {
    /// The top-level folder every `torch.save` entry sits under (`archive`, or the file stem).
    pub root: Option<String>,
    /// `<root>/data.pkl`.
    pub data_pkl: Option<String>,
    /// Storage records `<root>/data/<key>`.
    pub storages: usize,
    /// TorchScript parts (`code/`, `constants.pkl`).
    pub torchscript: bool,
    /// True when this looks like a PyTorch checkpoint.
    pub is_torch: bool,
    /// True when every member is `*.npy` (an `.npz`).
    pub is_npz: bool,
    /// True when `config.json` and `metadata.json` sit at the top (a Keras 3 `.keras`).
    pub is_keras: bool,
}

/// Classifies a zip by its member names.
pub fn layout(names: &[&str]) -> ZipLayout {
    let mut l = ZipLayout::default();
    if let Some(d) = names
        .iter()
        .find(|n| n.ends_with("/data.pkl") || **n == "data.pkl")
    {
        l.data_pkl = Some(d.to_string());
        l.root = d.rsplit_once('/').map(|(r, _)| r.to_string());
        l.is_torch = true;
    }
    if let Some(root) = &l.root {
        let data = format!("{root}/data/");
        l.storages = names.iter().filter(|n| n.starts_with(&data)).count();
        l.torchscript = names
            .iter()
            .any(|n| n.starts_with(&format!("{root}/code/")) || n.ends_with("constants.pkl"));
    }
    l.is_npz = !names.is_empty() && names.iter().all(|n| n.ends_with(".npy"));
    l.is_keras = names.contains(&"config.json")
        && (names.contains(&"metadata.json")
            || names.iter().any(|n| n.starts_with("model.weights")));
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_layouts() {
        let t = layout(&[
            "archive/data.pkl",
            "archive/data/0",
            "archive/data/1",
            "archive/version",
            "archive/byteorder",
        ]);
        assert!(t.is_torch && t.storages == 2 && t.root.as_deref() == Some("archive"));
        assert!(layout(&["a.npy", "b.npy"]).is_npz);
        assert!(layout(&["metadata.json", "config.json", "model.weights.h5"]).is_keras);
        assert!(!layout(&["x.txt"]).is_torch);
        assert!(is_legacy(
            b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.\x80\x02"
        ));
        assert!(!is_legacy(b"\x80\x02}q\x00."));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(names in proptest::collection::vec("[a-z/._]{0,20}", 0..10), b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let _ = layout(&refs);
            let _ = is_legacy(&b);
        }
    }
}
