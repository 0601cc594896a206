//! Reading what detectors need from a file, wherever its bytes are (a Hub URL, a cache blob, a
//! git object), with exactly the rules the local folder source uses: a small file is read whole
//! and checked for a Git LFS pointer; texts detectors want are read up to `max_text_bytes`;
//! safetensors give their 8-byte length and the header it announces; other weights a 64 KiB
//! prefix. Same rules, same `ReleaseFile`, so detectors give the same evidence for the same
//! content from any source (a test compares them).

use glassbox_core::codes::SourceCode;
use glassbox_core::{Artifact, ArtifactKind, Finding, Location, Severity};

use crate::classify::{kind_of, wants_text};
use crate::release::{Limits, ReleaseFile};

/// Prefix read from weights files other than safetensors (as `local`).
pub const WEIGHTS_PREFIX: u64 = 64 << 10;

/// Random access to one file's bytes.
pub trait RangeRead {
    /// Up to `len` bytes from `start` (fewer only at the end of the file).
    fn read_range(&self, start: u64, len: u64) -> Result<Vec<u8>, String>;
}

/// Why a file's bytes could not be read: a per-file problem, or one that ends the audit.
pub enum ReadFailure {
    /// Recorded as an `unreadable-file` finding.
    Problem(String),
    /// Stops the whole resolution (e.g. a gated repository).
    Fatal(crate::release::SourceError),
}

/// What to read for a file.
pub fn plan(path: &str, size: u64) -> Plan {
    let kind = kind_of(path);
    if size <= glassbox_formats::lfs::MAX_POINTER_SIZE && size > 0 {
        Plan::Whole
    } else if wants_text(kind, path) {
        Plan::Text
    } else if kind == ArtifactKind::Weights {
        Plan::WeightsHead
    } else {
        Plan::Nothing
    }
}

/// The reading a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Small: read whole, sniff an LFS pointer.
    Whole,
    /// A text detectors read.
    Text,
    /// A weights header or prefix.
    WeightsHead,
    /// Inventory only.
    Nothing,
}

/// Builds the `ReleaseFile` for `path` of `size` bytes, reading through `src`. Bytes read are
/// added to `counter`. A read failure becomes a finding (the artifact stays in the inventory).
pub fn read_file(
    path: &str,
    size: u64,
    src: &dyn RangeRead,
    limits: &Limits,
    counter: &std::sync::atomic::AtomicU64,
) -> Result<(ReleaseFile, Option<Finding>), crate::release::SourceError> {
    use std::sync::atomic::Ordering;
    let mut kind = kind_of(path);
    let mut file = ReleaseFile {
        artifact: Artifact {
            path: path.to_string(),
            size,
            kind,
            lfs: None,
            sha256: None,
            url: None,
        },
        local_path: None,
        content: None,
        content_truncated: false,
        head: None,
    };
    let unreadable = |e: String| {
        Some(Finding::new(
            SourceCode::UnreadableFile,
            Severity::Medium,
            format!("cannot read: {e}"),
            Location::file(path),
        ))
    };
    let read = |start: u64, len: u64| -> Result<Vec<u8>, String> {
        let b = src.read_range(start, len)?;
        counter.fetch_add(b.len() as u64, Ordering::Relaxed);
        Ok(b)
    };
    match plan(path, size) {
        Plan::Whole => match read(0, size) {
            Ok(bytes) => {
                if let Some(ptr) = glassbox_formats::lfs::parse_pointer(&bytes) {
                    let real_kind = kind;
                    file.artifact.lfs = Some(ptr);
                    file.artifact.kind = ArtifactKind::LfsPointer;
                    kind = real_kind;
                }
                if wants_text(kind, path)
                    || file.artifact.lfs.is_some()
                    || kind == ArtifactKind::Weights
                {
                    if kind == ArtifactKind::Weights {
                        file.head = Some(bytes.clone());
                    }
                    file.content = Some(bytes);
                }
                Ok((file, None))
            }
            Err(e) => Ok((file, unreadable(e))),
        },
        Plan::Text => match read(0, limits.max_text_bytes.min(size)) {
            Ok(bytes) => {
                file.content_truncated = (bytes.len() as u64) < size;
                file.content = Some(bytes);
                Ok((file, None))
            }
            Err(e) => Ok((file, unreadable(e))),
        },
        Plan::WeightsHead => match weights_head(path, size, limits, &read) {
            Ok(head) => {
                file.head = Some(head);
                Ok((file, None))
            }
            Err(e) => Ok((file, unreadable(e))),
        },
        Plan::Nothing => Ok((file, None)),
    }
}

/// The safetensors prefix fetched in one go: most headers fit, saving a round trip.
pub const SAFETENSORS_PROBE: u64 = 16 << 10;

fn weights_head(
    path: &str,
    size: u64,
    limits: &Limits,
    read: &dyn Fn(u64, u64) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, String> {
    if path.to_ascii_lowercase().ends_with(".safetensors") {
        let first = read(0, size.min(SAFETENSORS_PROBE))?;
        if first.len() < 8 {
            return Ok(first);
        }
        let n = u64::from_le_bytes(first[..8].try_into().expect("8 bytes"));
        if n > limits.max_header_bytes {
            return Ok(first[..8].to_vec());
        }
        let want = n.min(size.saturating_sub(8));
        let total = 8 + want;
        let mut head = first;
        if (head.len() as u64) >= total {
            head.truncate(total as usize);
        } else {
            let have = head.len() as u64;
            let rest = read(have, total - have)?;
            head.extend_from_slice(&rest);
        }
        return Ok(head);
    }
    // GGUF metadata (tokenizer vocabularies) can run to megabytes: the same bound as `local`.
    let prefix = if path.to_ascii_lowercase().ends_with(".gguf") {
        crate::local::GGUF_HEAD_BYTES
    } else {
        WEIGHTS_PREFIX
    };
    read(0, size.min(prefix))
}

/// A file on disk (cache blobs).
pub struct DiskFile<'a>(pub &'a std::path::Path);

impl RangeRead for DiskFile<'_> {
    fn read_range(&self, start: u64, len: u64) -> Result<Vec<u8>, String> {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = std::fs::File::open(self.0).map_err(|e| e.to_string())?;
        f.seek(SeekFrom::Start(start)).map_err(|e| e.to_string())?;
        let mut buf = Vec::new();
        f.take(len)
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        Ok(buf)
    }
}

/// Bytes already in memory (git blobs).
pub struct InMemory<'a>(pub &'a [u8]);

impl RangeRead for InMemory<'_> {
    fn read_range(&self, start: u64, len: u64) -> Result<Vec<u8>, String> {
        let s = (start as usize).min(self.0.len());
        let e = (start.saturating_add(len) as usize).min(self.0.len());
        Ok(self.0[s..e].to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    fn mk_st(header_pad: usize) -> Vec<u8> {
        let mut v = glassbox_formats::safetensors::write_f32(
            &[("w", vec![2], vec![1.0, 2.0])],
            &[("pad", &"x".repeat(header_pad))],
        );
        v.extend_from_slice(&[0u8; 2048]);
        v
    }

    #[test]
    fn safetensors_head_small_and_large_headers() {
        for pad in [10usize, 40_000] {
            let bytes = mk_st(pad);
            let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
            let c = AtomicU64::new(0);
            let (f, p) = read_file(
                "m.safetensors",
                bytes.len() as u64,
                &InMemory(&bytes),
                &Limits::default(),
                &c,
            )
            .unwrap();
            assert!(p.is_none());
            assert_eq!(f.head.as_deref().unwrap(), &bytes[..8 + n]);
            assert_eq!(
                c.into_inner(),
                if 8 + n <= SAFETENSORS_PROBE as usize {
                    SAFETENSORS_PROBE.min(bytes.len() as u64)
                } else {
                    8 + n as u64
                }
            );
        }
    }

    #[test]
    fn hostile_length_is_bounded() {
        let mut bytes = u64::MAX.to_le_bytes().to_vec();
        bytes.extend_from_slice(&[b'{'; 5000]);
        let c = AtomicU64::new(0);
        let (f, _) = read_file(
            "m.safetensors",
            bytes.len() as u64,
            &InMemory(&bytes),
            &Limits::default(),
            &c,
        )
        .unwrap();
        assert_eq!(f.head.unwrap().len(), 8);
    }

    #[test]
    fn pointer_and_text() {
        let ptr = format!(
            "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize 99\n",
            "c".repeat(64)
        );
        let c = AtomicU64::new(0);
        let (f, _) = read_file(
            "model.bin",
            ptr.len() as u64,
            &InMemory(ptr.as_bytes()),
            &Limits::default(),
            &c,
        )
        .unwrap();
        assert_eq!(f.artifact.kind, ArtifactKind::LfsPointer);
        assert!(f.head.is_some());
        let text = "a".repeat(3000);
        let lim = Limits {
            max_text_bytes: 1000,
            ..Limits::default()
        };
        let (f, _) = read_file("train.py", 3000, &InMemory(text.as_bytes()), &lim, &c).unwrap();
        assert!(f.content_truncated);
        assert_eq!(f.content.unwrap().len(), 1000);
    }
}
