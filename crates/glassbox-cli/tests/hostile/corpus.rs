//! The hostile-release corpus: each function writes one release folder that lies, explodes or
//! escapes in a documented way. Generation is fast (sparse files, hand-built compressed streams
//! that are repeated rather than compressed, empty files) so the test can build it on every run
//! instead of checking megabytes into git.

use std::fs;
use std::io::Write;
use std::path::Path;

use glassbox_formats::pickle::build::Builder;

/// A case: its name and what glassbox must print about it.
pub struct Case {
    /// Shown in failures.
    pub name: &'static str,
    /// Names (or fragments) that the report or the error of `audit` and of `scan` must mention.
    pub must_name: Vec<String>,
    /// More that `audit` alone must mention (its limits are not `scan`'s).
    pub audit_names: Vec<String>,
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

/// A pickle that would call `posix.system` if loaded: every case that needs a finding to name a
/// file carries one (never executed, only walked).
pub fn evil_pickle() -> Vec<u8> {
    b"cposix\nsystem\n(S'echo pwned'\ntR.".to_vec()
}

/// Files whose headers claim lengths far beyond the file: safetensors, GGUF, .npy, zip,
/// pickle frames and strings, ONNX.
pub fn lying_lengths(dir: &Path) -> Case {
    let mut st = (u64::MAX / 2).to_le_bytes().to_vec();
    st.extend_from_slice(b"{}      ");
    write(dir, "lying.safetensors", &st);

    let mut g = b"GGUF".to_vec();
    g.extend_from_slice(&3u32.to_le_bytes());
    g.extend_from_slice(&1u64.to_le_bytes()); // tensors
    g.extend_from_slice(&1u64.to_le_bytes()); // metadata pairs
    g.extend_from_slice(&(1u64 << 62).to_le_bytes()); // key length
    g.extend_from_slice(b"general.name");
    write(dir, "lying.gguf", &g);

    let mut npy = b"\x93NUMPY\x02\x00".to_vec();
    npy.extend_from_slice(&u32::MAX.to_le_bytes());
    npy.extend_from_slice(b"{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }");
    write(dir, "lying.npy", &npy);

    // A zip whose end record claims 65535 entries in a directory past the end of the file.
    let mut zip = glassbox_formats::zip::Writer::new()
        .stored("archive/data.pkl", &evil_pickle())
        .finish();
    let n = zip.len();
    zip[n - 12..n - 10].copy_from_slice(&u16::MAX.to_le_bytes()); // entries on this disk
    zip[n - 10..n - 8].copy_from_slice(&u16::MAX.to_le_bytes()); // entries in all
    zip[n - 8..n - 4].copy_from_slice(&(u32::MAX - 1).to_le_bytes()); // directory size
    write(dir, "lying.pt", &zip);

    // Protocol 4: a frame of 2^63 bytes, then a BINUNICODE8 of 2^62.
    let mut pk = vec![0x80, 4, 0x95];
    pk.extend_from_slice(&(1u64 << 63).to_le_bytes());
    pk.push(0x8d);
    pk.extend_from_slice(&(1u64 << 62).to_le_bytes());
    pk.extend_from_slice(b"abc");
    write(dir, "lying.pkl", &pk);

    // ONNX: ir_version, then a graph (field 7) announcing 2^40 bytes.
    let mut onnx = vec![0x08, 0x07, 0x3a];
    let mut v = 1u64 << 40;
    while v >= 0x80 {
        onnx.push((v as u8) | 0x80);
        v >>= 7;
    }
    onnx.push(v as u8);
    onnx.extend_from_slice(&[0u8; 16]);
    write(dir, "lying.onnx", &onnx);
    write(dir, "README.md", b"# lying lengths\n");
    Case {
        name: "lying-lengths",
        must_name: [
            "lying.safetensors",
            "lying.gguf",
            "lying.npy",
            "lying.pt",
            "lying.pkl",
            "lying.onnx",
        ]
        .map(String::from)
        .to_vec(),
        audit_names: vec![],
    }
}

/// A safetensors file whose JSON header is exactly the 100 MB limit (valid JSON, no tensors).
pub fn big_header(dir: &Path) -> Case {
    const N: usize = 100_000_000;
    let mut f = fs::File::create(dir.join("model.safetensors")).unwrap();
    f.write_all(&(N as u64).to_le_bytes()).unwrap();
    let open = br#"{"__metadata__":{"pad":""#;
    let close = br#""}}"#;
    f.write_all(open).unwrap();
    let pad = vec![b'x'; N - open.len() - close.len()];
    f.write_all(&pad).unwrap();
    f.write_all(close).unwrap();
    Case {
        name: "safetensors-100mb-header",
        must_name: vec!["model.safetensors".into()],
        audit_names: vec![],
    }
}

/// A GGUF header that announces 2^32 tensors and then ends.
pub fn gguf_many_tensors(dir: &Path) -> Case {
    let mut g = b"GGUF".to_vec();
    g.extend_from_slice(&3u32.to_le_bytes());
    g.extend_from_slice(&(1u64 << 32).to_le_bytes());
    g.extend_from_slice(&0u64.to_le_bytes());
    g.extend(std::iter::repeat_n(0u8, 4096));
    write(dir, "model.gguf", &g);
    Case {
        name: "gguf-2pow32-tensors",
        must_name: vec!["model.gguf".into()],
        audit_names: vec![],
    }
}

/// A raw deflate stream of `prefix` then `runs * 258 + 1` zero bytes, written directly (fixed
/// Huffman: the prefix and one 0 as literals, then `runs` copies of length 258 at distance 1),
/// so a bomb costs no compression.
pub fn deflate_zeros(prefix: &[u8], runs: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, v: u32, len: u32) {
            self.acc |= v << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most-significant bit first.
        fn code(&mut self, v: u32, len: u32) {
            let mut r = 0;
            for i in 0..len {
                r |= ((v >> i) & 1) << (len - 1 - i);
            }
            self.put(r, len);
        }
    }
    let mut b = Bits {
        out: Vec::with_capacity(runs * 13 / 8 + 16),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    for &x in prefix.iter().chain(&[0]) {
        match x {
            0..=143 => b.code(0x30 + u32::from(x), 8),
            _ => b.code(0x190 + u32::from(x) - 144, 9),
        }
    }
    for _ in 0..runs {
        b.code(0xc5, 8); // length code 285 = 258
        b.code(0, 5); // distance code 0 = 1
    }
    b.code(0, 7); // end of block
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

/// Zip members as `(name, method, compressed bytes, uncompressed size)`; `overlap` more
/// directory entries all point at the first member's local header.
fn zip_raw(members: &[(&str, u16, &[u8], u64)], overlap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    let mut count = 0u16;
    let mut first_off = 0u32;
    let entry = |cd: &mut Vec<u8>, name: &str, method: u16, c: u64, u: u64, off: u32| {
        cd.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00");
        cd.extend_from_slice(&method.to_le_bytes());
        cd.extend_from_slice(&[0; 8]); // time, date, crc
        cd.extend_from_slice(&(c as u32).to_le_bytes());
        cd.extend_from_slice(&(u.min(u32::MAX as u64) as u32).to_le_bytes());
        cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&off.to_le_bytes());
        cd.extend_from_slice(name.as_bytes());
    };
    for (i, &(name, method, data, full)) in members.iter().enumerate() {
        let off = out.len() as u32;
        if i == 0 {
            first_off = off;
        }
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00");
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(full.min(u32::MAX as u64) as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        entry(&mut cd, name, method, data.len() as u64, full, off);
        count += 1;
    }
    if let Some(&(_, method, data, u)) = members.first() {
        for i in 0..overlap {
            let alias = format!("archive/data/{i}");
            entry(&mut cd, &alias, method, data.len() as u64, u, first_off);
            count += 1;
        }
    }
    let cd_off = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A 512-byte ustar header.
fn tar_header(name: &str, size: u64) -> [u8; 512] {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    h[100..107].copy_from_slice(b"0000644");
    h[108..115].copy_from_slice(b"0000000");
    h[116..123].copy_from_slice(b"0000000");
    let sz = format!("{size:011o}");
    h[124..124 + sz.len()].copy_from_slice(sz.as_bytes());
    h[136..147].copy_from_slice(b"00000000000");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    let cs = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(cs.as_bytes());
    h
}

/// A gzip member of `prefix` and then `zeros` zero bytes, with a correct CRC so that a reader
/// goes on to the next member instead of stopping at a checksum error.
fn gzip_member(prefix: &[u8], zeros: usize) -> Vec<u8> {
    assert_eq!((zeros - 1) % 258, 0, "zeros = 1 + 258 * runs");
    let mut crc = flate2::Crc::new();
    crc.update(prefix);
    let block = vec![0u8; 1 << 20];
    let mut left = zeros;
    while left > 0 {
        let n = left.min(block.len());
        crc.update(&block[..n]);
        left -= n;
    }
    let mut g = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    g.extend_from_slice(&deflate_zeros(prefix, (zeros - 1) / 258));
    g.extend_from_slice(&crc.sum().to_le_bytes());
    g.extend_from_slice(&((prefix.len() + zeros) as u32).to_le_bytes());
    g
}

/// Zip bombs: a 1 GiB member that declares 1 KiB (a lying size), the same member aliased by 64
/// overlapping directory entries, and four concatenated gzip members of 1 GiB each. Each
/// expands to a pickle whose `BINBYTES8` claims the whole stream, so a scanner that walks the
/// pickle must decompress all of it (zeros alone would end the walk at the first byte).
pub fn zip_bomb(dir: &Path) -> Case {
    let runs = (1usize << 30) / 258;
    let total = (runs * 258 + 1 + 11) as u64;
    let mut head = vec![0x80, 4, 0x8e];
    head.extend_from_slice(&(total - 11).to_le_bytes());
    let bomb = deflate_zeros(&head, runs);
    let zip = zip_raw(&[("archive/data.pkl", 8, &bomb, 1024)], 0);
    write(dir, "bomb.pt", &zip);
    let zip = zip_raw(&[("archive/data/0", 8, &bomb, total)], 64);
    write(dir, "overlap.pt", &zip);
    let mut gz = gzip_member(&[0x80, 4, 0x8e, 0, 0, 0, 0, 1, 0, 0, 0], runs * 258 + 1);
    let zeros = gzip_member(&[], runs * 258 + 1);
    for _ in 0..3 {
        gz.extend_from_slice(&zeros);
    }
    write(dir, "weights.bin.gz", &gz);
    Case {
        name: "zip-bomb",
        must_name: ["bomb.pt", "overlap.pt", "weights.bin.gz"]
            .map(String::from)
            .to_vec(),
        audit_names: vec![],
    }
}

/// Tar bombs: 100,001 members (one over the scanner's member limit), gzip-compressed, and a
/// member whose header claims 8 GiB in a file of a few kilobytes.
pub fn tar_bomb(dir: &Path) -> Case {
    let mut raw = Vec::with_capacity(100_002 * 512 + 1024);
    for i in 0..100_001 {
        raw.extend_from_slice(&tar_header(&format!("f/{i}"), 0));
    }
    raw.extend_from_slice(&[0u8; 1024]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&raw).unwrap();
    write(dir, "many.tar.gz", &gz.finish().unwrap());
    let mut huge = tar_header("model.pkl", 8 << 30).to_vec();
    huge.extend_from_slice(&evil_pickle());
    huge.resize(4096, 0);
    write(dir, "huge.tar", &huge);
    Case {
        name: "tar-bomb",
        must_name: ["many.tar.gz", "huge.tar"].map(String::from).to_vec(),
        audit_names: vec![],
    }
}

/// A zip nested in a zip 50 deep, with a malicious pickle at the bottom; and gzip in gzip 50
/// deep.
pub fn nested(dir: &Path) -> Case {
    let mut inner = evil_pickle();
    let mut name = "archive/data.pkl".to_string();
    for i in 0..50 {
        inner = glassbox_formats::zip::Writer::new()
            .stored(&name, &inner)
            .finish();
        name = format!("layer{i}.zip");
    }
    write(dir, "nested.zip", &inner);
    let mut g = evil_pickle();
    for _ in 0..50 {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&g).unwrap();
        g = e.finish().unwrap();
    }
    write(dir, "nested.pkl.gz", &g);
    Case {
        name: "nested-50",
        must_name: ["nested.zip", "nested.pkl.gz"].map(String::from).to_vec(),
        audit_names: vec![],
    }
}

/// A pickle that opens 100,000 MARKs (nested, never closed), then a global call.
pub fn marks(dir: &Path) -> Case {
    let mut b = Builder::new().proto(2);
    for _ in 0..100_000 {
        b = b.mark();
    }
    // The call below ends the pickle (its STOP) inside the 100,000 open marks.
    let mut bytes = b.finish();
    bytes.extend_from_slice(&evil_pickle());
    write(dir, "pytorch_model.bin", &bytes);
    Case {
        name: "pickle-100k-marks",
        must_name: vec!["pytorch_model.bin".into()],
        audit_names: vec![],
    }
}

/// A 2 GiB sparse file of zeros named as weights, and a safetensors file whose 2 GiB tensor is
/// a hole.
pub fn sparse(dir: &Path) -> Case {
    let f = fs::File::create(dir.join("pytorch_model.bin")).unwrap();
    f.set_len(2 << 30).unwrap();
    let n: u64 = (2 << 30) / 4;
    let header = format!(
        r#"{{"w":{{"dtype":"F32","shape":[{n}],"data_offsets":[0,{}]}}}}"#,
        n * 4
    );
    let mut f = fs::File::create(dir.join("model.safetensors")).unwrap();
    f.write_all(&(header.len() as u64).to_le_bytes()).unwrap();
    f.write_all(header.as_bytes()).unwrap();
    f.set_len(8 + header.len() as u64 + n * 4).unwrap();
    Case {
        name: "sparse-2gb",
        must_name: ["pytorch_model.bin", "model.safetensors"]
            .map(String::from)
            .to_vec(),
        audit_names: vec![],
    }
}

/// A card whose front matter is a YAML alias bomb (billion laughs), and a MOF record with one.
pub fn yaml_bomb(dir: &Path) -> Case {
    let mut y = String::from(
        "---\nlicense: mit\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        y.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let card = format!("{y}---\n# Model\n");
    write(dir, "README.md", card.as_bytes());
    let record = format!(
        "framework:\n  name: Model Openness Framework\n  version: '1.0'\n{}",
        &y[4..]
    );
    write(dir, "model.yml", record.as_bytes());
    Case {
        name: "yaml-alias-bomb",
        must_name: vec!["README.md".into()],
        audit_names: vec![],
    }
}

/// A 50 MB model card.
pub fn big_card(dir: &Path) -> Case {
    let mut f = fs::File::create(dir.join("README.md")).unwrap();
    f.write_all(b"---\nlicense: apache-2.0\n---\n# Model\n\n")
        .unwrap();
    let line = "This model is described at [length](https://example.invalid/x) with *emphasis*.\n";
    let block = line.repeat(1 << 14);
    while f.metadata().unwrap().len() < 50 << 20 {
        f.write_all(block.as_bytes()).unwrap();
    }
    Case {
        name: "card-50mb",
        must_name: vec!["README.md".into()],
        audit_names: vec![],
    }
}

/// 200,001 empty files in 201 folders (one over the default inventory limit), and a card.
pub fn many_files(dir: &Path) -> Case {
    write(dir, "README.md", b"---\nlicense: mit\n---\n# Many\n");
    for d in 0..201 {
        let sub = dir.join(format!("d{d:03}"));
        fs::create_dir(&sub).unwrap();
        for i in 0..1000 {
            if d * 1000 + i >= 200_001 {
                break;
            }
            fs::File::create(sub.join(format!("{i}.txt"))).unwrap();
        }
    }
    Case {
        name: "200k-files",
        must_name: vec!["README.md".into()],
        audit_names: vec!["200000".into()],
    }
}

/// Symlink loops (file and folder), a link to itself, links out of the release (absolute and
/// by `..`), and a weights name that links to a device.
#[cfg(unix)]
pub fn symlinks(dir: &Path, outside: &Path) -> Case {
    use std::os::unix::fs::symlink;
    write(dir, "README.md", b"# links\n");
    fs::write(
        outside.join("secret.txt"),
        b"SECRET-7f3a outside the release\n",
    )
    .unwrap();
    symlink("b.bin", dir.join("a.bin")).unwrap();
    symlink("a.bin", dir.join("b.bin")).unwrap();
    symlink("self.pkl", dir.join("self.pkl")).unwrap();
    fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/loop")).unwrap();
    symlink(outside.join("secret.txt"), dir.join("LICENSE")).unwrap();
    symlink("../outside/secret.txt", dir.join("escape.pkl")).unwrap();
    symlink(outside, dir.join("outdir")).unwrap();
    symlink("/dev/zero", dir.join("model.safetensors")).unwrap();
    Case {
        name: "symlinks",
        must_name: ["LICENSE", "escape.pkl", "model.safetensors"]
            .map(String::from)
            .to_vec(),
        audit_names: vec![],
    }
}

/// File names with an ANSI escape, a newline, a right-to-left override and invalid UTF-8, each
/// holding a malicious pickle so a finding must name it.
#[cfg(unix)]
pub fn hostile_names(dir: &Path) -> Case {
    use std::os::unix::ffi::OsStrExt;
    let p = evil_pickle();
    fs::write(dir.join("esc\x1b[2J\x1b[31mred.pkl"), &p).unwrap();
    fs::write(dir.join("new\nline.pkl"), &p).unwrap();
    fs::write(dir.join("model\u{202E}lkp.bin"), &p).unwrap();
    fs::write(
        dir.join(std::ffi::OsStr::from_bytes(b"bad\xff\xfename.pkl")),
        &p,
    )
    .unwrap();
    write(dir, "README.md", b"# names\n");
    Case {
        name: "hostile-names",
        must_name: ["red.pkl", "line.pkl", "lkp.bin", "name.pkl"]
            .map(String::from)
            .to_vec(),
        audit_names: vec![],
    }
}

/// A `.git` folder whose config would run commands (fsmonitor, ssh, filters, hooks) if anything
/// ran git or honoured them; each would create `canary`.
pub fn hostile_git(dir: &Path, canary: &Path) -> Case {
    let c = canary.display();
    write(dir, "README.md", b"---\nlicense: mit\n---\n# git\n");
    write(dir, "model.pkl", &evil_pickle());
    write(dir, ".git/HEAD", b"ref: refs/heads/main\n");
    write(
        dir,
        ".git/config",
        format!(
            "[core]\n\trepositoryformatversion = 0\n\tfsmonitor = \"touch {c}\"\n\tsshCommand = touch {c}\n\thooksPath = hooks\n\
             [filter \"lfs\"]\n\tsmudge = touch {c}\n\tprocess = touch {c}\n\trequired = true\n\
             [include]\n\tpath = /etc/passwd\n[remote \"origin\"]\n\turl = ext::sh -c touch% {c}\n"
        )
        .as_bytes(),
    );
    write(
        dir,
        ".git/hooks/post-checkout",
        format!("#!/bin/sh\ntouch {c}\n").as_bytes(),
    );
    write(
        dir,
        ".git/refs/heads/main",
        b"../../../../../../etc/passwd\n",
    );
    write(dir, ".git/objects/pack/pack-0.pack", &[0xffu8; 64]);
    write(dir, ".gitattributes", b"* filter=lfs diff=lfs merge=lfs\n");
    Case {
        name: "hostile-git",
        must_name: vec!["model.pkl".into()],
        audit_names: vec![],
    }
}

/// An HF cache for `org/evil` whose `refs/main` climbs out, whose second ref names a commit
/// whose snapshot is a symlink to a folder outside, and whose snapshot files link outside.
#[cfg(unix)]
pub fn hf_cache(cache: &Path, outside: &Path) -> Case {
    use std::os::unix::fs::symlink;
    fs::write(
        outside.join("secret.txt"),
        b"SECRET-7f3a outside the cache\n",
    )
    .unwrap();
    let commit = "0123456789abcdef0123456789abcdef01234567";
    // org/evil: refs/main is a path, not a commit.
    let evil = cache.join("models--org--evil");
    write(&evil, "refs/main", b"../../../../../../etc\n");
    fs::create_dir_all(evil.join("snapshots")).unwrap();
    // org/away: the snapshot folder itself is a symlink out of the cache.
    let away = cache.join("models--org--away");
    write(&away, "refs/main", commit.as_bytes());
    fs::create_dir_all(away.join("snapshots")).unwrap();
    symlink(outside, away.join("snapshots").join(commit)).unwrap();
    // org/leak: a real snapshot whose files link outside the repository folder.
    let leak = cache.join("models--org--leak");
    write(&leak, "refs/main", commit.as_bytes());
    let snap = leak.join("snapshots").join(commit);
    fs::create_dir_all(&snap).unwrap();
    fs::create_dir_all(leak.join("blobs")).unwrap();
    fs::write(leak.join("blobs/aaaa"), b"# leak\n").unwrap();
    symlink("../../blobs/aaaa", snap.join("README.md")).unwrap();
    symlink(outside.join("secret.txt"), snap.join("LICENSE")).unwrap();
    symlink("../../../../outside/secret.txt", snap.join("config.json")).unwrap();
    Case {
        name: "hf-cache",
        must_name: vec!["LICENSE".into()],
        audit_names: vec![],
    }
}
