//! ZIP central directories, read the relaxed way loaders read them.
//!
//! PyTorch (miniz) and NumPy ignore the encryption and data-descriptor flag bits, CRCs and the
//! local header's file name, so a scanner that honours them skips members a loader will read
//! (CVE-2025-1944/1945, 10156). These functions parse the structures from byte slices and leave
//! I/O and decompression to the caller; they report what is odd instead of refusing it.

use crate::FormatError;

/// Most entries accepted in one archive.
pub const MAX_ENTRIES: u64 = 1_000_000;
/// Largest central directory read (bytes).
pub const MAX_CENTRAL_DIRECTORY: u64 = 256 << 20;
/// How far from the end the end-of-central-directory record can start (22 + max comment).
pub const EOCD_SEARCH: u64 = 22 + 65_535;

/// Where the central directory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directory {
    /// Offset of the end-of-central-directory record.
    pub eocd_offset: u64,
    /// Offset of the central directory.
    pub offset: u64,
    /// Its size.
    pub size: u64,
    /// Entries it declares.
    pub entries: u64,
    /// True when a ZIP64 locator precedes the record (the caller must read the ZIP64 record).
    pub zip64_locator: Option<u64>,
}

/// One central-directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Position in the central directory.
    pub index: usize,
    /// Name (UTF-8, lossy).
    pub name: String,
    /// General-purpose flags (bit 0 encrypted, bit 3 data descriptor, bit 5 patched, bit 6 strong encryption).
    pub flags: u16,
    /// Compression method (0 stored, 8 deflate, …).
    pub method: u16,
    /// Declared CRC-32.
    pub crc32: u32,
    /// Compressed size.
    pub compressed_size: u64,
    /// Uncompressed size.
    pub uncompressed_size: u64,
    /// Offset of the local header.
    pub local_offset: u64,
}

/// Finds the end-of-central-directory record in `tail`, the last bytes of a file of `file_len`
/// bytes. Searches backwards, as readers do.
pub fn find_directory(tail: &[u8], file_len: u64) -> Result<Directory, FormatError> {
    let tail_start = file_len.saturating_sub(tail.len() as u64);
    let pos = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| FormatError::Invalid("no end-of-central-directory record".into()))?;
    let r = &tail[pos..];
    let u16at = |o: usize| u64::from(u16::from_le_bytes([r[o], r[o + 1]]));
    let u32at = |o: usize| u64::from(u32::from_le_bytes(r[o..o + 4].try_into().expect("4 bytes")));
    let eocd_offset = tail_start + pos as u64;
    let zip64_locator = (pos >= 20 && tail[pos - 20..].starts_with(b"PK\x06\x07"))
        .then(|| u64::from_le_bytes(tail[pos - 12..pos - 4].try_into().expect("8 bytes")));
    Ok(Directory {
        eocd_offset,
        offset: u32at(16),
        size: u32at(12),
        entries: u16at(10),
        zip64_locator,
    })
}

/// Applies a ZIP64 end-of-central-directory record (56+ bytes starting `PK\x06\x06`).
pub fn apply_zip64(dir: &mut Directory, rec: &[u8]) -> Result<(), FormatError> {
    if rec.len() < 56 || !rec.starts_with(b"PK\x06\x06") {
        return Err(FormatError::Invalid(
            "ZIP64 end-of-central-directory record is missing or short".into(),
        ));
    }
    let u64at = |o: usize| u64::from_le_bytes(rec[o..o + 8].try_into().expect("8 bytes"));
    dir.entries = u64at(32);
    dir.size = u64at(40);
    dir.offset = u64at(48);
    Ok(())
}

/// Checks the directory against the file and the limits before the caller reads it.
pub fn check_directory(dir: &Directory, file_len: u64) -> Result<(), FormatError> {
    if dir.entries > MAX_ENTRIES {
        return Err(FormatError::TooLarge {
            what: "zip entry count".into(),
            value: dir.entries,
            limit: MAX_ENTRIES,
        });
    }
    if dir.size > MAX_CENTRAL_DIRECTORY {
        return Err(FormatError::TooLarge {
            what: "zip central directory".into(),
            value: dir.size,
            limit: MAX_CENTRAL_DIRECTORY,
        });
    }
    if dir.offset.saturating_add(dir.size) > file_len {
        return Err(FormatError::Truncated(format!(
            "central directory at {} (+{} bytes) runs past the end of the {file_len}-byte file",
            dir.offset, dir.size
        )));
    }
    Ok(())
}

/// Parses the central directory bytes into entries.
pub fn parse_entries(cd: &[u8], declared: u64) -> Result<Vec<Entry>, FormatError> {
    let mut out = Vec::with_capacity(declared.min(65_536) as usize);
    let mut p = 0usize;
    while p + 46 <= cd.len() && cd[p..].starts_with(b"PK\x01\x02") {
        if out.len() as u64 >= MAX_ENTRIES {
            return Err(FormatError::TooLarge {
                what: "zip entry count".into(),
                value: out.len() as u64 + 1,
                limit: MAX_ENTRIES,
            });
        }
        let h = &cd[p..];
        let u16at = |o: usize| u16::from_le_bytes([h[o], h[o + 1]]);
        let u32at = |o: usize| u32::from_le_bytes(h[o..o + 4].try_into().expect("4 bytes"));
        let (nlen, xlen, clen) = (
            usize::from(u16at(28)),
            usize::from(u16at(30)),
            usize::from(u16at(32)),
        );
        let total = 46 + nlen + xlen + clen;
        if p + total > cd.len() {
            return Err(FormatError::Truncated(format!(
                "central directory entry {} runs past the directory",
                out.len()
            )));
        }
        let name = String::from_utf8_lossy(&h[46..46 + nlen]).into_owned();
        let mut e = Entry {
            index: out.len(),
            name,
            flags: u16at(8),
            method: u16at(10),
            crc32: u32at(16),
            compressed_size: u64::from(u32at(20)),
            uncompressed_size: u64::from(u32at(24)),
            local_offset: u64::from(u32at(42)),
        };
        zip64_extra(&mut e, &h[46 + nlen..46 + nlen + xlen]);
        out.push(e);
        p += total;
    }
    if (out.len() as u64) < declared.min(MAX_ENTRIES) && declared != 0xFFFF {
        return Err(FormatError::Truncated(format!(
            "central directory declares {declared} entries but holds {}",
            out.len()
        )));
    }
    Ok(out)
}

fn zip64_extra(e: &mut Entry, mut x: &[u8]) {
    while x.len() >= 4 {
        let id = u16::from_le_bytes([x[0], x[1]]);
        let len = usize::from(u16::from_le_bytes([x[2], x[3]]));
        let body = &x[4..(4 + len).min(x.len())];
        if id == 1 {
            let mut vals = body
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")));
            if e.uncompressed_size == 0xFFFF_FFFF {
                e.uncompressed_size = vals.next().unwrap_or(e.uncompressed_size);
            }
            if e.compressed_size == 0xFFFF_FFFF {
                e.compressed_size = vals.next().unwrap_or(e.compressed_size);
            }
            if e.local_offset == 0xFFFF_FFFF {
                e.local_offset = vals.next().unwrap_or(e.local_offset);
            }
        }
        x = &x[(4 + len).min(x.len())..];
    }
}

/// A local file header: where the data starts and the name it claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    /// Length of the fixed header plus name and extra field.
    pub header_len: u64,
    /// The local name (may differ from the central one).
    pub name: String,
}

/// Length of the fixed part of a local header.
pub const LOCAL_FIXED: usize = 30;

/// Reads the variable lengths from the fixed 30 bytes of a local header.
pub fn local_lengths(fixed: &[u8]) -> Result<(usize, usize), FormatError> {
    if fixed.len() < LOCAL_FIXED || !fixed.starts_with(b"PK\x03\x04") {
        return Err(FormatError::Invalid(
            "local header signature missing".into(),
        ));
    }
    Ok((
        usize::from(u16::from_le_bytes([fixed[26], fixed[27]])),
        usize::from(u16::from_le_bytes([fixed[28], fixed[29]])),
    ))
}

/// Parses a whole local header (fixed part, name, extra).
pub fn parse_local(h: &[u8]) -> Result<Local, FormatError> {
    let (n, x) = local_lengths(h)?;
    let name = h
        .get(LOCAL_FIXED..LOCAL_FIXED + n)
        .ok_or_else(|| FormatError::Truncated("local header name".into()))?;
    Ok(Local {
        header_len: (LOCAL_FIXED + n + x) as u64,
        name: String::from_utf8_lossy(name).into_owned(),
    })
}

/// A minimal archive writer for tests and the corpus: stored or pre-compressed members, with
/// every field settable so tampered archives can be built.
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

/// One member for [`Writer`].
#[derive(Debug, Clone, Default)]
pub struct Member<'a> {
    /// Central-directory name.
    pub name: &'a str,
    /// Local-header name (defaults to `name`).
    pub local_name: Option<&'a str>,
    /// Bytes as stored (already compressed when `method` is 8).
    pub data: &'a [u8],
    /// Uncompressed size (defaults to `data.len()`).
    pub uncompressed_size: Option<u64>,
    /// Compression method.
    pub method: u16,
    /// Flag bits.
    pub flags: u16,
    /// CRC-32 to record.
    pub crc32: u32,
}

impl Writer {
    /// An empty archive.
    pub fn new() -> Self {
        Writer::default()
    }

    /// Adds a member.
    pub fn add(&mut self, m: &Member<'_>) -> &mut Self {
        let offset = self.out.len() as u32;
        let local_name = m.local_name.unwrap_or(m.name);
        let usize_ = m.uncompressed_size.unwrap_or(m.data.len() as u64) as u32;
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes());
            buf.extend_from_slice(&m.flags.to_le_bytes());
            buf.extend_from_slice(&m.method.to_le_bytes());
            buf.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            buf.extend_from_slice(&m.crc32.to_le_bytes());
            buf.extend_from_slice(&(m.data.len() as u32).to_le_bytes());
            buf.extend_from_slice(&usize_.to_le_bytes());
        };
        self.out.extend_from_slice(b"PK\x03\x04");
        common(&mut self.out);
        self.out
            .extend_from_slice(&(local_name.len() as u16).to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(local_name.as_bytes());
        self.out.extend_from_slice(m.data);
        self.central.extend_from_slice(b"PK\x01\x02");
        self.central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut self.central);
        self.central
            .extend_from_slice(&(m.name.len() as u16).to_le_bytes());
        self.central.extend_from_slice(&[0; 12]); // extra len, comment len, disk, attrs
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(m.name.as_bytes());
        self.count += 1;
        self
    }

    /// Adds a stored member with a correct CRC.
    pub fn stored(&mut self, name: &str, data: &[u8]) -> &mut Self {
        self.add(&Member {
            name,
            data,
            crc32: crc32(data),
            ..Default::default()
        })
    }

    /// The archive bytes.
    pub fn finish(&self) -> Vec<u8> {
        let mut out = self.out.clone();
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&self.central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&self.count.to_le_bytes());
        out.extend_from_slice(&self.count.to_le_bytes());
        out.extend_from_slice(&(self.central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }
}

/// CRC-32 (IEEE), bitwise: only the writer uses it, on small inputs.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(z: &[u8]) -> Result<Vec<Entry>, FormatError> {
        let tail = &z[z.len().saturating_sub(EOCD_SEARCH as usize)..];
        let d = find_directory(tail, z.len() as u64)?;
        check_directory(&d, z.len() as u64)?;
        parse_entries(
            &z[d.offset as usize..(d.offset + d.size) as usize],
            d.entries,
        )
    }

    #[test]
    fn round_trip_and_local_names() {
        let mut w = Writer::new();
        w.stored("archive/data.pkl", b"\x80\x02N.");
        w.add(&Member {
            name: "a.pkl",
            local_name: Some("b.txt"),
            data: b"x",
            flags: 1,
            ..Default::default()
        });
        let z = w.finish();
        let es = read_all(&z).unwrap();
        assert_eq!(es.len(), 2);
        assert_eq!(es[0].name, "archive/data.pkl");
        assert_eq!(es[0].crc32, crc32(b"\x80\x02N."));
        assert_eq!(es[1].flags, 1);
        let l = parse_local(&z[es[1].local_offset as usize..]).unwrap();
        assert_eq!(l.name, "b.txt");
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn lying_directories_are_errors() {
        let mut z = Writer::new().stored("a", b"b").finish();
        let n = z.len();
        z[n - 6..n - 2].copy_from_slice(&u32::MAX.to_le_bytes()); // cd offset
        assert!(read_all(&z).is_err());
        assert!(read_all(b"not a zip").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let _ = read_all(&bytes);
            let _ = parse_local(&bytes);
        }

        #[test]
        fn never_panics_on_mutated_archives(pos in 0usize..200, val in proptest::prelude::any::<u8>()) {
            let mut z = Writer::new().stored("archive/data.pkl", b"\x80\x02N.").stored("x", b"yz").finish();
            let i = pos % z.len();
            z[i] = val;
            let _ = read_all(&z);
        }
    }
}
