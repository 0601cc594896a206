//! Pickle streams (protocols 0–5) read as opcodes, never unpickled.
//!
//! One file of about 1,500 lines on purpose: the opcode table, the stack model and the memo are one
//! state machine whose invariant (memory bounded whatever the stream says) is easier to keep
//! when it is read in one place.
//!
//! No maintained Rust crate walks pickle opcodes without building Python objects (serde-pickle
//! deserialises values and refuses globals), so this walker is written here. It streams: a fixed
//! buffer, a stack model and a memo that hold only what resolves imports (strings and globals;
//! every other value is one run-length-encoded "opaque" entry), so memory does not grow with the
//! file. It simulates the stack the way the unpickler does, so `STACK_GLOBAL` operands are
//! resolved through `PUT`/`GET`/`MEMOIZE` exactly, whatever ops came between.

use std::collections::HashMap;
use std::io::Read;

/// Buffer size; also the longest line argument (`GLOBAL`, `INT`, …) accepted.
pub const BUF_SIZE: usize = 1 << 20;
/// Byte strings up to this size that start like a pickle are scanned as nested pickles.
pub const MAX_NESTED_BYTES: u64 = 64 << 20;
/// How deep nested pickles are followed.
pub const MAX_NESTED_DEPTH: u32 = 4;
/// Distinct stack entries (strings, globals) tracked before strings degrade to opaque values.
pub const MAX_TRACKED_STACK: usize = 1 << 20;
/// Open MARKs (nesting depth); real pickles stay far below it.
pub const MAX_MARKS: usize = 1 << 20;
/// Distinct memo keys tracked; beyond it memo look-ups resolve to "unknown" (fails closed).
pub const MAX_MEMO_ENTRIES: u64 = 1 << 22;
/// Strings longer than this are never module or attribute names; they are kept as opaque.
pub const MAX_NAME_LEN: usize = 1024;
/// Distinct globals recorded per stream.
pub const MAX_GLOBALS: usize = 100_000;

/// How an import was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOp {
    /// `GLOBAL` (`c`), protocols 0–3.
    Global,
    /// `STACK_GLOBAL` (`\x93`), protocol 4+, operands from the stack.
    StackGlobal,
    /// `INST` (`i`): import and call in one opcode.
    Inst,
}

impl ImportOp {
    /// The opcode name as `pickletools` spells it.
    pub fn name(self) -> &'static str {
        match self {
            ImportOp::Global => "GLOBAL",
            ImportOp::StackGlobal => "STACK_GLOBAL",
            ImportOp::Inst => "INST",
        }
    }
}

/// One distinct imported global (`module`, `name`), with where it was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalRef {
    /// Module as written (`__builtin__`, `torch._utils`, …).
    pub module: String,
    /// Attribute name, possibly dotted (`os.system` reached through `pathlib`).
    pub name: String,
    /// Byte offset of the first opcode that imported it.
    pub offset: u64,
    /// The opcode that first imported it.
    pub op: ImportOp,
    /// How many times it was imported.
    pub count: u64,
    /// Whether it was called (`REDUCE`, `NEWOBJ`, `OBJ`, `INST`) at least once.
    pub called: bool,
}

/// A structural fact that matters for safety but is not a resolved import.
#[derive(Debug, Clone, PartialEq)]
pub enum Anomaly {
    /// `STACK_GLOBAL` whose operands are not strings the walker can resolve.
    UnresolvedStackGlobal {
        /// Offset of the opcode.
        offset: u64,
        /// What the operands were.
        detail: String,
    },
    /// `EXT1/2/4`: a global taken from the copyreg extension registry.
    Extension {
        /// Offset of the opcode.
        offset: u64,
        /// Extension code.
        code: u32,
    },
    /// `BUILD` applied directly to an imported global: sets attributes on a module-level object
    /// that a later import can read back (attribute laundering).
    BuildOnGlobal {
        /// Offset of the opcode.
        offset: u64,
        /// `module.name` of the target.
        target: String,
    },
    /// An opcode runs past the end of the `FRAME` it started in, or a new frame starts early: the
    /// C unpickler and `pickletools` then read different opcodes.
    FrameViolation {
        /// Offset of the offending opcode.
        offset: u64,
        /// What happened.
        detail: String,
        /// What the bytes after the frame end hold when read as opcodes (the other view).
        other_view: Option<Box<PickleScan>>,
    },
    /// A complete pickle (or one importing globals) embedded in a byte or text string.
    NestedPickle {
        /// Offset of the opcode carrying it.
        offset: u64,
        /// Length of the embedded pickle in bytes.
        len: u64,
        /// `raw`, `base64` or `hex`.
        encoding: &'static str,
        /// The scan of the embedded pickle.
        inner: Box<PickleScan>,
    },
    /// A byte string starting like a pickle was too large to scan as one.
    NestedTooLarge {
        /// Offset of the opcode.
        offset: u64,
        /// Its length.
        len: u64,
    },
    /// Bytes after the last complete pickle that do not form another one.
    TrailingData {
        /// Where they start.
        offset: u64,
    },
    /// A second `PROTO`, or one not at the start of a pickle.
    MisplacedProto {
        /// Offset of the opcode.
        offset: u64,
    },
    /// Stack or memo limits were reached; later resolution is conservative.
    LimitReached {
        /// Which limit.
        detail: String,
    },
}

/// Why the walk stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickleError {
    /// Offset where it went wrong.
    pub offset: u64,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for PickleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

/// The result of walking a stream of one or more stacked pickles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PickleScan {
    /// Highest protocol announced by `PROTO`.
    pub protocol: Option<u8>,
    /// Complete pickles (ended by `STOP`).
    pub pickles: u32,
    /// Opcodes read.
    pub opcodes: u64,
    /// Bytes consumed.
    pub bytes: u64,
    /// Distinct imports, in first-seen order.
    pub globals: Vec<GlobalRef>,
    /// Structural facts.
    pub anomalies: Vec<Anomaly>,
    /// Set when the stream could not be read to the end.
    pub error: Option<PickleError>,
}

impl PickleScan {
    /// True when the bytes were read as a pickle at all: a complete pickle, or imports before
    /// an error. Used to sniff protocol 0/1 streams, which have no magic.
    pub fn looks_like_pickle(&self) -> bool {
        self.pickles > 0 || !self.globals.is_empty()
    }
}

/// Walk options.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Stop after this many complete pickles (legacy torch files hold exactly 5, then raw data).
    pub max_pickles: Option<u32>,
    /// Nesting depth of this walk (0 for a file).
    pub depth: u32,
}

/// Walks all pickles in `bytes`.
pub fn scan_bytes(bytes: &[u8], opts: WalkOptions) -> PickleScan {
    scan_reader(bytes, opts)
}

/// Walks all pickles in a stream, reading it once.
pub fn scan_reader<R: Read>(src: R, opts: WalkOptions) -> PickleScan {
    let mut w = Walker::new(src, opts);
    w.run();
    w.out.bytes = w.offset();
    w.out
}

/// Total size (opcode + argument) of the opcodes that push one opaque value and do nothing
/// else; 0 for every other opcode.
const SIMPLE_PUSH: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'G' as usize] = 9; // BINFLOAT
    t[b'K' as usize] = 2; // BININT1
    t[b'M' as usize] = 3; // BININT2
    t[b'J' as usize] = 5; // BININT
    t[b'N' as usize] = 1; // NONE
    t[0x88] = 1; // NEWTRUE
    t[0x89] = 1; // NEWFALSE
    t[b']' as usize] = 1; // EMPTY_LIST
    t[b')' as usize] = 1; // EMPTY_TUPLE
    t[b'}' as usize] = 1; // EMPTY_DICT
    t[0x8f] = 1; // EMPTY_SET
    t
};

#[derive(Debug, Clone, PartialEq)]
enum Val {
    /// A run of values that cannot name an import.
    Opaque(u32),
    Str(Box<str>),
    Global(u32),
    /// A memo slot never written (dense memo only).
    Unset,
}

struct Stack {
    items: Vec<Val>,
    len: u64,
    marks: Vec<u64>,
}

impl Stack {
    #[inline(always)]
    fn push_opaque(&mut self) {
        self.len += 1;
        if let Some(Val::Opaque(n)) = self.items.last_mut() {
            if *n < u32::MAX {
                *n += 1;
                return;
            }
        }
        self.items.push(Val::Opaque(1));
    }

    fn push_opaque_n(&mut self, k: u64) {
        self.len += k;
        if let Some(Val::Opaque(n)) = self.items.last_mut() {
            if u64::from(*n) + k <= u64::from(u32::MAX) {
                *n += k as u32;
                return;
            }
        }
        let mut k = k;
        while k > 0 {
            let c = k.min(u64::from(u32::MAX));
            self.items.push(Val::Opaque(c as u32));
            k -= c;
        }
    }

    fn push(&mut self, v: Val) {
        match v {
            Val::Opaque(_) | Val::Unset => self.push_opaque(),
            // Past the bound, names and globals degrade to opaque values: memory stays bounded
            // and a later STACK_GLOBAL on them is reported as unresolved (fails closed).
            _ if self.items.len() >= MAX_TRACKED_STACK => self.push_opaque(),
            v => {
                self.len += 1;
                self.items.push(v);
            }
        }
    }

    /// Pops one logical value; `None` when the stack (above the last mark) is empty.
    #[inline(always)]
    fn pop(&mut self) -> Option<Val> {
        if self.len <= self.marks.last().copied().unwrap_or(0) {
            return None;
        }
        self.len -= 1;
        match self.items.last_mut() {
            Some(Val::Opaque(n)) if *n > 1 => {
                *n -= 1;
                Some(Val::Opaque(1))
            }
            _ => self.items.pop(),
        }
    }

    #[inline(always)]
    fn top(&self) -> Option<&Val> {
        if self.len <= self.marks.last().copied().unwrap_or(0) {
            return None;
        }
        self.items.last()
    }

    /// Pops everything above the last mark and the mark; returns the bottom-most popped value
    /// (what `OBJ` calls) when asked.
    fn pop_mark(&mut self, want_first: bool) -> Result<Option<Val>, &'static str> {
        let m = self
            .marks
            .pop()
            .ok_or("MARK expected but the mark stack is empty")?;
        let mut first = None;
        while self.len > m {
            let excess = self.len - m;
            match self.items.last_mut() {
                Some(Val::Opaque(n)) if u64::from(*n) > excess => {
                    *n -= excess as u32;
                    self.len = m;
                    first = Some(Val::Opaque(1));
                }
                Some(Val::Opaque(n)) => {
                    self.len -= u64::from(*n);
                    self.items.pop();
                    first = Some(Val::Opaque(1));
                }
                Some(_) => {
                    self.len -= 1;
                    first = self.items.pop();
                }
                None => break,
            }
        }
        Ok(if want_first { first } else { None })
    }
}

struct Memo {
    dense: Vec<Val>,
    sparse: HashMap<u64, Val>,
    count: u64,
    overflow: bool,
}

const DENSE_MEMO: u64 = 1 << 20;

impl Memo {
    fn put(&mut self, key: u64, v: Val) -> bool {
        let v = match v {
            Val::Opaque(_) | Val::Unset => Val::Opaque(1),
            v => v,
        };
        if key < DENSE_MEMO {
            let k = key as usize;
            if k >= self.dense.len() {
                if self.count >= MAX_MEMO_ENTRIES {
                    self.overflow = true;
                    return false;
                }
                self.dense.resize(k + 1, Val::Unset);
            }
            if self.dense[k] == Val::Unset {
                self.count += 1;
            }
            self.dense[k] = v;
        } else {
            if !self.sparse.contains_key(&key) {
                if self.count >= MAX_MEMO_ENTRIES {
                    self.overflow = true;
                    return false;
                }
                self.count += 1;
            }
            self.sparse.insert(key, v);
        }
        true
    }

    fn get(&self, key: u64) -> Option<&Val> {
        let v = if key < DENSE_MEMO {
            self.dense.get(key as usize)
        } else {
            self.sparse.get(&key)
        };
        match v {
            Some(Val::Unset) | None => None,
            v => v,
        }
    }
}

struct Walker<R: Read> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Offset of `buf[0]` in the stream.
    base: u64,
    eof: bool,
    opts: WalkOptions,
    out: PickleScan,
    stack: Stack,
    memo: Memo,
    index: HashMap<(String, String), u32>,
    frame_end: Option<u64>,
    /// Bytes of the current pickle's payload that a frame violation swallowed.
    capture: Option<Vec<u8>>,
}

type Step<T> = Result<T, PickleError>;

impl<R: Read> Walker<R> {
    fn new(src: R, opts: WalkOptions) -> Self {
        Walker {
            src,
            buf: vec![0; BUF_SIZE],
            pos: 0,
            end: 0,
            base: 0,
            eof: false,
            opts,
            out: PickleScan::default(),
            stack: Stack {
                items: Vec::new(),
                len: 0,
                marks: Vec::new(),
            },
            memo: Memo {
                dense: Vec::new(),
                sparse: HashMap::new(),
                count: 0,
                overflow: false,
            },
            index: HashMap::new(),
            frame_end: None,
            capture: None,
        }
    }

    #[inline(always)]
    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn err<T>(&self, at: u64, msg: impl Into<String>) -> Step<T> {
        Err(PickleError {
            offset: at,
            message: msg.into(),
        })
    }

    /// Makes at least `n` (≤ BUF_SIZE) bytes available; false at end of stream.
    #[cold]
    fn fill(&mut self, n: usize) -> Step<bool> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.base += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        while self.end < n && !self.eof {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return self.err(self.offset(), format!("read error: {e}")),
            }
        }
        Ok(self.end >= n)
    }

    #[inline(always)]
    fn need(&mut self, n: usize, at: u64, what: &str) -> Step<()> {
        if self.end - self.pos >= n || self.fill(n)? {
            Ok(())
        } else {
            self.err(
                at,
                format!("truncated: {what} needs {n} bytes, the stream ends first"),
            )
        }
    }

    #[inline(always)]
    fn arg<const N: usize>(&mut self, at: u64, what: &str) -> Step<[u8; N]> {
        self.need(N, at, what)?;
        let a: [u8; N] = self.buf[self.pos..self.pos + N]
            .try_into()
            .expect("length checked");
        self.pos += N;
        Ok(a)
    }

    /// Reads a `\n`-terminated line argument (without the newline).
    fn line(&mut self, at: u64, what: &str) -> Step<Vec<u8>> {
        let mut scanned = 0;
        loop {
            if let Some(i) = self.buf[self.pos + scanned..self.end]
                .iter()
                .position(|&b| b == b'\n')
            {
                let l = self.buf[self.pos..self.pos + scanned + i].to_vec();
                self.pos += scanned + i + 1;
                return Ok(l);
            }
            scanned = self.end - self.pos;
            if scanned >= BUF_SIZE - 1 {
                return self.err(
                    at,
                    format!("{what} line is longer than {} bytes (limit)", BUF_SIZE - 1),
                );
            }
            if !self.fill(scanned + 1)? {
                return self.err(
                    at,
                    format!("truncated: {what} line has no newline before the stream ends"),
                );
            }
        }
    }

    /// Reads a length-prefixed payload: small ones are returned, large ones are consumed while
    /// keeping at most `keep` leading bytes.
    fn payload(&mut self, len: u64, keep: u64, at: u64, what: &str) -> Step<Vec<u8>> {
        if len <= BUF_SIZE as u64 {
            self.need(len as usize, at, what)?;
            let n = len as usize;
            let take = n.min(keep as usize);
            let v = self.buf[self.pos..self.pos + take].to_vec();
            self.pos += n;
            return Ok(v);
        }
        let mut kept = Vec::new();
        let mut left = len;
        while left > 0 {
            if self.pos == self.end && !self.fill(1)? {
                return self.err(at, format!("truncated: {what} declares {len} bytes, the stream ends {left} bytes short"));
            }
            let n = ((self.end - self.pos) as u64).min(left) as usize;
            let room = keep.saturating_sub(kept.len() as u64).min(n as u64) as usize;
            kept.extend_from_slice(&self.buf[self.pos..self.pos + room]);
            self.pos += n;
            left -= n as u64;
        }
        Ok(kept)
    }

    fn run(&mut self) {
        loop {
            let start = self.offset();
            let pickles_before = self.out.pickles;
            let globals_before = self.out.globals.len();
            match self.one_pickle() {
                Ok(true) => {
                    if self.opts.max_pickles.is_some_and(|m| self.out.pickles >= m) {
                        return;
                    }
                }
                Ok(false) => return, // clean end of stream
                Err(e) => {
                    // A later segment that is not a pickle at all is trailing data; one that
                    // imported something before breaking is a broken tail and is reported.
                    let segment_imports = self.out.globals.len() > globals_before;
                    if pickles_before > 0 && !segment_imports && self.byte_at_is_not_proto(start) {
                        self.out
                            .anomalies
                            .push(Anomaly::TrailingData { offset: start });
                    } else {
                        self.out.error = Some(e);
                    }
                    return;
                }
            }
        }
    }

    fn byte_at_is_not_proto(&self, start: u64) -> bool {
        // The buffer may have moved on; only judge when the start byte is still buffered.
        if start >= self.base && ((start - self.base) as usize) < self.end {
            self.buf[(start - self.base) as usize] != 0x80
        } else {
            true
        }
    }

    /// Reads one pickle up to `STOP`. `Ok(false)` when the stream ended before any opcode.
    fn one_pickle(&mut self) -> Step<bool> {
        self.stack.items.clear();
        self.stack.len = 0;
        self.stack.marks.clear();
        self.memo.dense.clear();
        self.memo.sparse.clear();
        self.memo.count = 0;
        self.frame_end = None;
        let mut first = true;
        loop {
            if self.end - self.pos < 16 && !self.fill(16)? && self.pos == self.end {
                if first {
                    return Ok(false);
                }
                return self.err(self.offset(), "truncated: the stream ends before STOP");
            }
            let at = self.offset();
            let op = self.buf[self.pos];
            if !first && SIMPLE_PUSH[op as usize] != 0 && self.simple_run(at) {
                continue;
            }
            self.pos += 1;
            self.out.opcodes += 1;
            let was_first = first;
            first = false;
            if let Some(fe) = self.frame_end {
                if at >= fe {
                    self.frame_end = None;
                }
            }
            if self.step(op, at, was_first)? {
                self.check_frame(at)?;
                self.out.pickles += 1;
                return Ok(true);
            }
            self.check_frame(at)?;
        }
    }

    /// Consumes a run of opcodes that only push one opaque value each (floats, small ints,
    /// None, booleans, empty containers) in one tight loop: dense pickles are made of these.
    /// Stops before an opcode that would cross the buffer end or a frame end, which the general
    /// path then handles. False when nothing was consumed.
    #[inline(always)]
    fn simple_run(&mut self, at: u64) -> bool {
        let mut limit = self.end;
        if let Some(fe) = self.frame_end {
            if fe > at {
                limit = limit.min((fe - self.base) as usize);
            }
        }
        let buf = &self.buf[..limit];
        let mut p = self.pos;
        let mut n = 0u64;
        while p < buf.len() {
            let op = buf[p];
            let size = SIMPLE_PUSH[op as usize] as usize;
            if size == 0 {
                break;
            }
            // Runs of one opcode (a list of floats) advance by a constant stride, which the CPU
            // predicts; only the opcode byte is compared.
            let start = p;
            while p + size <= buf.len() && buf[p] == op {
                p += size;
            }
            if p == start {
                break;
            }
            n += ((p - start) / size) as u64;
        }
        if n == 0 {
            return false;
        }
        self.pos = p;
        self.out.opcodes += n;
        self.stack.push_opaque_n(n);
        true
    }

    #[inline(always)]
    fn check_frame(&mut self, at: u64) -> Step<()> {
        if let Some(fe) = self.frame_end {
            if self.offset() > fe && at < fe {
                self.frame_end = None;
                let other_view = self.capture.take().map(|bytes| {
                    Box::new(scan_bytes(
                        &bytes,
                        WalkOptions {
                            max_pickles: Some(1),
                            depth: self.opts.depth + 1,
                        },
                    ))
                });
                self.out.anomalies.push(Anomaly::FrameViolation {
                    offset: at,
                    detail: format!(
                        "opcode at byte {at} runs {} bytes past the end of its frame (byte {fe})",
                        self.offset() - fe
                    ),
                    other_view,
                });
            }
        }
        if self.capture.is_some() {
            self.capture = None;
        }
        Ok(())
    }

    fn add_global(&mut self, module: String, name: String, at: u64, op: ImportOp) -> Val {
        let key = (module, name);
        if let Some(&i) = self.index.get(&key) {
            self.out.globals[i as usize].count += 1;
            return Val::Global(i);
        }
        if self.out.globals.len() >= MAX_GLOBALS {
            return Val::Opaque(1);
        }
        let i = self.out.globals.len() as u32;
        self.out.globals.push(GlobalRef {
            module: key.0.clone(),
            name: key.1.clone(),
            offset: at,
            op,
            count: 1,
            called: false,
        });
        self.index.insert(key, i);
        Val::Global(i)
    }

    fn mark_called(&mut self, v: &Option<Val>) {
        if let Some(Val::Global(i)) = v {
            self.out.globals[*i as usize].called = true;
        }
    }

    fn pop(&mut self, at: u64, op: &str) -> Step<Val> {
        match self.stack.pop() {
            Some(v) => Ok(v),
            None => self.err(at, format!("{op} on an empty stack")),
        }
    }

    fn memo_get(&mut self, key: u64, at: u64) -> Step<()> {
        match self.memo.get(key).cloned() {
            Some(v) => self.stack.push(v),
            None if self.memo.overflow => self.stack.push_opaque(),
            None => return self.err(at, format!("memo key {key} was never stored")),
        }
        Ok(())
    }

    fn memo_put(&mut self, key: u64, at: u64) -> Step<()> {
        let v = match self.stack.top() {
            Some(v) => v.clone(),
            None => return self.err(at, "PUT/MEMOIZE on an empty stack"),
        };
        if !self.memo.put(key, v)
            && !self
                .out
                .anomalies
                .iter()
                .any(|a| matches!(a, Anomaly::LimitReached { .. }))
        {
            self.out.anomalies.push(Anomaly::LimitReached {
                detail: format!("more than {MAX_MEMO_ENTRIES} memo entries; later memo look-ups are treated as unknown"),
            });
        }
        Ok(())
    }

    fn import_line(&mut self, at: u64, op: ImportOp) -> Step<Val> {
        let m = self.line(at, "module")?;
        let n = self.line(at, "name")?;
        let (m, n) = match (String::from_utf8(m), String::from_utf8(n)) {
            (Ok(m), Ok(n)) => (m, n),
            _ => return self.err(at, format!("{} operands are not UTF-8", op.name())),
        };
        if !is_dotted_identifier(&m) || !is_dotted_identifier(&n) {
            return self.err(
                at,
                format!(
                    "{} operands `{}` `{}` are not importable names",
                    op.name(),
                    clip(&m),
                    clip(&n)
                ),
            );
        }
        Ok(self.add_global(m, n, at, op))
    }

    /// Handles a string value: pushes it (as a name candidate when short) and looks for an
    /// embedded pickle.
    fn push_text(&mut self, bytes: Vec<u8>, full_len: u64) {
        if full_len as usize <= MAX_NAME_LEN && bytes.len() as u64 == full_len {
            if let Ok(s) = String::from_utf8(bytes) {
                self.stack.push(Val::Str(s.into_boxed_str()));
                return;
            }
        }
        self.stack.push_opaque();
    }

    fn push_string_payload(&mut self, len: u64, at: u64, what: &str, text: bool) -> Step<()> {
        let keep = if len <= MAX_NESTED_BYTES { len } else { 16 };
        // Capture only when the content may matter: names, or something that starts like an
        // embedded pickle. The first bytes decide, so peek before consuming.
        let peek = self.peek_prefix(len, at, what)?;
        let nested = nested_kind(&peek, text);
        let keep = if nested.is_some() || len as usize <= MAX_NAME_LEN {
            keep
        } else {
            0
        };
        let data = self.payload(len, keep, at, what)?;
        if let Some(enc) = nested {
            self.nested(&data, len, enc, at);
        }
        if text {
            self.push_text(data, len);
        } else {
            self.stack.push_opaque();
        }
        Ok(())
    }

    /// Returns up to 8 leading bytes of the next `len` bytes without consuming them.
    fn peek_prefix(&mut self, len: u64, at: u64, what: &str) -> Step<Vec<u8>> {
        let want = len.min(8) as usize;
        self.need(want, at, what)?;
        Ok(self.buf[self.pos..self.pos + want].to_vec())
    }

    fn nested(&mut self, data: &[u8], len: u64, enc: &'static str, at: u64) {
        if len > MAX_NESTED_BYTES {
            self.out
                .anomalies
                .push(Anomaly::NestedTooLarge { offset: at, len });
            return;
        }
        if self.opts.depth + 1 > MAX_NESTED_DEPTH {
            return;
        }
        let decoded;
        let bytes = match enc {
            "base64" => match decode_base64(data) {
                Some(d) => {
                    decoded = d;
                    &decoded[..]
                }
                None => return,
            },
            "hex" => match decode_hex(data) {
                Some(d) => {
                    decoded = d;
                    &decoded[..]
                }
                None => return,
            },
            _ => data,
        };
        let inner = scan_bytes(
            bytes,
            WalkOptions {
                max_pickles: None,
                depth: self.opts.depth + 1,
            },
        );
        // Random tensor bytes can start like a pickle; only a complete pickle or resolved
        // imports count, so they never raise a finding.
        if inner.pickles > 0 || !inner.globals.is_empty() {
            self.out.anomalies.push(Anomaly::NestedPickle {
                offset: at,
                len: bytes.len() as u64,
                encoding: enc,
                inner: Box::new(inner),
            });
        }
    }

    /// Executes one opcode on the model. `Ok(true)` at `STOP`.
    #[inline(always)]
    fn step(&mut self, op: u8, at: u64, first: bool) -> Step<bool> {
        match op {
            // Hot path first: what dense pickles are made of.
            b'G' => {
                self.need(8, at, "BINFLOAT")?;
                self.pos += 8;
                self.stack.push_opaque();
            }
            b'K' => {
                self.need(1, at, "BININT1")?;
                self.pos += 1;
                self.stack.push_opaque();
            }
            b'J' => {
                self.need(4, at, "BININT")?;
                self.pos += 4;
                self.stack.push_opaque();
            }
            b'M' => {
                self.need(2, at, "BININT2")?;
                self.pos += 2;
                self.stack.push_opaque();
            }
            b'a' => {
                self.pop(at, "APPEND")?;
                if self.stack.top().is_none() {
                    return self.err(at, "APPEND without a list");
                }
            }
            b'e' | b'u' | 0x90 => {
                self.stack.pop_mark(false).map_err(|m| PickleError {
                    offset: at,
                    message: m.into(),
                })?;
                if self.stack.top().is_none() {
                    return self.err(at, "APPENDS/SETITEMS/ADDITEMS without a container");
                }
            }
            b'(' => {
                if self.stack.marks.len() >= MAX_MARKS {
                    return self.err(at, format!("more than {MAX_MARKS} nested MARKs (limit)"));
                }
                self.stack.marks.push(self.stack.len)
            }
            b'N' | 0x88 | 0x89 | b']' | b')' | b'}' | 0x8f | 0x97 => self.stack.push_opaque(),
            0x98 => {
                if self.stack.top().is_none() {
                    return self.err(at, "READONLY_BUFFER on an empty stack");
                }
            }
            b'q' => {
                let [k] = self.arg::<1>(at, "BINPUT")?;
                self.memo_put(u64::from(k), at)?;
            }
            b'r' => {
                let k = u32::from_le_bytes(self.arg::<4>(at, "LONG_BINPUT")?);
                self.memo_put(u64::from(k), at)?;
            }
            0x94 => {
                let k = self.memo.count;
                self.memo_put(k, at)?;
            }
            b'p' => {
                let l = self.line(at, "PUT")?;
                let k = parse_decimal(&l).ok_or_else(|| PickleError {
                    offset: at,
                    message: "PUT key is not a number".into(),
                })?;
                self.memo_put(k, at)?;
            }
            b'h' => {
                let [k] = self.arg::<1>(at, "BINGET")?;
                self.memo_get(u64::from(k), at)?;
            }
            b'j' => {
                let k = u32::from_le_bytes(self.arg::<4>(at, "LONG_BINGET")?);
                self.memo_get(u64::from(k), at)?;
            }
            b'g' => {
                let l = self.line(at, "GET")?;
                let k = parse_decimal(&l).ok_or_else(|| PickleError {
                    offset: at,
                    message: "GET key is not a number".into(),
                })?;
                self.memo_get(k, at)?;
            }
            b's' => {
                self.pop(at, "SETITEM")?;
                self.pop(at, "SETITEM")?;
                if self.stack.top().is_none() {
                    return self.err(at, "SETITEM without a dict");
                }
            }
            b'0' => {
                if self.stack.pop().is_none() {
                    self.stack.pop_mark(false).map_err(|m| PickleError {
                        offset: at,
                        message: format!("POP: {m}"),
                    })?;
                }
            }
            b'1' => {
                self.stack.pop_mark(false).map_err(|m| PickleError {
                    offset: at,
                    message: m.into(),
                })?;
            }
            b'2' => match self.stack.top().cloned() {
                Some(v) => self.stack.push(v),
                None => return self.err(at, "DUP on an empty stack"),
            },
            b'l' | b't' | b'd' | 0x91 => {
                self.stack.pop_mark(false).map_err(|m| PickleError {
                    offset: at,
                    message: m.into(),
                })?;
                self.stack.push_opaque();
            }
            0x85 => {
                self.pop(at, "TUPLE1")?;
                self.stack.push_opaque();
            }
            0x86 => {
                self.pop(at, "TUPLE2")?;
                self.pop(at, "TUPLE2")?;
                self.stack.push_opaque();
            }
            0x87 => {
                for _ in 0..3 {
                    self.pop(at, "TUPLE3")?;
                }
                self.stack.push_opaque();
            }
            b'I' | b'L' | b'F' => {
                let l = self.line(at, "INT/LONG/FLOAT")?;
                if !is_number_line(&l) {
                    return self.err(
                        at,
                        format!("`{}` is not a number", clip(&String::from_utf8_lossy(&l))),
                    );
                }
                self.stack.push_opaque();
            }
            0x8a => {
                let [n] = self.arg::<1>(at, "LONG1")?;
                self.need(n as usize, at, "LONG1")?;
                self.pos += n as usize;
                self.stack.push_opaque();
            }
            0x8b => {
                let n = i32::from_le_bytes(self.arg::<4>(at, "LONG4")?);
                if n < 0 {
                    return self.err(at, "LONG4 has a negative length");
                }
                self.payload(n as u64, 0, at, "LONG4")?;
                self.stack.push_opaque();
            }
            // Byte strings: never names, but may carry a nested pickle.
            b'C' => {
                let [n] = self.arg::<1>(at, "SHORT_BINBYTES")?;
                self.push_string_payload(u64::from(n), at, "SHORT_BINBYTES", false)?;
            }
            b'B' => {
                let n = u32::from_le_bytes(self.arg::<4>(at, "BINBYTES")?);
                self.bytes_op(u64::from(n), at, "BINBYTES")?;
            }
            0x8e => {
                let n = u64::from_le_bytes(self.arg::<8>(at, "BINBYTES8")?);
                self.bytes_op(n, at, "BINBYTES8")?;
            }
            0x96 => {
                let n = u64::from_le_bytes(self.arg::<8>(at, "BYTEARRAY8")?);
                self.bytes_op(n, at, "BYTEARRAY8")?;
            }
            // Text strings: STACK_GLOBAL operands.
            0x8c => {
                let [n] = self.arg::<1>(at, "SHORT_BINUNICODE")?;
                self.push_string_payload(u64::from(n), at, "SHORT_BINUNICODE", true)?;
            }
            b'X' => {
                let n = u32::from_le_bytes(self.arg::<4>(at, "BINUNICODE")?);
                self.push_string_payload(u64::from(n), at, "BINUNICODE", true)?;
            }
            0x8d => {
                let n = u64::from_le_bytes(self.arg::<8>(at, "BINUNICODE8")?);
                self.push_string_payload(n, at, "BINUNICODE8", true)?;
            }
            b'U' => {
                let [n] = self.arg::<1>(at, "SHORT_BINSTRING")?;
                self.binstring(u64::from(n), at, "SHORT_BINSTRING")?;
            }
            b'T' => {
                let n = i32::from_le_bytes(self.arg::<4>(at, "BINSTRING")?);
                if n < 0 {
                    return self.err(at, "BINSTRING has a negative length");
                }
                self.binstring(n as u64, at, "BINSTRING")?;
            }
            b'S' => {
                let l = self.line(at, "STRING")?;
                let s = decode_string_repr(&l).ok_or_else(|| PickleError {
                    offset: at,
                    message: "STRING argument is not a quoted string".into(),
                })?;
                self.text_value(s, at);
            }
            b'V' => {
                let l = self.line(at, "UNICODE")?;
                let s = decode_raw_unicode_escape(&l);
                self.text_value(s.into_bytes(), at);
            }
            b'c' => {
                let g = self.import_line(at, ImportOp::Global)?;
                self.stack.push(g);
            }
            b'i' => {
                let g = self.import_line(at, ImportOp::Inst)?;
                self.mark_called(&Some(g));
                self.stack.pop_mark(false).map_err(|m| PickleError {
                    offset: at,
                    message: format!("INST: {m}"),
                })?;
                self.stack.push_opaque();
            }
            0x93 => {
                let name = self.pop(at, "STACK_GLOBAL")?;
                let module = self.pop(at, "STACK_GLOBAL")?;
                let g = match (module, name) {
                    (Val::Str(m), Val::Str(n)) => {
                        if is_dotted_identifier(&m) && is_dotted_identifier(&n) {
                            self.add_global(m.into(), n.into(), at, ImportOp::StackGlobal)
                        } else {
                            return self.err(
                                at,
                                format!(
                                    "STACK_GLOBAL operands `{}` `{}` are not importable names",
                                    clip(&m),
                                    clip(&n)
                                ),
                            );
                        }
                    }
                    (m, n) => {
                        self.out.anomalies.push(Anomaly::UnresolvedStackGlobal {
                            offset: at,
                            detail: format!(
                                "module operand is {}, name operand is {}",
                                describe(&m, &self.out.globals),
                                describe(&n, &self.out.globals)
                            ),
                        });
                        Val::Opaque(1)
                    }
                };
                self.stack.push(g);
            }
            0x82 => {
                let [c] = self.arg::<1>(at, "EXT1")?;
                self.ext(u32::from(c), at);
            }
            0x83 => {
                let c = u16::from_le_bytes(self.arg::<2>(at, "EXT2")?);
                self.ext(u32::from(c), at);
            }
            0x84 => {
                let c = i32::from_le_bytes(self.arg::<4>(at, "EXT4")?);
                self.ext(c as u32, at);
            }
            b'R' => {
                self.pop(at, "REDUCE")?;
                let f = self.pop(at, "REDUCE")?;
                self.mark_called(&Some(f));
                self.stack.push_opaque();
            }
            0x81 => {
                self.pop(at, "NEWOBJ")?;
                let c = self.pop(at, "NEWOBJ")?;
                self.mark_called(&Some(c));
                self.stack.push_opaque();
            }
            0x92 => {
                self.pop(at, "NEWOBJ_EX")?;
                self.pop(at, "NEWOBJ_EX")?;
                let c = self.pop(at, "NEWOBJ_EX")?;
                self.mark_called(&Some(c));
                self.stack.push_opaque();
            }
            b'o' => {
                let c = self.stack.pop_mark(true).map_err(|m| PickleError {
                    offset: at,
                    message: format!("OBJ: {m}"),
                })?;
                if c.is_none() {
                    return self.err(at, "OBJ without a class");
                }
                self.mark_called(&c);
                self.stack.push_opaque();
            }
            b'b' => {
                self.pop(at, "BUILD")?;
                match self.stack.top() {
                    Some(Val::Global(i)) => {
                        let g = &self.out.globals[*i as usize];
                        let target = format!("{}.{}", g.module, g.name);
                        self.out
                            .anomalies
                            .push(Anomaly::BuildOnGlobal { offset: at, target });
                    }
                    Some(_) => {}
                    None => return self.err(at, "BUILD without an object"),
                }
            }
            b'P' => {
                self.line(at, "PERSID")?;
                self.stack.push_opaque();
            }
            b'Q' => {
                self.pop(at, "BINPERSID")?;
                self.stack.push_opaque();
            }
            0x80 => {
                let [p] = self.arg::<1>(at, "PROTO")?;
                if p > 5 {
                    return self.err(at, format!("unsupported pickle protocol {p}"));
                }
                if !first {
                    self.out
                        .anomalies
                        .push(Anomaly::MisplacedProto { offset: at });
                }
                self.out.protocol = Some(self.out.protocol.map_or(p, |q| q.max(p)));
            }
            0x95 => {
                let n = u64::from_le_bytes(self.arg::<8>(at, "FRAME")?);
                let here = self.offset();
                // `frame_end` is cleared once an opcode starts at or after it, so a frame that is
                // still open here has not been read to its end.
                if let Some(fe) = self.frame_end {
                    self.out.anomalies.push(Anomaly::FrameViolation {
                        offset: at,
                        detail: format!("a new frame starts at byte {at} before the current one ends (byte {fe})"),
                        other_view: None,
                    });
                }
                self.frame_end = Some(here.saturating_add(n));
            }
            b'.' => {
                // The unpickler returns the top of the stack; an empty one is an error.
                if self.stack.top().is_none() {
                    return self.err(at, "STOP on an empty stack");
                }
                return Ok(true);
            }
            other => return self.err(at, format!("invalid opcode 0x{other:02x}")),
        }
        Ok(false)
    }

    fn ext(&mut self, code: u32, at: u64) {
        self.out
            .anomalies
            .push(Anomaly::Extension { offset: at, code });
        self.stack.push_opaque();
    }

    fn text_value(&mut self, bytes: Vec<u8>, at: u64) {
        let len = bytes.len() as u64;
        if let Some(enc) = nested_kind(&bytes, true) {
            self.nested(&bytes, len, enc, at);
        }
        self.push_text(bytes, len);
    }

    fn binstring(&mut self, n: u64, at: u64, what: &str) -> Step<()> {
        // Python 3 decodes BINSTRING with the caller's encoding (ASCII by default, latin-1 for
        // numpy); latin-1 maps every byte, so the result is a name candidate either way.
        let peek = self.peek_prefix(n, at, what)?;
        let nested = nested_kind(&peek, true).or_else(|| nested_kind(&peek, false));
        let keep = if nested.is_some() && n <= MAX_NESTED_BYTES || n as usize <= MAX_NAME_LEN {
            n
        } else {
            0
        };
        let data = self.payload(n, keep, at, what)?;
        if let Some(enc) = nested {
            self.nested(&data, n, enc, at);
        }
        let s: String = data.iter().map(|&b| b as char).collect();
        self.push_text(s.into_bytes(), n);
        Ok(())
    }

    fn bytes_op(&mut self, n: u64, at: u64, what: &str) -> Step<()> {
        // A frame violation hides opcodes inside this payload; keep the part after the frame
        // end so the other reading can be scanned too.
        if let Some(fe) = self.frame_end {
            let payload_start = self.offset();
            let payload_end = payload_start.saturating_add(n);
            if at < fe && payload_end > fe && fe >= payload_start {
                let skip = fe - payload_start;
                let keep_len = (payload_end - fe).min(MAX_NESTED_BYTES);
                let data = self.payload(n, skip + keep_len, at, what)?;
                self.capture = Some(data[skip as usize..].to_vec());
                self.stack.push_opaque();
                return Ok(());
            }
        }
        self.push_string_payload(n, at, what, false)
    }
}

/// Which embedded-pickle encoding the leading bytes suggest.
fn nested_kind(prefix: &[u8], text: bool) -> Option<&'static str> {
    if prefix.len() >= 3 && prefix[0] == 0x80 && (2..=5).contains(&prefix[1]) {
        return Some("raw");
    }
    if text && prefix.len() >= 4 {
        // base64 of `\x80\x02`…`\x80\x05` starts `gA` then `I`…`X` (the protocol's bits and
        // the next byte's top two).
        if prefix[0] == b'g' && prefix[1] == b'A' && (b'I'..=b'X').contains(&prefix[2]) {
            return Some("base64");
        }
        if prefix[0] == b'8'
            && prefix[1] == b'0'
            && prefix[2] == b'0'
            && (b'2'..=b'5').contains(&prefix[3])
        {
            return Some("hex");
        }
    }
    None
}

fn describe(v: &Val, globals: &[GlobalRef]) -> String {
    match v {
        Val::Str(s) => format!("the string `{}`", clip(s)),
        Val::Global(i) => {
            let g = &globals[*i as usize];
            format!("the object {}.{}", g.module, g.name)
        }
        _ => "a value built at load time (not a literal string)".into(),
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s.to_string()
    }
}

/// True for every byte the unpickler accepts as an opcode (protocols 0–5). A pickle need not
/// start with `PROTO`, so any of these can begin one.
pub fn is_opcode(b: u8) -> bool {
    matches!(
        b,
        b'(' | b'.'
            | b'0'
            | b'1'
            | b'2'
            | b'F'
            | b'I'
            | b'J'
            | b'K'
            | b'L'
            | b'M'
            | b'N'
            | b'P'
            | b'Q'
            | b'R'
            | b'S'
            | b'T'
            | b'U'
            | b'V'
            | b'X'
            | b'a'
            | b'b'
            | b'c'
            | b'd'
            | b'}'
            | b'e'
            | b'g'
            | b'h'
            | b'i'
            | b'j'
            | b'l'
            | b']'
            | b'o'
            | b'p'
            | b'q'
            | b'r'
            | b's'
            | b't'
            | b')'
            | b'u'
            | b'G'
            | b'B'
            | b'C'
            | 0x80..=0x98
    )
}

/// `a.b.c` where each part is a Python identifier (ASCII or not).
pub fn is_dotted_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME_LEN
        && s.split('.').all(|part| {
            let mut cs = part.chars();
            matches!(cs.next(), Some(c) if c == '_' || c.is_alphabetic())
                && cs.all(|c| c == '_' || c.is_alphanumeric())
        })
}

fn parse_decimal(l: &[u8]) -> Option<u64> {
    std::str::from_utf8(l).ok()?.trim().parse().ok()
}

fn is_number_line(l: &[u8]) -> bool {
    let s = match std::str::from_utf8(l) {
        Ok(s) => s.trim(),
        Err(_) => return false,
    };
    let s = s.strip_suffix('L').unwrap_or(s);
    // INT accepts `00`/`01` for False/True; FLOAT accepts inf/nan and exponents.
    !s.is_empty()
        && (s.parse::<f64>().is_ok()
            || s.bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+'))
}

/// Decodes the argument of `STRING`: a Python quoted literal with backslash escapes.
fn decode_string_repr(l: &[u8]) -> Option<Vec<u8>> {
    let q = *l.first()?;
    if !(q == b'\'' || q == b'"') || l.len() < 2 || *l.last()? != q {
        return None;
    }
    let body = &l[1..l.len() - 1];
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b != b'\\' || i + 1 >= body.len() {
            out.push(b);
            i += 1;
            continue;
        }
        let e = body[i + 1];
        i += 2;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                let mut k = 0;
                while k < 2 && i < body.len() && (b'0'..=b'7').contains(&body[i]) {
                    v = v * 8 + u32::from(body[i] - b'0');
                    i += 1;
                    k += 1;
                }
                out.push(v as u8);
            }
            b'x' if i + 2 <= body.len() => {
                let h = std::str::from_utf8(&body[i..i + 2])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())?;
                out.push(h);
                i += 2;
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Decodes the argument of `UNICODE` (raw-unicode-escape: `\uXXXX`, `\UXXXXXXXX`, else latin-1).
fn decode_raw_unicode_escape(l: &[u8]) -> String {
    let mut out = String::with_capacity(l.len());
    let mut i = 0;
    while i < l.len() {
        if l[i] == b'\\' && i + 1 < l.len() && (l[i + 1] == b'u' || l[i + 1] == b'U') {
            let n = if l[i + 1] == b'u' { 4 } else { 8 };
            if let Some(c) = l
                .get(i + 2..i + 2 + n)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                out.push(c);
                i += 2 + n;
                continue;
            }
        }
        out.push(l[i] as char);
        i += 1;
    }
    out
}

/// Standard or URL-safe base64, padding optional; `None` when any byte is outside the alphabet.
pub fn decode_base64(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Hex digits to bytes; `None` on an odd length or a non-hex byte.
pub fn decode_hex(s: &[u8]) -> Option<Vec<u8>> {
    let s: Vec<u8> = s
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.chunks(2)
        .map(|p| {
            let h = |c: u8| (c as char).to_digit(16);
            Some((h(p[0])? * 16 + h(p[1])?) as u8)
        })
        .collect()
}

pub mod build;

#[cfg(test)]
mod tests;
