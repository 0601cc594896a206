//! Containers: zip (the relaxed way PyTorch and NumPy read it), tar, and gzip/bzip2/xz/zlib
//! streams. Nothing is extracted to disk; every member is streamed into the dispatcher with
//! decompression bounded by size and ratio.

use glassbox_core::codes::ScanCode;
use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};

use glassbox_core::Severity;
use glassbox_formats::pytorch;
use glassbox_formats::zip as z;

use crate::dispatch::{at, scan_stream, Kind, Out, MAX_DEPTH};

/// A deflate stream cannot expand more than ~1032:1; anything claiming more is a bomb.
pub(crate) const MAX_RATIO: u64 = 1100;
/// Bytes decompressed across one archive, whatever it declares (overlapping-entry bombs).
pub(crate) const ARCHIVE_BUDGET: u64 = 8 << 30;
/// Memory the xz decoder may use (its dictionary): more than any real model archive needs.
const XZ_MEMLIMIT: u64 = 256 << 20;

/// Bytes one compressed stream (gzip, xz, …) may expand to.
pub(crate) const STREAM_LIMIT: u64 = 64 << 30;
/// Tar members scanned.
const MAX_TAR_MEMBERS: u64 = 100_000;

/// A reader that fails once `left` bytes were read, or the shared archive budget is spent.
struct Bounded<'a, R> {
    inner: R,
    left: u64,
    limit: u64,
    budget: Option<&'a Cell<u64>>,
    what: String,
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let n64 = n as u64;
        if n64 > self.left {
            return Err(io::Error::other(format!(
                "{} expands past {} bytes (decompression-bomb limit)",
                self.what, self.limit
            )));
        }
        self.left -= n64;
        if let Some(b) = self.budget {
            if n64 > b.get() {
                return Err(io::Error::other(format!("archive expands past {ARCHIVE_BUDGET} bytes in total (decompression-bomb limit)")));
            }
            b.set(b.get() - n64);
        }
        Ok(n)
    }
}

fn join(container: Option<&str>, name: &str) -> String {
    match container {
        Some(c) => format!("{c}!{name}"),
        None => name.to_string(),
    }
}

/// Scans a zip read from `f`; returns the format (`pytorch-zip`, `npz`, `keras`, `zip`).
pub(crate) fn scan_zip<F: Read + Seek>(
    f: &mut F,
    len: u64,
    container: Option<&str>,
    depth: u32,
    out: &mut Out,
) -> String {
    if depth > MAX_DEPTH {
        out.error(
            container,
            format!("archives nested deeper than {MAX_DEPTH} levels (limit); not scanned"),
        );
        return "zip".into();
    }
    let entries = match read_directory(f, len) {
        Ok(e) => e,
        Err(e) => {
            out.error(container, format!("zip: {e}"));
            return "zip".into();
        }
    };
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let layout = pytorch::layout(&names);
    let format = if layout.is_torch {
        "pytorch-zip"
    } else if layout.is_keras {
        "keras"
    } else if layout.is_npz {
        "npz"
    } else {
        "zip"
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for e in &entries {
        if let Some(first) = seen.insert(e.name.as_str(), e.index) {
            out.finding(
                Severity::Medium,
                ScanCode::ZipDuplicateName,
                format!("member name `{}` appears twice (entries {first} and {}); loaders and scanners may pick different ones, so both were scanned", e.name, e.index),
                at(Some(&join(container, &e.name)), None),
            );
        }
    }
    let budget = Cell::new(ARCHIVE_BUDGET.max(len.saturating_mul(2)));
    let mut spans: Vec<(u64, u64, usize)> = Vec::new();
    for e in &entries {
        if e.name.ends_with('/') && e.compressed_size == 0 {
            continue;
        }
        let member = join(container, &e.name);
        if e.flags & (0x1 | 0x20 | 0x40) != 0 {
            out.finding(
                Severity::Medium,
                ScanCode::ZipTamper,
                format!("member `{}` sets zip flag bits 0x{:x} (encryption/patch) that PyTorch ignores; scanners that honour them skip it", e.name, e.flags & 0x61),
                at(Some(&member), None),
            );
        }
        let data_start = match local_header(f, e, len) {
            Ok((start, local_name)) => {
                if local_name != e.name {
                    out.finding(
                        Severity::Medium,
                        ScanCode::ZipNameMismatch,
                        format!("local header names `{local_name}` but the central directory names `{}`", e.name),
                        at(Some(&member), None),
                    );
                }
                start
            }
            Err(err) => {
                out.error(Some(&member), err);
                continue;
            }
        };
        spans.push((data_start, data_start + e.compressed_size, e.index));
        let limit = match e.method {
            0 => e.compressed_size,
            _ => e.compressed_size.saturating_mul(MAX_RATIO).max(1 << 20),
        };
        if e.uncompressed_size > limit {
            out.finding(
                Severity::High,
                ScanCode::ZipBomb,
                format!(
                    "member declares {} bytes from {} compressed (ratio over {MAX_RATIO}:1)",
                    e.uncompressed_size, e.compressed_size
                ),
                at(Some(&member), None),
            );
        }
        if let Err(err) = f.seek(SeekFrom::Start(data_start)) {
            out.error(Some(&member), format!("seek error: {err}"));
            continue;
        }
        let raw = (&mut *f).take(e.compressed_size);
        let what = format!("member `{}`", e.name);
        let mut reader: Box<dyn Read + '_> = match e.method {
            0 => Box::new(Bounded {
                inner: raw,
                left: limit,
                limit,
                budget: Some(&budget),
                what,
            }),
            8 => Box::new(Bounded {
                inner: flate2::read::DeflateDecoder::new(raw),
                left: limit,
                limit,
                budget: Some(&budget),
                what,
            }),
            m => {
                out.error(
                    Some(&member),
                    format!("compression method {m} is not supported; member not scanned"),
                );
                continue;
            }
        };
        let pickle_named = [".pkl", ".pickle", ".joblib", ".dat", ".data"]
            .iter()
            .any(|x| e.name.ends_with(x));
        if layout.is_keras && e.name == "config.json" {
            scan_keras_config(&mut reader, &member, out);
            continue;
        }
        // Storages, weights and assets are data unless they parse as a pickle that imports.
        let lenient = !pickle_named;
        scan_stream(
            &mut reader,
            Some(e.uncompressed_size),
            &e.name,
            Some(&member),
            depth + 1,
            lenient,
            out,
        );
        if budget.get() == 0 {
            out.error(container, format!("archive expands past {ARCHIVE_BUDGET} bytes in total (decompression-bomb limit); remaining members not scanned"));
            break;
        }
    }
    spans.sort();
    if spans.windows(2).any(|w| w[1].0 < w[0].1 && w[0].1 > w[0].0) {
        out.finding(
            Severity::High,
            ScanCode::ZipBomb,
            "members overlap in the archive (the overlapping-entry zip bomb construction)".into(),
            at(container, None),
        );
    }
    format.into()
}

fn read_directory<F: Read + Seek>(f: &mut F, len: u64) -> Result<Vec<z::Entry>, String> {
    let tail_len = len.min(z::EOCD_SEARCH);
    let mut tail = vec![0u8; tail_len as usize];
    f.seek(SeekFrom::Start(len - tail_len))
        .map_err(|e| e.to_string())?;
    f.read_exact(&mut tail).map_err(|e| e.to_string())?;
    let mut dir = z::find_directory(&tail, len).map_err(|e| e.to_string())?;
    if let Some(off) = dir.zip64_locator {
        if off.saturating_add(56) > len {
            return Err(format!(
                "ZIP64 record offset {off} is past the end of the {len}-byte file"
            ));
        }
        let mut rec = [0u8; 56];
        f.seek(SeekFrom::Start(off)).map_err(|e| e.to_string())?;
        f.read_exact(&mut rec).map_err(|e| e.to_string())?;
        z::apply_zip64(&mut dir, &rec).map_err(|e| e.to_string())?;
    }
    z::check_directory(&dir, len).map_err(|e| e.to_string())?;
    let mut cd = vec![0u8; dir.size as usize];
    f.seek(SeekFrom::Start(dir.offset))
        .map_err(|e| e.to_string())?;
    f.read_exact(&mut cd).map_err(|e| e.to_string())?;
    if !cd.starts_with(b"PK\x01\x02") && dir.entries > 0 {
        // Data prepended to the archive (self-extractors, polyglots): offsets are relative to
        // the archive start, which `zipfile` finds from where the directory really ends.
        let concat = dir
            .eocd_offset
            .checked_sub(dir.size)
            .and_then(|x| x.checked_sub(dir.offset))
            .filter(|c| *c > 0);
        if let Some(c) = concat {
            f.seek(SeekFrom::Start(dir.offset + c))
                .map_err(|e| e.to_string())?;
            f.read_exact(&mut cd).map_err(|e| e.to_string())?;
            let mut es = z::parse_entries(&cd, dir.entries).map_err(|e| e.to_string())?;
            for e in &mut es {
                e.local_offset += c;
            }
            return Ok(es);
        }
    }
    z::parse_entries(&cd, dir.entries).map_err(|e| e.to_string())
}

fn local_header<F: Read + Seek>(
    f: &mut F,
    e: &z::Entry,
    len: u64,
) -> Result<(u64, String), String> {
    if e.local_offset.saturating_add(z::LOCAL_FIXED as u64) > len {
        return Err(format!(
            "local header offset {} is past the end of the file",
            e.local_offset
        ));
    }
    let mut fixed = [0u8; z::LOCAL_FIXED];
    f.seek(SeekFrom::Start(e.local_offset))
        .map_err(|e| e.to_string())?;
    f.read_exact(&mut fixed).map_err(|e| e.to_string())?;
    let (n, x) = z::local_lengths(&fixed).map_err(|e| e.to_string())?;
    let mut name = vec![0u8; n];
    f.read_exact(&mut name)
        .map_err(|e| format!("local header name: {e}"))?;
    let start = e.local_offset + (z::LOCAL_FIXED + n + x) as u64;
    if start.saturating_add(e.compressed_size) > len {
        return Err(format!(
            "member data ({} bytes at {start}) runs past the end of the {len}-byte file",
            e.compressed_size
        ));
    }
    Ok((start, String::from_utf8_lossy(&name).into_owned()))
}

fn scan_keras_config(r: &mut dyn Read, member: &str, out: &mut Out) {
    let mut buf = Vec::new();
    if let Err(e) = r
        .take(glassbox_formats::keras::MAX_CONFIG + 1)
        .read_to_end(&mut buf)
    {
        out.error(Some(member), format!("read error: {e}"));
        return;
    }
    match glassbox_formats::keras::inspect_config(&buf) {
        Ok(issues) => {
            for i in issues {
                let kind = if i.kind == "lambda-layer" {
                    ScanCode::KerasLambda
                } else {
                    ScanCode::KerasCustomModule
                };
                out.finding(
                    Severity::High,
                    kind,
                    i.message,
                    crate::ScanLocation {
                        member: Some(member.into()),
                        offset: None,
                        field: Some(i.path),
                    },
                );
            }
        }
        Err(e) => out.error(Some(member), format!("Keras config: {e}")),
    }
}

/// Scans a compressed stream by decompressing it into the dispatcher.
pub(crate) fn scan_compressed(
    kind: Kind,
    r: &mut dyn Read,
    len: Option<u64>,
    name: &str,
    member: Option<&str>,
    depth: u32,
    out: &mut Out,
) -> String {
    let limit = len.map_or(STREAM_LIMIT, |l| {
        l.saturating_mul(MAX_RATIO).clamp(1 << 28, STREAM_LIMIT)
    });
    let inner_name = name
        .trim_end_matches(".gz")
        .trim_end_matches(".bz2")
        .trim_end_matches(".xz")
        .trim_end_matches(".z");
    let label = match kind {
        Kind::Gzip => "gzip",
        Kind::Bzip2 => "bzip2",
        Kind::Xz => "xz",
        _ => "zlib",
    };
    let what = format!("{label} stream");
    let inner_format = match kind {
        Kind::Gzip => {
            let mut b = Bounded {
                inner: flate2::read::MultiGzDecoder::new(r),
                left: limit,
                limit,
                budget: None,
                what,
            };
            scan_stream(&mut b, None, inner_name, member, depth + 1, false, out)
        }
        Kind::Bzip2 => {
            let mut b = Bounded {
                inner: bzip2::read::MultiBzDecoder::new(r),
                left: limit,
                limit,
                budget: None,
                what,
            };
            scan_stream(&mut b, None, inner_name, member, depth + 1, false, out)
        }
        Kind::Zlib => {
            let mut b = Bounded {
                inner: flate2::read::ZlibDecoder::new(r),
                left: limit,
                limit,
                budget: None,
                what,
            };
            scan_stream(&mut b, None, inner_name, member, depth + 1, false, out)
        }
        _ => {
            // xz-utils' own decoder (the liblzma crate), read as a stream like the others. The
            // decoder has its own memory limit: an xz header may ask for a dictionary of
            // gigabytes. (lzma-rs, used before, panicked on a hostile footer: fuzz/RESULTS.md.)
            match liblzma::stream::Stream::new_stream_decoder(
                XZ_MEMLIMIT,
                liblzma::stream::CONCATENATED,
            ) {
                Ok(stream) => {
                    let mut b = Bounded {
                        inner: liblzma::read::XzDecoder::new_stream(r, stream),
                        left: limit,
                        limit,
                        budget: None,
                        what,
                    };
                    scan_stream(&mut b, None, inner_name, member, depth + 1, false, out)
                }
                Err(e) => {
                    out.error(member, format!("xz: {e}"));
                    "unknown".into()
                }
            }
        }
    };
    format!("{label}/{inner_format}")
}

/// Scans every regular member of a tar stream; links are never followed or written.
pub(crate) fn scan_tar(
    r: &mut dyn Read,
    container: Option<&str>,
    depth: u32,
    out: &mut Out,
) -> String {
    let mut a = tar::Archive::new(r);
    let entries = match a.entries() {
        Ok(e) => e,
        Err(e) => {
            out.error(container, format!("tar: {e}"));
            return "tar".into();
        }
    };
    for (i, entry) in entries.enumerate() {
        if i as u64 >= MAX_TAR_MEMBERS {
            out.error(
                container,
                format!(
                    "more than {MAX_TAR_MEMBERS} tar members (limit); the rest were not scanned"
                ),
            );
            break;
        }
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.error(container, format!("tar: {e}"));
                break;
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| format!("member-{i}"));
        let size = entry.size();
        let member = join(container, &path);
        scan_stream(
            &mut entry,
            Some(size),
            &path,
            Some(&member),
            depth + 1,
            false,
            out,
        );
    }
    "tar".into()
}
