//! Writes pickle opcode streams byte by byte: the test corpus and the property tests build
//! benign and hostile pickles with it (nothing here runs Python).

/// An opcode-level pickle writer. Methods append one opcode each and return `self` for chaining.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    out: Vec<u8>,
}

impl Builder {
    /// An empty stream.
    pub fn new() -> Self {
        Builder::default()
    }
    /// Appends raw bytes (for hand-made opcodes and corruptions).
    pub fn raw(mut self, b: &[u8]) -> Self {
        self.out.extend_from_slice(b);
        self
    }
    /// `PROTO n`.
    pub fn proto(self, p: u8) -> Self {
        self.raw(&[0x80, p])
    }
    /// `FRAME n`.
    pub fn frame(self, n: u64) -> Self {
        self.raw(&[0x95]).raw(&n.to_le_bytes())
    }
    /// `GLOBAL module name` (protocols 0–3).
    pub fn global(self, m: &str, n: &str) -> Self {
        self.raw(b"c")
            .raw(m.as_bytes())
            .raw(b"\n")
            .raw(n.as_bytes())
            .raw(b"\n")
    }
    /// `INST module name` (pops to the mark, calls).
    pub fn inst(self, m: &str, n: &str) -> Self {
        self.raw(b"i")
            .raw(m.as_bytes())
            .raw(b"\n")
            .raw(n.as_bytes())
            .raw(b"\n")
    }
    /// `SHORT_BINUNICODE` or `BINUNICODE` depending on length.
    pub fn unicode(self, s: &str) -> Self {
        if s.len() < 256 {
            self.raw(&[0x8c, s.len() as u8]).raw(s.as_bytes())
        } else {
            self.raw(b"X")
                .raw(&(s.len() as u32).to_le_bytes())
                .raw(s.as_bytes())
        }
    }
    /// `BINUNICODE` always.
    pub fn binunicode(self, s: &str) -> Self {
        self.raw(b"X")
            .raw(&(s.len() as u32).to_le_bytes())
            .raw(s.as_bytes())
    }
    /// `STRING 'literal'` (protocol 0 text, quoted).
    pub fn string0(self, s: &str) -> Self {
        self.raw(b"S'").raw(s.as_bytes()).raw(b"'\n")
    }
    /// `SHORT_BINSTRING`.
    pub fn short_binstring(self, s: &[u8]) -> Self {
        self.raw(&[b'U', s.len() as u8]).raw(s)
    }
    /// `UNICODE` (protocol 0 raw-unicode-escape line).
    pub fn unicode0(self, s: &str) -> Self {
        self.raw(b"V").raw(s.as_bytes()).raw(b"\n")
    }
    /// `SHORT_BINBYTES` / `BINBYTES` / `BINBYTES8` depending on length.
    pub fn bytes(self, b: &[u8]) -> Self {
        if b.len() < 256 {
            self.raw(&[b'C', b.len() as u8]).raw(b)
        } else if b.len() <= u32::MAX as usize {
            self.raw(b"B").raw(&(b.len() as u32).to_le_bytes()).raw(b)
        } else {
            self.raw(&[0x8e])
                .raw(&(b.len() as u64).to_le_bytes())
                .raw(b)
        }
    }
    /// `STACK_GLOBAL` with both operands as literal strings just before it.
    pub fn stack_global(self, m: &str, n: &str) -> Self {
        self.unicode(m)
            .memoize()
            .unicode(n)
            .memoize()
            .op(0x93)
            .memoize()
    }
    /// One opcode byte with no argument.
    pub fn op(self, b: u8) -> Self {
        self.raw(&[b])
    }
    /// `MARK`.
    pub fn mark(self) -> Self {
        self.op(b'(')
    }
    /// `TUPLE` (to the mark).
    pub fn tuple(self) -> Self {
        self.op(b't')
    }
    /// `TUPLE1`.
    pub fn tuple1(self) -> Self {
        self.op(0x85)
    }
    /// `TUPLE2`.
    pub fn tuple2(self) -> Self {
        self.op(0x86)
    }
    /// `EMPTY_TUPLE`.
    pub fn empty_tuple(self) -> Self {
        self.op(b')')
    }
    /// `EMPTY_DICT`.
    pub fn empty_dict(self) -> Self {
        self.op(b'}')
    }
    /// `EMPTY_LIST`.
    pub fn empty_list(self) -> Self {
        self.op(b']')
    }
    /// `SETITEM`.
    pub fn setitem(self) -> Self {
        self.op(b's')
    }
    /// `SETITEMS`.
    pub fn setitems(self) -> Self {
        self.op(b'u')
    }
    /// `APPENDS`.
    pub fn appends(self) -> Self {
        self.op(b'e')
    }
    /// `REDUCE`.
    pub fn reduce(self) -> Self {
        self.op(b'R')
    }
    /// `BUILD`.
    pub fn build(self) -> Self {
        self.op(b'b')
    }
    /// `NEWOBJ`.
    pub fn newobj(self) -> Self {
        self.op(0x81)
    }
    /// `NEWOBJ_EX`.
    pub fn newobj_ex(self) -> Self {
        self.op(0x92)
    }
    /// `OBJ`.
    pub fn obj(self) -> Self {
        self.op(b'o')
    }
    /// `NONE`.
    pub fn none(self) -> Self {
        self.op(b'N')
    }
    /// `POP`.
    pub fn pop(self) -> Self {
        self.op(b'0')
    }
    /// `DUP`.
    pub fn dup(self) -> Self {
        self.op(b'2')
    }
    /// `MEMOIZE`.
    pub fn memoize(self) -> Self {
        self.op(0x94)
    }
    /// `BINPUT k` or `LONG_BINPUT k`.
    pub fn put(self, k: u32) -> Self {
        if k < 256 {
            self.raw(&[b'q', k as u8])
        } else {
            self.raw(b"r").raw(&k.to_le_bytes())
        }
    }
    /// `BINGET k` or `LONG_BINGET k`.
    pub fn get(self, k: u32) -> Self {
        if k < 256 {
            self.raw(&[b'h', k as u8])
        } else {
            self.raw(b"j").raw(&k.to_le_bytes())
        }
    }
    /// The smallest integer opcode that holds `v`.
    pub fn int(self, v: i64) -> Self {
        if (0..256).contains(&v) {
            self.raw(&[b'K', v as u8])
        } else if (0..65536).contains(&v) {
            self.raw(b"M").raw(&(v as u16).to_le_bytes())
        } else if i32::try_from(v).is_ok() {
            self.raw(b"J").raw(&(v as i32).to_le_bytes())
        } else {
            self.raw(&[0x8a, 8]).raw(&v.to_le_bytes())
        }
    }
    /// `BINFLOAT` (big-endian, as the pickler writes it).
    pub fn float(self, v: f64) -> Self {
        self.raw(b"G").raw(&v.to_be_bytes())
    }
    /// `NEWTRUE`/`NEWFALSE`.
    pub fn boolean(self, v: bool) -> Self {
        self.op(if v { 0x88 } else { 0x89 })
    }
    /// `BINPERSID` (pops the persistent id tuple).
    pub fn binpersid(self) -> Self {
        self.op(b'Q')
    }
    /// `STOP`.
    pub fn stop(self) -> Self {
        self.op(b'.')
    }
    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }
    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }
    /// The stream.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }

    /// `callable(arg)` as `REDUCE`, with the callable imported by `GLOBAL` (protocol ≤ 3) and a
    /// single string argument.
    pub fn call_global(self, m: &str, n: &str, arg: &str) -> Self {
        self.global(m, n).string0(arg).tuple1().reduce()
    }
    /// `callable(arg)` as `REDUCE`, with the callable imported by `STACK_GLOBAL`.
    pub fn call_stack_global(self, m: &str, n: &str, arg: &str) -> Self {
        self.stack_global(m, n)
            .unicode(arg)
            .memoize()
            .tuple1()
            .memoize()
            .reduce()
            .memoize()
    }
}
