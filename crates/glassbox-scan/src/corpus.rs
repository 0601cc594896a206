//! The test corpus, generated in code (no downloaded samples): malicious files through every
//! route of scanners.md §10 (T01–T29), benign files shaped like real checkpoints (T30–T35), and
//! lying or hostile inputs. Payloads are inert (`echo PWNED-<case>`), and nothing here is ever
//! loaded: the bytes are written opcode by opcode.
//!
//! Long because it is data written as code: one builder per corpus case.
//!
//! `cargo run -p glassbox-scan --example write_corpus -- DIR [--large]` writes it to disk for
//! the peer benchmark; the integration tests build it in a temporary folder.

use std::io::Write;

use glassbox_formats::gguf::{self, WriteValue};
use glassbox_formats::keras;
use glassbox_formats::numpy;
use glassbox_formats::onnx::encode as pb;
use glassbox_formats::pickle::build::Builder;
use glassbox_formats::safetensors;
use glassbox_formats::zip::{crc32, Member, Writer};

/// What a scan of a corpus file must report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A finding of severity `high` or above (exit 1 with the default `--fail-on high`).
    Found,
    /// A high finding or a scan error (fail closed: never clean).
    FoundOrError,
    /// An error naming the file and the limit (no crash, no hang).
    Error,
    /// No finding and no error.
    Clean,
}

/// One corpus file.
#[derive(Debug, Clone)]
pub struct Case {
    /// Relative path to write it at.
    pub path: String,
    /// scanners.md test-case id (`T01`…`T35`) or a short tag.
    pub case: &'static str,
    /// What a scan must report.
    pub expect: Expect,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn case(path: &str, case: &'static str, expect: Expect, bytes: Vec<u8>) -> Case {
    Case {
        path: path.into(),
        case,
        expect,
        bytes,
    }
}

/// Deterministic pseudo-random bytes (xorshift), for tensor data.
pub fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut v = Vec::with_capacity(n);
    while v.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.extend_from_slice(&x.to_le_bytes());
    }
    v.truncate(n);
    v
}

fn echo(c: &str) -> String {
    format!("echo PWNED-{c}")
}

/// `module.name("echo PWNED-case")` at protocol 0 (GLOBAL, STRING).
pub fn call_p0(m: &str, n: &str, c: &str) -> Vec<u8> {
    Builder::new().call_global(m, n, &echo(c)).stop().finish()
}

/// The same at protocol 2 (GLOBAL, BINUNICODE).
pub fn call_p2(m: &str, n: &str, c: &str) -> Vec<u8> {
    Builder::new()
        .proto(2)
        .global(m, n)
        .put(0)
        .binunicode(&echo(c))
        .put(1)
        .tuple1()
        .put(2)
        .reduce()
        .put(3)
        .stop()
        .finish()
}

/// The same at protocol 4 (STACK_GLOBAL from memoized strings, inside a frame).
pub fn call_p4(m: &str, n: &str, c: &str) -> Vec<u8> {
    let body = Builder::new()
        .call_stack_global(m, n, &echo(c))
        .stop()
        .finish();
    Builder::new()
        .proto(4)
        .frame(body.len() as u64)
        .raw(&body)
        .finish()
}

/// A torch-style `data.pkl`: an OrderedDict of tensors rebuilt by `_rebuild_tensor_v2` from
/// persistent-id storages, as `torch.save` writes it (protocol 2).
pub fn torch_state_dict_pickle(tensors: &[(&str, &[u64])], parameter: bool) -> Vec<u8> {
    let mut b = Builder::new()
        .proto(2)
        .global("collections", "OrderedDict")
        .put(0)
        .empty_tuple()
        .reduce()
        .put(1)
        .mark();
    let mut memo = 2u32;
    let (rebuild, storage) = (memo, memo + 1);
    for (i, (name, shape)) in tensors.iter().enumerate() {
        b = b.binunicode(name).put(memo + 2);
        if parameter {
            b = b.global("torch._utils", "_rebuild_parameter");
        }
        b = if i == 0 {
            b.global("torch._utils", "_rebuild_tensor_v2").put(rebuild)
        } else {
            b.get(rebuild)
        };
        b = b.mark();
        // Persistent id: ('storage', torch.FloatStorage, key, 'cpu', numel).
        b = b.mark().binunicode("storage");
        b = if i == 0 {
            b.global("torch", "FloatStorage").put(storage)
        } else {
            b.get(storage)
        };
        let numel: u64 = shape.iter().product();
        b = b
            .binunicode(&i.to_string())
            .binunicode("cpu")
            .int(numel as i64)
            .tuple()
            .binpersid();
        b = b.int(0).mark();
        for d in *shape {
            b = b.int(*d as i64);
        }
        b = b.tuple().mark();
        let mut stride = 1u64;
        let mut strides: Vec<u64> = shape
            .iter()
            .rev()
            .map(|d| {
                let s = stride;
                stride *= d;
                s
            })
            .collect();
        strides.reverse();
        for s in strides {
            b = b.int(s as i64);
        }
        b = b
            .tuple()
            .boolean(false)
            .global("collections", "OrderedDict")
            .empty_tuple()
            .reduce()
            .tuple()
            .reduce();
        if parameter {
            b = b
                .boolean(true)
                .global("collections", "OrderedDict")
                .empty_tuple()
                .reduce()
                .op(0x87)
                .reduce();
        }
        memo += 3;
    }
    b.setitems().stop().finish()
}

/// A torch zip checkpoint with the given `data.pkl` and random storages.
pub fn torch_zip(data_pkl: &[u8], storages: &[usize], extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = Writer::new();
    w.stored("archive/data.pkl", data_pkl);
    w.stored("archive/byteorder", b"little");
    for (i, n) in storages.iter().enumerate() {
        let d = noise(*n, i as u64 + 7);
        w.stored(&format!("archive/data/{i}"), &d);
    }
    for (n, d) in extra {
        w.stored(n, d);
    }
    w.stored("archive/version", b"3\n");
    w.stored("archive/.data/serialization_id", b"1234567890");
    w.finish()
}

/// A legacy (pre-1.6) torch file: magic, protocol, sys info, `object`, storage keys, storages.
pub fn legacy_torch(object: &[u8], storage_bytes: usize) -> Vec<u8> {
    let mut o = Builder::new()
        .proto(2)
        .raw(glassbox_formats::pytorch::LEGACY_MAGIC_LONG1)
        .stop()
        .finish();
    o.extend(Builder::new().proto(2).int(1001).stop().finish());
    o.extend(
        Builder::new()
            .proto(2)
            .empty_dict()
            .mark()
            .binunicode("protocol_version")
            .int(1001)
            .binunicode("little_endian")
            .boolean(true)
            .binunicode("type_sizes")
            .empty_dict()
            .mark()
            .binunicode("short")
            .int(2)
            .binunicode("int")
            .int(4)
            .binunicode("long")
            .int(4)
            .setitems()
            .setitems()
            .stop()
            .finish(),
    );
    o.extend_from_slice(object);
    o.extend(
        Builder::new()
            .proto(2)
            .empty_list()
            .mark()
            .binunicode("0")
            .appends()
            .stop()
            .finish(),
    );
    o.extend((storage_bytes as u64).to_le_bytes());
    o.extend(noise(storage_bytes, 3));
    o
}

/// A numpy array pickled the way `pickle.dumps(np.array(...))` writes it (protocol 3+):
/// `_reconstruct`, `dtype`, then `BUILD` with the raw bytes.
pub fn numpy_array_pickle(b: Builder, data: &[u8], first: bool) -> Builder {
    let b = if first {
        b.global("numpy.core.multiarray", "_reconstruct")
            .put(10)
            .global("numpy", "ndarray")
            .put(11)
            .global("numpy", "dtype")
            .put(12)
    } else {
        b
    };
    b.get(10)
        .get(11)
        .int(0)
        .tuple1()
        .bytes(b"b")
        .op(0x87)
        .reduce()
        .mark()
        .int(1)
        .int((data.len() / 4) as i64)
        .tuple1()
        .get(12)
        .unicode("f4")
        .boolean(false)
        .boolean(true)
        .op(0x87)
        .reduce()
        .mark()
        .int(3)
        .unicode("<")
        .none()
        .none()
        .none()
        .int(-1)
        .int(-1)
        .int(0)
        .tuple()
        .build()
        .boolean(false)
        .bytes(data)
        .tuple()
        .build()
}

/// A pickle of a dict of `n` numpy arrays of `size` random bytes each.
pub fn tensor_heavy_pickle(n: usize, size: usize) -> Vec<u8> {
    let mut b = Builder::new().proto(3).empty_dict().mark();
    for i in 0..n {
        b = b.binunicode(&format!("layer{i}.weight"));
        b = numpy_array_pickle(b, &noise(size, i as u64), i == 0);
    }
    b.setitems().stop().finish()
}

/// A list of `n` floats (opcode-dense: one BINFLOAT per element, APPENDS per 1000).
pub fn float_list_pickle(n: usize) -> Vec<u8> {
    let mut o = Builder::new().proto(2).empty_list().put(0).finish();
    o.reserve(n * 9 + n / 1000 * 2 + 8);
    let mut i = 0;
    while i < n {
        o.push(b'(');
        let k = (n - i).min(1000);
        for j in 0..k {
            o.push(b'G');
            o.extend_from_slice(&((i + j) as f64 * 0.5).to_be_bytes());
        }
        o.push(b'e');
        i += k;
    }
    o.push(b'.');
    o
}

fn gz(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).expect("in-memory write");
    e.finish().expect("in-memory write")
}

fn zlib(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).expect("in-memory write");
    e.finish().expect("in-memory write")
}

fn deflate(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).expect("in-memory write");
    e.finish().expect("in-memory write")
}

fn bz2(b: &[u8]) -> Vec<u8> {
    let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    e.write_all(b).expect("in-memory write");
    e.finish().expect("in-memory write")
}

fn xz(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = liblzma::write::XzEncoder::new(&mut out, 6);
    std::io::Write::write_all(&mut enc, b).expect("in-memory write");
    enc.finish().expect("in-memory write");
    out
}

fn tar_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut t = tar::Builder::new(Vec::new());
    for (name, data) in members {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        t.append_data(&mut h, name, *data).expect("in-memory tar");
    }
    t.into_inner().expect("in-memory tar")
}

fn deflated_member<'a>(name: &'a str, raw: &[u8], stored: &'a [u8]) -> Member<'a> {
    Member {
        name,
        data: stored,
        uncompressed_size: Some(raw.len() as u64),
        method: 8,
        crc32: crc32(raw),
        ..Default::default()
    }
}

fn hdf5_with(json: &str) -> Vec<u8> {
    // Only what a byte-level reader sees: the signature, then attribute text among binary.
    let mut o = b"\x89HDF\r\n\x1a\n".to_vec();
    o.extend(noise(2048, 11));
    o.extend_from_slice(b"model_config\0");
    o.extend_from_slice(json.as_bytes());
    o.extend(noise(4096, 12));
    o
}

const CHATML: &str = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

fn gguf_with(template: &str, extra: &[(&str, WriteValue<'_>)]) -> Vec<u8> {
    let mut meta = vec![
        ("general.architecture", WriteValue::Str("llama")),
        ("general.name", WriteValue::Str("corpus")),
        ("general.license", WriteValue::Str("apache-2.0")),
        (
            "tokenizer.ggml.tokens",
            WriteValue::Strs(&["<s>", "</s>", "a"]),
        ),
        ("tokenizer.chat_template", WriteValue::Str(template)),
    ];
    meta.extend_from_slice(extra);
    gguf::write(
        &meta,
        &[("token_embd.weight", &[8, 3]), ("output.weight", &[8])],
    )
}

fn keras_zip(config: &str) -> Vec<u8> {
    let mut w = Writer::new();
    w.stored(
        "metadata.json",
        br#"{"keras_version": "3.6.0", "date_saved": "2026-01-01@00:00:00"}"#,
    );
    w.stored("config.json", config.as_bytes());
    w.stored("model.weights.h5", &hdf5_with("{}"));
    w.finish()
}

/// Every corpus file that fits in memory comfortably (the 20 MB case is the largest).
pub fn cases() -> Vec<Case> {
    use Expect::*;
    let mut v = Vec::new();

    // ---- Benign (T30–T35): no finding, no error.
    let sd = torch_state_dict_pickle(
        &[
            ("layer.0.weight", &[4, 3]),
            ("layer.0.bias", &[4]),
            ("head.weight", &[2, 4]),
        ],
        false,
    );
    v.push(case(
        "benign/benign_torchlike.pkl",
        "T30",
        Clean,
        sd.clone(),
    ));
    v.push(case(
        "benign/benign_torch_zip.pt",
        "T30",
        Clean,
        torch_zip(&sd, &[48, 16, 32], &[]),
    ));
    let sdp = torch_state_dict_pickle(&[("w", &[3, 3]), ("b", &[3])], true);
    v.push(case(
        "benign/benign_parameters.pt",
        "T30",
        Clean,
        torch_zip(&sdp, &[36, 12], &[]),
    ));
    v.push(case(
        "benign/benign_legacy_torch.pt",
        "T30",
        Clean,
        legacy_torch(&sd, 4096),
    ));
    let optim = Builder::new()
        .proto(2)
        .empty_dict()
        .mark()
        .binunicode("state")
        .empty_dict()
        .mark()
        .int(0)
        .empty_dict()
        .mark()
        .binunicode("step")
        .int(100)
        .binunicode("exp_avg_sq")
        .float(0.25)
        .setitems()
        .setitems()
        .binunicode("param_groups")
        .empty_list()
        .mark()
        .empty_dict()
        .mark()
        .binunicode("lr")
        .float(1e-4)
        .binunicode("betas")
        .float(0.9)
        .float(0.999)
        .tuple2()
        .binunicode("params")
        .empty_list()
        .mark()
        .int(0)
        .int(1)
        .appends()
        .setitems()
        .appends()
        .setitems()
        .stop()
        .finish();
    v.push(case(
        "benign/benign_optimizer.pt",
        "T30",
        Clean,
        torch_zip(&optim, &[], &[]),
    ));
    v.push(case(
        "benign/benign_numpy_in_pickle.pkl",
        "T31",
        Clean,
        tensor_heavy_pickle(3, 64),
    ));
    let codecs = Builder::new()
        .proto(2)
        .global("numpy.core.multiarray", "_reconstruct")
        .global("numpy", "ndarray")
        .int(0)
        .tuple1()
        .global("_codecs", "encode")
        .binunicode("b")
        .binunicode("latin1")
        .tuple2()
        .reduce()
        .op(0x87)
        .reduce()
        .mark()
        .int(1)
        .int(2)
        .tuple1()
        .global("numpy", "dtype")
        .binunicode("f8")
        .int(0)
        .int(1)
        .op(0x87)
        .reduce()
        .boolean(false)
        .global("_codecs", "encode")
        .binunicode("\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{f0}?\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}@")
        .binunicode("latin1")
        .tuple2()
        .reduce()
        .tuple()
        .build()
        .stop()
        .finish();
    v.push(case("benign/benign_codecs_p2.pkl", "T31", Clean, codecs));
    v.push(case(
        "benign/benign_list_v0.pkl",
        "T32",
        Clean,
        b"(dp0\nS'name'\np1\nS'tiny'\np2\nsS'layers'\np3\n(lp4\nI1\naI2\naF0.5\nas.".to_vec(),
    ));
    v.push(case(
        "benign/benign_int_array.npy",
        "T31",
        Clean,
        numpy::write("'<i8'", &[4], &noise(32, 1)),
    ));
    let obj_payload = Builder::new()
        .proto(3)
        .raw(
            &numpy_array_pickle(Builder::new(), &noise(16, 2), true)
                .stop()
                .finish(),
        )
        .finish();
    v.push(case(
        "benign/benign_object_array.npy",
        "T31",
        Clean,
        numpy::write("'|O'", &[1], &obj_payload),
    ));
    let npy_a = numpy::write("'<f4'", &[8], &noise(32, 4));
    let npy_b = numpy::write("'<f4'", &[256], &[0; 1024]);
    let npy_b_z = deflate(&npy_b);
    let mut w = Writer::new();
    w.stored("a.npy", &npy_a);
    w.add(&deflated_member("b.npy", &npy_b, &npy_b_z));
    v.push(case("benign/benign_arrays.npz", "T31", Clean, w.finish()));
    v.push(case(
        "benign/benign_model.safetensors",
        "T35",
        Clean,
        safetensors::write_f32(
            &[
                ("a", vec![2, 2], vec![1.0; 4]),
                ("b", vec![3], vec![0.5; 3]),
            ],
            &[("format", "pt")],
        ),
    ));
    v.push(case(
        "benign/benign_chatml.gguf",
        "T35",
        Clean,
        gguf_with(CHATML, &[]),
    ));
    v.push(case(
        "benign/benign_keras.keras",
        "T35",
        Clean,
        keras_zip(r#"{"class_name": "Sequential", "module": "keras", "config": {"layers": [{"class_name": "Dense", "module": "keras.layers", "config": {"units": 2}}]}}"#),
    ));
    v.push(case(
        "benign/benign_keras.h5",
        "T35",
        Clean,
        hdf5_with(
            r#"{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense"}]}}"#,
        ),
    ));
    v.push(case(
        "benign/benign_model.onnx",
        "T35",
        Clean,
        pb::model_with_initializer("w", Some("model.onnx_data")),
    ));
    v.push(case(
        "benign/benign_savedmodel/saved_model.pb",
        "T35",
        Clean,
        keras::write_saved_model(&["Const", "MatMul", "Identity"]),
    ));
    v.push(case(
        "benign/tokenizer_config.json",
        "T35",
        Clean,
        serde_json::to_vec(
            &serde_json::json!({"chat_template": CHATML, "eos_token": "<|im_end|>"}),
        )
        .unwrap_or_default(),
    ));
    v.push(case(
        "benign/README.md",
        "T35",
        Clean,
        b"---\nlicense: apache-2.0\n---\n# Tiny model\nconfig and weights.\n".to_vec(),
    ));
    v.push(case(
        "benign/config.json",
        "T35",
        Clean,
        br#"{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}"#.to_vec(),
    ));
    let bomb = {
        // 2^k references through DUP/APPENDS: tiny file, huge object graph if loaded; the walker
        // never builds objects, so it is read in microseconds.
        let mut b = Builder::new().proto(2).empty_list().put(0);
        for _ in 0..30 {
            b = b.empty_list().mark().get(0).dup().appends().put(0);
        }
        b.stop().finish()
    };
    v.push(case("benign/dos_pickle_bomb.pkl", "DoS", Clean, bomb));
    // Scaled-down T33/T34 (the full-size ones are in `large_cases`): random float tensors give
    // no nested-pickle false positive; a dense float list gives no budget false positive.
    v.push(case(
        "benign/tensor_heavy_small.pkl",
        "T33",
        Clean,
        tensor_heavy_pickle(16, 256 << 10),
    ));
    v.push(case(
        "benign/opcode_dense_small.pkl",
        "T34",
        Clean,
        float_list_pickle(300_000),
    ));

    // ---- T01–T06 pickle core.
    v.push(case(
        "mal/mal_os_system_p0.pkl",
        "T01",
        Found,
        call_p0("posix", "system", "T01a"),
    ));
    v.push(case(
        "mal/mal_nt_system_p2.pkl",
        "T01",
        Found,
        call_p2("nt", "system", "T01b"),
    ));
    v.push(case(
        "mal/mal_os_system_p4.pkl",
        "T01",
        Found,
        call_p4("os", "system", "T01c"),
    ));
    v.push(case(
        "mal/mal_eval_p2.pkl",
        "T02",
        Found,
        call_p2("__builtin__", "eval", "T02a"),
    ));
    v.push(case(
        "mal/mal_exec_p0.pkl",
        "T02",
        Found,
        call_p0("__builtin__", "exec", "T02b"),
    ));
    v.push(case(
        "mal/mal_inst_opcode_p0.pkl",
        "T03",
        Found,
        Builder::new()
            .mark()
            .string0("import os")
            .inst("__builtin__", "exec")
            .stop()
            .finish(),
    ));
    v.push(case(
        "mal/mal_obj_opcode.pkl",
        "T03",
        Found,
        Builder::new()
            .mark()
            .global("os", "system")
            .string0(&echo("T03b"))
            .obj()
            .stop()
            .finish(),
    ));
    v.push(case(
        "mal/mal_newobj.pkl",
        "T03",
        Found,
        Builder::new()
            .proto(2)
            .global("subprocess", "Popen")
            .mark()
            .binunicode(&echo("T03c"))
            .tuple()
            .newobj()
            .stop()
            .finish(),
    ));
    v.push(case(
        "mal/mal_newobj_ex.pkl",
        "T03",
        Found,
        Builder::new()
            .proto(4)
            .stack_global("subprocess", "Popen")
            .unicode(&echo("T03d"))
            .tuple1()
            .empty_dict()
            .newobj_ex()
            .stop()
            .finish(),
    ));
    let mut second = Builder::new().proto(2).empty_dict().stop().finish();
    second.extend(call_p2("os", "system", "T04"));
    v.push(case("mal/mal_second_pickle.pkl", "T04", Found, second));
    let mut after = Builder::new()
        .proto(4)
        .bytes(&noise(20 << 20, 5))
        .pop()
        .finish();
    after.extend(
        Builder::new()
            .call_stack_global("os", "system", &echo("T05"))
            .stop()
            .finish(),
    );
    v.push(case("mal/mal_payload_after_20MB.pkl", "T05", Found, after));
    let mut broken = Builder::new()
        .proto(2)
        .global("os", "system")
        .binunicode(&echo("T06"))
        .tuple1()
        .reduce()
        .finish();
    broken.extend_from_slice(b"\xff\xfe garbage tail");
    v.push(case("mal/mal_broken_tail.pkl", "T06", Found, broken));

    // ---- T07–T17 containers.
    let payload = call_p2("os", "system", "T07");
    v.push(case(
        "mal/mal_torch_zip.pt",
        "T07",
        Found,
        torch_zip(&payload, &[64], &[]),
    ));
    let mut w = Writer::new();
    w.stored("model/data.pkl", &sd);
    w.stored("model/data/0", &noise(48, 1));
    w.stored(
        "model/weights.txt",
        &call_p2("subprocess", "check_output", "T07b"),
    );
    v.push(case(
        "mal/mal_misleading_member.pt",
        "T07",
        Found,
        w.finish(),
    ));
    let leg_payload = call_p2("os", "system", "T08");
    v.push(case(
        "mal/mal_legacy_torch.pt",
        "T08",
        Found,
        legacy_torch(&leg_payload, 1024),
    ));
    v.push(case(
        "mal/mal_raw_pickle_as.bin",
        "T09",
        Found,
        call_p2("os", "system", "T09"),
    ));
    for flag in [0x1u16, 0x20, 0x40] {
        let p = call_p2("os", "system", "T10");
        let mut w = Writer::new();
        w.add(&Member {
            name: "archive/data.pkl",
            data: &p,
            flags: flag,
            crc32: crc32(&p),
            ..Default::default()
        });
        w.stored("archive/version", b"3\n");
        v.push(case(
            &format!("mal/mal_zip_flag_0x{flag:x}.pt"),
            "T10",
            Found,
            w.finish(),
        ));
    }
    let p = call_p2("os", "system", "T11");
    let mut w = Writer::new();
    w.add(&Member {
        name: "archive/data.pkl",
        data: &p,
        crc32: 0xDEAD_BEEF,
        ..Default::default()
    });
    v.push(case("mal/mal_zip_bad_crc.pt", "T11", Found, w.finish()));
    let p = call_p2("os", "system", "T12");
    let mut w = Writer::new();
    w.add(&Member {
        name: "archive/data.pkl",
        local_name: Some("archive/notes.txt"),
        data: &p,
        crc32: crc32(&p),
        ..Default::default()
    });
    v.push(case(
        "mal/mal_zip_name_mismatch.pt",
        "T12",
        Found,
        w.finish(),
    ));
    let bad = call_p2("os", "system", "T13");
    let mut w = Writer::new();
    w.stored("archive/data.pkl", &bad);
    w.stored("archive/data.pkl", &sd);
    v.push(case(
        "mal/mal_zip_duplicate_name.pt",
        "T13",
        Found,
        w.finish(),
    ));
    let mut w = Writer::new();
    w.stored("archive/data.pkl", &sd);
    w.stored("archive/data/7", &call_p0("os", "system", "T14"));
    v.push(case(
        "mal/mal_zip_proto0_noext.pt",
        "T14",
        Found,
        w.finish(),
    ));
    let obj_bad = call_p2("os", "system", "T15");
    let mal_npy = numpy::write("'|O'", &[1], &obj_bad);
    v.push(case(
        "mal/mal_object_array.npy",
        "T15",
        Found,
        mal_npy.clone(),
    ));
    let mut w = Writer::new();
    w.stored("arr_0.npy", &mal_npy);
    v.push(case(
        "mal/mal_object_array_stored.npz",
        "T15",
        Found,
        w.finish(),
    ));
    let z = deflate(&mal_npy);
    let mut w = Writer::new();
    w.add(&deflated_member("arr_0.npy", &mal_npy, &z));
    v.push(case(
        "mal/mal_object_array_deflated.npz",
        "T15",
        Found,
        w.finish(),
    ));
    let mut sz = b"7z\xBC\xAF\x27\x1C\x00\x04".to_vec();
    sz.extend(noise(200, 9));
    v.push(case("mal/mal_7z_container.pt", "T16", FoundOrError, sz));
    v.push(case(
        "mal/mal_tar_container.tar",
        "T16",
        Found,
        tar_of(&[
            ("README", b"model"),
            ("model/data.pkl", &call_p2("os", "system", "T16")),
        ]),
    ));
    let jl = call_p2("os", "system", "T17");
    v.push(case("mal/mal_gzip_pickle.joblib", "T17", Found, gz(&jl)));
    v.push(case("mal/mal_zlib_pickle.joblib", "T17", Found, zlib(&jl)));
    v.push(case("mal/mal_bz2_pickle.pkl.bz2", "T17", Found, bz2(&jl)));
    v.push(case("mal/mal_xz_pickle.pkl.xz", "T17", Found, xz(&jl)));

    // ---- T18 gadgets: the picklescan GHSA families plus the ones it only calls suspicious.
    let gadgets: &[(&str, &str)] = &[
        ("bdb", "Bdb.run"),
        ("timeit", "timeit"),
        ("pip", "main"),
        ("cProfile", "run"),
        ("profile", "run"),
        ("trace", "Trace.run"),
        ("pydoc", "pipepager"),
        ("pty", "spawn"),
        ("ctypes", "CDLL"),
        ("ensurepip", "_run_pip"),
        ("idlelib.pyshell", "ModifiedInterpreter.runcode"),
        ("lib2to3.pgen2.grammar", "Grammar.loads"),
        ("distutils.file_util", "write_file"),
        ("_osx_support", "_read_output"),
        ("_aix_support", "_read_cmd_output"),
        ("uuid", "_get_command_stdout"),
        ("imaplib", "IMAP4_stream"),
        ("code", "InteractiveInterpreter.runcode"),
        ("doctest", "debug_script"),
        ("pkgutil", "resolve_name"),
        ("numpy.f2py", "crackfortran.getlincoef"),
        ("torch._inductor.codecache", "compile_file"),
        ("torch.serialization", "load"),
        ("torch.hub", "load"),
        ("torch.jit.unsupported_tensor_ops", "execWrapper"),
        ("asyncio.unix_events", "_UnixSubprocessTransport._start"),
        ("importlib", "import_module"),
        ("builtins", "__import__"),
        ("http.client", "HTTPSConnection"),
        ("ssl", "get_server_certificate"),
        ("requests.api", "get"),
        ("aiohttp.client", "ClientSession"),
        ("webbrowser", "open"),
        ("shutil", "rmtree"),
        ("socket", "create_connection"),
        ("sys", "exit"),
        ("runpy", "run_path"),
        ("operator", "attrgetter"),
        ("functools", "partial"),
        ("logging", "FileHandler"),
        ("_io", "FileIO"),
        ("cloudpickle.cloudpickle", "subimport"),
        ("dill", "loads"),
        ("builtins", "getattr"),
        ("venv", "create"),
        ("marshal", "loads"),
        ("types", "FunctionType"),
        ("types", "CodeType"),
    ];
    for (i, (m, n)) in gadgets.iter().enumerate() {
        let c = format!("T18-{i}");
        let b = if i % 2 == 0 {
            call_p2(m, n, &c)
        } else {
            call_p4(m, n, &c)
        };
        v.push(case(
            &format!(
                "mal/gad_{}_{}.pkl",
                m.replace('.', "_"),
                n.replace('.', "_")
            ),
            "T18",
            Found,
            b,
        ));
    }
    // marshal.loads + types.FunctionType chained, as the PS#74 sample does.
    let chain = Builder::new()
        .proto(4)
        .stack_global("types", "FunctionType")
        .stack_global("marshal", "loads")
        .bytes(b"\xe3\x00\x00\x00code-object-bytes")
        .tuple1()
        .reduce()
        .empty_dict()
        .tuple2()
        .reduce()
        .empty_tuple()
        .reduce()
        .stop()
        .finish();
    v.push(case(
        "mal/gad_marshal_functiontype.pkl",
        "T18",
        Found,
        chain,
    ));
    v.push(case(
        "mal/gad_pathlib_os_system.pkl",
        "T18",
        Found,
        call_p4("pathlib", "os.system", "T18-pathlib"),
    ));
    v.push(case(
        "mal/gad_builtins_introspection.pkl",
        "T18",
        Found,
        call_p4(
            "builtins",
            "print.__class__.__base__.__subclasses__",
            "T18-intro",
        ),
    ));

    // ---- T19–T24 evasion.
    let memo = Builder::new()
        .proto(4)
        .unicode("os")
        .unicode("innocuous")
        .pop()
        .memoize()
        .pop()
        .unicode("decoy")
        .memoize()
        .pop()
        .get(0)
        .unicode("system")
        .op(0x93)
        .unicode(&echo("T19"))
        .tuple1()
        .reduce()
        .stop()
        .finish();
    v.push(case("mal/evasion_memo_after_pop.pkl", "T19", Found, memo));
    let launder = Builder::new()
        .proto(4)
        .stack_global("torch._utils", "_rebuild_tensor_v2")
        .pop()
        .stack_global("torch._utils", "_rebuild_tensor_v2")
        .none()
        .empty_dict()
        .unicode("f")
        .stack_global("os", "system")
        .setitem()
        .tuple2()
        .build()
        .pop()
        .stack_global("torch._utils", "_rebuild_tensor_v2.f")
        .unicode(&echo("T20"))
        .tuple1()
        .reduce()
        .stop()
        .finish();
    v.push(case("mal/evasion_build_setattr.pkl", "T20", Found, launder));
    let computed = Builder::new()
        .proto(4)
        .stack_global("builtins", "str")
        .unicode("o")
        .tuple1()
        .reduce()
        .unicode("system")
        .op(0x93)
        .unicode(&echo("T20b"))
        .tuple1()
        .reduce()
        .stop()
        .finish();
    v.push(case(
        "mal/evasion_computed_operands.pkl",
        "T20",
        Found,
        computed,
    ));
    let buried = Builder::new()
        .call_global("os", "system", &echo("T21"))
        .stop()
        .finish();
    let frame = Builder::new()
        .proto(4)
        .frame(6)
        .raw(b"B")
        .raw(&((buried.len() + 1) as u32).to_le_bytes())
        .raw(b"N")
        .raw(&buried)
        .pop()
        .none()
        .stop()
        .finish();
    v.push(case("mal/evasion_frame_boundary.pkl", "T21", Found, frame));
    let inner_zip = {
        let mut w = Writer::new();
        w.stored("readme.txt", b"benign");
        w.finish()
    };
    let poly = Builder::new()
        .proto(2)
        .global("os", "system")
        .binunicode(&echo("T22"))
        .tuple1()
        .reduce()
        .pop()
        .bytes(&inner_zip)
        .stop()
        .finish();
    v.push(case(
        "mal/evasion_pickle_zip_polyglot.pkl",
        "T22",
        Found,
        poly,
    ));
    let inner = call_p2("os", "system", "T23");
    v.push(case(
        "mal/mal_nested_load_from_bytes.pkl",
        "T23",
        Found,
        Builder::new()
            .proto(2)
            .global("torch.storage", "_load_from_bytes")
            .bytes(&inner)
            .tuple1()
            .reduce()
            .stop()
            .finish(),
    ));
    let b64: String = {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for c in inner.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for k in 0..4 {
                s.push(if k <= c.len() {
                    A[((n >> (18 - 6 * k)) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
        s
    };
    v.push(case(
        "mal/mal_nested_base64.pkl",
        "T23",
        Found,
        Builder::new()
            .proto(4)
            .stack_global("collections", "OrderedDict")
            .empty_tuple()
            .reduce()
            .unicode("blob")
            .unicode(&b64)
            .setitem()
            .stop()
            .finish(),
    ));
    let hex: String = inner.iter().map(|b| format!("{b:02x}")).collect();
    v.push(case(
        "mal/mal_nested_hex.pkl",
        "T23",
        Found,
        Builder::new()
            .proto(4)
            .empty_list()
            .unicode(&hex)
            .op(b'a')
            .stop()
            .finish(),
    ));
    v.push(case(
        "mal/odd_ext1_opcode.pkl",
        "T24",
        Found,
        Builder::new()
            .proto(2)
            .raw(&[0x82, 0x01])
            .binunicode(&echo("T24"))
            .tuple1()
            .reduce()
            .stop()
            .finish(),
    ));
    v.push(case(
        "mal/odd_ext2_opcode.pkl",
        "T24",
        Found,
        Builder::new()
            .proto(2)
            .raw(&[0x83, 0x01, 0x02])
            .empty_tuple()
            .reduce()
            .stop()
            .finish(),
    ));
    v.push(case(
        "mal/odd_ext4_opcode.pkl",
        "T24",
        Found,
        Builder::new()
            .proto(2)
            .raw(&[0x84, 1, 2, 3, 0])
            .empty_tuple()
            .reduce()
            .stop()
            .finish(),
    ));

    // ---- T25–T29 other formats.
    let lambda = r#"{"class_name": "Functional", "config": {"layers": [{"class_name": "InputLayer", "config": {}}, {"class_name": "Lambda", "config": {"function": ["4wEAAAAAAAAAAAAAAAEAAAAE", null, null]}}]}}"#;
    v.push(case(
        "mal/mal_keras_lambda.h5",
        "T25",
        Found,
        hdf5_with(lambda),
    ));
    v.push(case(
        "mal/mal_keras_lambda.keras",
        "T25",
        Found,
        keras_zip(lambda),
    ));
    v.push(case(
        "mal/mal_keras_module_injection.keras",
        "T25",
        Found,
        keras_zip(r#"{"class_name": "Functional", "module": "keras", "config": {"layers": [{"class_name": "system", "module": "os", "registered_name": "system", "config": {"command": "echo PWNED-T25"}}]}}"#),
    ));
    v.push(case(
        "mal/mal_ssti_template.gguf",
        "T26",
        Found,
        gguf_with("{{ ''.__class__.__mro__[1].__subclasses__() }}", &[]),
    ));
    v.push(case(
        "mal/mal_attr_filter.gguf",
        "T26",
        Found,
        gguf_with("{{ messages|attr('__cla' ~ 'ss__') }}", &[]),
    ));
    v.push(case(
        "mal/mal_string_built.gguf",
        "T26",
        Found,
        gguf_with("{% set a = '_' * 2 %}{{ cycler[a ~ 'init' ~ a] }}", &[]),
    ));
    v.push(case(
        "mal/mal_duplicate_key.gguf",
        "T26",
        Found,
        gguf_with(
            CHATML,
            &[(
                "tokenizer.chat_template",
                WriteValue::Str("{{ lipsum.__globals__ }}"),
            )],
        ),
    ));
    v.push(case(
        "mal/mal_tf_savedmodel/saved_model.pb",
        "T27",
        Found,
        keras::write_saved_model(&["Const", "ReadFile", "WriteFile"]),
    ));
    v.push(case(
        "mal/mal_tf_pyfunc/saved_model.pb",
        "T27",
        Found,
        keras::write_saved_model(&["Placeholder", "PyFunc"]),
    ));
    v.push(case(
        "mal/mal_onnx_external_traversal.onnx",
        "T28",
        Found,
        pb::model_with_initializer("w", Some("../../../../etc/passwd")),
    ));
    v.push(case(
        "mal/dirmode/weights.npy",
        "T29",
        Found,
        mal_npy.clone(),
    ));
    v.push(case(
        "mal/dirmode/model.p",
        "T29",
        Found,
        call_p2("os", "system", "T29b"),
    ));
    v.push(case(
        "mal/dirmode/model.safetensors",
        "T29",
        Found,
        call_p2("os", "system", "T29c"),
    ));
    v.push(case(
        "mal/dirmode/noext",
        "T29",
        Found,
        call_p0("os", "system", "T29d"),
    ));
    v.push(case(
        "mal/no_proto_header.bin",
        "T29",
        Found,
        Builder::new()
            .call_stack_global("os", "system", &echo("T29e"))
            .stop()
            .finish(),
    ));

    // ---- Lying lengths and hostile structure: a clear error, bounded time and memory.
    let mut st = (1u64 << 63).to_le_bytes().to_vec();
    st.extend_from_slice(b"{\"a\":1}");
    v.push(case(
        "bad/lying_header_2_63.safetensors",
        "bad-input",
        Error,
        st,
    ));
    let mut g = b"GGUF".to_vec();
    g.extend_from_slice(&3u32.to_le_bytes());
    g.extend_from_slice(&(1u64 << 40).to_le_bytes());
    g.extend_from_slice(&1u64.to_le_bytes());
    g.extend(noise(256, 4));
    v.push(case(
        "bad/lying_tensor_count_2_40.gguf",
        "bad-input",
        Error,
        g,
    ));
    let mut g = b"GGUF".to_vec();
    g.extend_from_slice(&3u32.to_le_bytes());
    g.extend_from_slice(&0u64.to_le_bytes());
    g.extend_from_slice(&1u64.to_le_bytes());
    g.extend_from_slice(&(1u64 << 50).to_le_bytes());
    g.extend_from_slice(b"general.name");
    v.push(case(
        "bad/string_longer_than_file.gguf",
        "bad-input",
        Error,
        g,
    ));
    let mut t = torch_zip(&sd, &[64], &[]);
    t.truncate(t.len() / 2);
    v.push(case("bad/truncated_checkpoint.pt", "bad-input", Error, t));
    let zeros = vec![0u8; 16 << 20];
    let zz = deflate(&zeros);
    let mut w = Writer::new();
    for i in 0..4 {
        w.add(&Member {
            name: &format!("bomb/{i}.bin"),
            data: &zz,
            uncompressed_size: Some(u32::MAX as u64),
            method: 8,
            crc32: 0,
            ..Default::default()
        });
    }
    v.push(case(
        "bad/zip_bomb_ratio.zip",
        "bad-input",
        FoundOrError,
        w.finish(),
    ));
    let mut deep = Builder::new().proto(2);
    for _ in 0..100_000 {
        deep = deep.empty_list().mark();
    }
    v.push(case(
        "bad/deeply_nested.pkl",
        "bad-input",
        Error,
        deep.finish(),
    ));
    v
}

/// The large files of the speed benchmark (scanners.md §7): a 200 MB tensor pickle, a 180 MB
/// opcode-dense pickle (20 M floats) and a 200 MB torch zip. All benign.
pub fn large_cases() -> Vec<Case> {
    let names: Vec<String> = (0..50).map(|i| format!("l{i}.w")).collect();
    let specs: Vec<(&str, &[u64])> = names
        .iter()
        .map(|n| (n.as_str(), &[1024u64, 1024][..]))
        .collect();
    let sd = torch_state_dict_pickle(&specs, false);
    vec![
        case(
            "large/tensor_heavy_200MB.pkl",
            "T33",
            Expect::Clean,
            tensor_heavy_pickle(50, 4 << 20),
        ),
        case(
            "large/opcode_dense_180MB.pkl",
            "T34",
            Expect::Clean,
            float_list_pickle(20_000_000),
        ),
        case(
            "large/torch_zip_200MB.pt",
            "T30",
            Expect::Clean,
            torch_zip(&sd, &[4 << 20; 50], &[]),
        ),
    ]
}
