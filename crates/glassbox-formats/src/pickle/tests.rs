use super::build::Builder;
use super::*;

fn names(s: &PickleScan) -> Vec<String> {
    s.globals
        .iter()
        .map(|g| format!("{}.{}", g.module, g.name))
        .collect()
}

fn scan(b: &[u8]) -> PickleScan {
    scan_bytes(b, WalkOptions::default())
}

#[test]
fn global_protocol0_and_reduce() {
    let p = Builder::new()
        .call_global("posix", "system", "echo hi")
        .stop()
        .finish();
    let s = scan(&p);
    assert_eq!(names(&s), ["posix.system"]);
    assert!(s.globals[0].called);
    assert_eq!(s.globals[0].op, ImportOp::Global);
    assert_eq!(s.pickles, 1);
    assert!(s.error.is_none());
}

#[test]
fn stack_global_literal_and_memo() {
    let p = Builder::new()
        .proto(4)
        .call_stack_global("os", "system", "id")
        .stop()
        .finish();
    assert_eq!(names(&scan(&p)), ["os.system"]);
    // Operands fetched back from the memo after unrelated pops.
    let p = Builder::new()
        .proto(4)
        .unicode("subprocess")
        .put(7)
        .pop()
        .unicode("decoy")
        .unicode("check_output")
        .put(9)
        .pop()
        .pop()
        .get(7)
        .get(9)
        .op(0x93)
        .empty_tuple()
        .reduce()
        .stop()
        .finish();
    assert_eq!(names(&scan(&p)), ["subprocess.check_output"]);
}

#[test]
fn memoize_after_pop_follows_the_stack_not_the_previous_op() {
    // MEMOIZE stores the top of the stack ("os"), not the argument of the opcode before it.
    let p = Builder::new()
        .proto(4)
        .unicode("os")
        .unicode("harmless")
        .pop()
        .memoize() // memo[0] = "os"
        .pop()
        .get(0)
        .unicode("system")
        .op(0x93)
        .unicode("id")
        .tuple1()
        .reduce()
        .stop()
        .finish();
    assert_eq!(names(&scan(&p)), ["os.system"]);
}

#[test]
fn unresolved_stack_global_is_reported() {
    let p = Builder::new()
        .proto(4)
        .global("builtins", "str")
        .unicode("os")
        .tuple1()
        .reduce()
        .unicode("system")
        .op(0x93)
        .stop()
        .finish();
    let s = scan(&p);
    assert!(
        s.anomalies
            .iter()
            .any(|a| matches!(a, Anomaly::UnresolvedStackGlobal { .. })),
        "{s:?}"
    );
}

#[test]
fn inst_obj_newobj_mark_calls() {
    let p = Builder::new()
        .mark()
        .string0("print(1)")
        .inst("__builtin__", "exec")
        .stop()
        .finish();
    let s = scan(&p);
    assert_eq!(names(&s), ["__builtin__.exec"]);
    assert!(s.globals[0].called);
    let p = Builder::new()
        .mark()
        .global("os", "system")
        .string0("id")
        .obj()
        .stop()
        .finish();
    let s = scan(&p);
    assert!(s.globals[0].called);
    let p = Builder::new()
        .proto(2)
        .global("subprocess", "Popen")
        .mark()
        .string0("id")
        .tuple()
        .newobj()
        .stop()
        .finish();
    assert!(scan(&p).globals[0].called);
    let p = Builder::new()
        .proto(4)
        .stack_global("subprocess", "Popen")
        .empty_tuple()
        .empty_dict()
        .newobj_ex()
        .stop()
        .finish();
    assert!(scan(&p).globals[0].called);
}

#[test]
fn stacked_pickles_and_broken_tail() {
    let benign = Builder::new().proto(2).empty_dict().stop().finish();
    let bad = Builder::new()
        .proto(2)
        .call_global("os", "system", "x")
        .stop()
        .finish();
    let mut both = benign.clone();
    both.extend_from_slice(&bad);
    let s = scan(&both);
    assert_eq!(s.pickles, 2);
    assert_eq!(names(&s), ["os.system"]);
    // Payload then a corrupt tail: the import is still reported, with an error.
    let mut broken = Builder::new()
        .proto(2)
        .call_global("os", "system", "x")
        .finish();
    broken.extend_from_slice(b"\xff\xff");
    let s = scan(&broken);
    assert_eq!(names(&s), ["os.system"]);
    assert!(s.error.is_some());
    // Garbage after a complete benign pickle is trailing data, not an error.
    let mut trail = benign;
    trail.extend_from_slice(b"\x00\x01garbage");
    let s = scan(&trail);
    assert!(s.error.is_none());
    assert!(s
        .anomalies
        .iter()
        .any(|a| matches!(a, Anomaly::TrailingData { .. })));
}

#[test]
fn ext_and_build_on_global() {
    let p = Builder::new()
        .proto(2)
        .raw(&[0x82, 1])
        .empty_tuple()
        .reduce()
        .stop()
        .finish();
    assert!(scan(&p)
        .anomalies
        .iter()
        .any(|a| matches!(a, Anomaly::Extension { code: 1, .. })));
    let p = Builder::new()
        .proto(4)
        .stack_global("collections", "OrderedDict")
        .empty_dict()
        .unicode("x")
        .global("os", "system")
        .setitem()
        .build()
        .stop()
        .finish();
    let s = scan(&p);
    assert!(s.anomalies.iter().any(|a| matches!(a, Anomaly::BuildOnGlobal { target, .. } if target == "collections.OrderedDict")));
}

#[test]
fn nested_pickles_raw_base64_hex() {
    let inner = Builder::new()
        .proto(2)
        .call_global("os", "system", "x")
        .stop()
        .finish();
    let p = Builder::new()
        .proto(3)
        .global("torch.storage", "_load_from_bytes")
        .bytes(&inner)
        .tuple1()
        .reduce()
        .stop()
        .finish();
    let s = scan(&p);
    let nested: Vec<_> = s
        .anomalies
        .iter()
        .filter_map(|a| match a {
            Anomaly::NestedPickle {
                inner, encoding, ..
            } => Some((names(inner), *encoding)),
            _ => None,
        })
        .collect();
    assert_eq!(nested, [(vec!["os.system".to_string()], "raw")]);
    let b64 = encode_base64(&inner);
    let p = Builder::new().proto(4).unicode(&b64).stop().finish();
    assert!(matches!(
        &scan(&p).anomalies[..],
        [Anomaly::NestedPickle {
            encoding: "base64",
            ..
        }]
    ));
    let hex: String = inner.iter().map(|b| format!("{b:02x}")).collect();
    let p = Builder::new().proto(4).unicode(&hex).stop().finish();
    assert!(matches!(
        &scan(&p).anomalies[..],
        [Anomaly::NestedPickle {
            encoding: "hex",
            ..
        }]
    ));
}

#[test]
fn random_bytes_starting_like_a_pickle_are_not_nested() {
    let mut blob = vec![0x80, 0x02, 0x93, 0x00, 0x7f];
    blob.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let p = Builder::new().proto(3).bytes(&blob).stop().finish();
    let s = scan(&p);
    assert!(s.anomalies.is_empty(), "{:?}", s.anomalies);
}

#[test]
fn frame_violation_is_reported_with_the_other_view() {
    // FRAME says 6 bytes, then BINBYTES reads far past it; the buried GLOBAL sits at the frame end.
    let buried = Builder::new()
        .call_global("os", "system", "id")
        .stop()
        .finish();
    let mut body = Vec::new();
    body.extend_from_slice(&buried);
    let p = Builder::new()
        .proto(4)
        .frame(6)
        .raw(b"B")
        .raw(&((body.len() + 1) as u32).to_le_bytes())
        .raw(b"N")
        .raw(&body)
        .op(b'0')
        .none()
        .stop()
        .finish();
    let s = scan(&p);
    let v = s.anomalies.iter().find_map(|a| match a {
        Anomaly::FrameViolation { other_view, .. } => Some(other_view.clone()),
        _ => None,
    });
    let v = v.expect("frame violation").expect("other view");
    assert_eq!(names(&v), ["os.system"]);
}

#[test]
fn dense_float_list_uses_flat_memory() {
    // 200k floats in APPENDS batches: the stack model stays one opaque run.
    let mut b = Builder::new().proto(2).empty_list().put(0);
    for _ in 0..200 {
        b = b.mark();
        for i in 0..1000 {
            b = b.float(i as f64);
        }
        b = b.appends();
    }
    let p = b.stop().finish();
    let mut w = Walker::new(&p[..], WalkOptions::default());
    w.run();
    assert!(w.out.error.is_none(), "{:?}", w.out.error);
    assert_eq!(w.out.opcodes, 200 * 1002 + 4);
    assert!(w.stack.items.len() <= 2);
}

#[test]
fn lying_lengths_are_errors_not_allocations() {
    let p = Builder::new()
        .proto(4)
        .raw(&[0x8e])
        .raw(&(1u64 << 62).to_le_bytes())
        .raw(b"abc")
        .finish();
    let s = scan(&p);
    assert!(
        s.error.as_ref().unwrap().message.contains("truncated"),
        "{s:?}"
    );
    let p = Builder::new()
        .proto(4)
        .raw(&[0x8d])
        .raw(&u64::MAX.to_le_bytes())
        .finish();
    assert!(scan(&p).error.is_some());
}

#[test]
fn mark_and_stack_growth_is_bounded() {
    let mut p = vec![0x80, 2];
    p.extend(std::iter::repeat_n(b'(', MAX_MARKS + 1));
    let s = scan(&p);
    assert!(s.error.unwrap().message.contains("nested MARKs (limit)"));
    // Millions of pushed globals: the tracked stack stays bounded.
    let mut b = Builder::new()
        .proto(2)
        .global("collections", "OrderedDict")
        .put(0);
    for _ in 0..(MAX_TRACKED_STACK + 10) {
        b = b.get(0);
    }
    let p = b.finish();
    let mut w = Walker::new(&p[..], WalkOptions::default());
    w.run();
    assert!(w.stack.items.len() <= MAX_TRACKED_STACK + 1);
}

#[test]
fn protocol0_text_is_not_taken_for_a_pickle() {
    for t in [
        &b"copyright 2024 someone\nall rights\n"[..],
        b"Invalid input",
        b"{\"a\": 1}",
        b"# README\n",
    ] {
        assert!(
            !scan(t).looks_like_pickle(),
            "{}",
            String::from_utf8_lossy(t)
        );
    }
    let p = b"(dp0\nS'a'\np1\nI1\nsS'b'\np2\n(lp3\nF1.5\naF2.5\nas.";
    let s = scan(p);
    assert!(s.looks_like_pickle() && s.error.is_none(), "{s:?}");
}

#[test]
fn string_repr_and_raw_unicode() {
    assert_eq!(decode_string_repr(br"'a\x41\n'").unwrap(), b"aA\n");
    assert_eq!(decode_raw_unicode_escape(br"o\u0073"), "os");
    let p = Builder::new()
        .raw(b"V\\u006fs\n")
        .raw(b"Vsystem\n")
        .raw(&[0x93])
        .stop()
        .finish();
    assert_eq!(names(&scan(&p)), ["os.system"]);
}

fn encode_base64(b: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..=c.len() {
            s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    s
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
        let _ = scan(&bytes);
    }

    #[test]
    fn never_panics_on_opcode_soup(ops in proptest::collection::vec(proptest::sample::select(
        b"()]}.0124GKJMNRabceghijlopqrstuX\x80\x81\x85\x86\x87\x88\x8c\x92\x93\x94\x95".to_vec()), 0..300),
        fill in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
        let mut b = ops.clone();
        b.extend_from_slice(&fill);
        let s = scan(&b);
        proptest::prop_assert!(s.bytes <= b.len() as u64);
    }

    #[test]
    fn resolves_any_stack_global(m in "[a-z_][a-z0-9_]{0,12}(\\.[a-z_][a-z0-9_]{0,8}){0,2}", n in "[A-Za-z_][A-Za-z0-9_]{0,16}") {
        let p = Builder::new().proto(4).call_stack_global(&m, &n, "x").stop().finish();
        let s = scan(&p);
        proptest::prop_assert_eq!(names(&s), vec![format!("{m}.{n}")]);
    }
}
