//! The severity policy for imported globals: an allowlist first, then named dangers, and
//! `medium` for everything else (new gadgets appear every month, so unknown is never clean).
//!
//! | severity | what |
//! |---|---|
//! | none (allowlisted) | the globals ordinary checkpoints use: torch tensor and storage rebuilders, `collections.OrderedDict`, numpy `_reconstruct`/`dtype`/`ndarray`, `_codecs.encode`, plain builtin types |
//! | critical | code execution or system access: `os`, `posix`, `nt`, `subprocess`, `sys`, `socket`, `shutil`, `runpy`, `pty`, `pip`, `importlib`, `webbrowser`, `pickle`, network clients, debuggers and profilers, `builtins.eval/exec/compile/getattr/__import__/open`, `torch.load`, `torch.hub`, known torch and stdlib gadgets; dotted names that walk through a dunder or into one of these modules |
//! | high | code construction (`marshal`, `types.FunctionType/CodeType`), nested unpickling (`torch.storage._load_from_bytes`, `numpy.load`, `*.from_pretrained`), call combinators (`functools.partial`, `operator.*getter`), any other dotted attribute walk |
//! | medium | every other global |

use glassbox_core::codes::ScanCode;
use glassbox_core::Severity;

/// Why a global got its severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Severity; `None` for allowlisted globals (no finding).
    pub severity: Option<Severity>,
    /// Finding kind.
    pub kind: ScanCode,
    /// One phrase: why.
    pub reason: String,
}

/// Python 2 names the unpickler maps to Python 3 ones (`_compat_pickle`).
fn py3_module(m: &str) -> &str {
    match m {
        "__builtin__" | "exceptions" => "builtins",
        "copy_reg" => "copyreg",
        "httplib" => "http.client",
        "urllib2" => "urllib.request",
        "cPickle" => "pickle",
        "Queue" => "queue",
        "commands" => "subprocess",
        "SocketServer" => "socketserver",
        "BaseHTTPServer" | "SimpleHTTPServer" | "CGIHTTPServer" => "http.server",
        "cStringIO" | "StringIO" => "io",
        m => m,
    }
}

/// Exact `module.name` pairs that ordinary checkpoints use.
const ALLOW: &[&str] = &[
    "collections.OrderedDict",
    "collections.defaultdict",
    "collections.Counter",
    "collections.deque",
    "torch._utils._rebuild_tensor",
    "torch._utils._rebuild_tensor_v2",
    "torch._utils._rebuild_tensor_v3",
    "torch._utils._rebuild_parameter",
    "torch._utils._rebuild_parameter_with_state",
    "torch._utils._rebuild_sparse_tensor",
    "torch._utils._rebuild_sparse_csr_tensor",
    "torch._utils._rebuild_qtensor",
    "torch._utils._rebuild_meta_tensor_no_storage",
    "torch._utils._rebuild_wrapper_subclass",
    "torch._utils._rebuild_device_tensor_from_numpy",
    "torch._utils._rebuild_nested_tensor",
    "torch._utils._rebuild_xla_tensor",
    "torch._tensor._rebuild_from_type",
    "torch._tensor._rebuild_from_type_v2",
    "torch.nn.parameter.Parameter",
    "torch.nn.parameter.UninitializedParameter",
    "torch.Size",
    "torch.device",
    "torch.Tensor",
    "torch.storage.TypedStorage",
    "torch.storage.UntypedStorage",
    "torch.storage._StorageBase",
    "torch.serialization._get_layout",
    "torch.strided",
    "torch.sparse_coo",
    "torch.sparse_csr",
    "torch.contiguous_format",
    "torch.channels_last",
    "torch.preserve_format",
    "torch.per_tensor_affine",
    "torch.per_channel_affine",
    "numpy.core.multiarray._reconstruct",
    "numpy._core.multiarray._reconstruct",
    "numpy.core.multiarray.scalar",
    "numpy._core.multiarray.scalar",
    "numpy.core.numeric._frombuffer",
    "numpy._core.numeric._frombuffer",
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.random._pickle.__randomstate_ctor",
    "numpy.random._pickle.__bit_generator_ctor",
    "numpy.random._pickle.__generator_ctor",
    "numpy.random.__RandomState_ctor",
    "_codecs.encode",
    "copyreg._reconstructor",
    "copyreg.__newobj__",
    "builtins.set",
    "builtins.frozenset",
    "builtins.slice",
    "builtins.range",
    "builtins.complex",
    "builtins.bytearray",
    "builtins.bytes",
    "builtins.int",
    "builtins.float",
    "builtins.str",
    "builtins.list",
    "builtins.dict",
    "builtins.tuple",
    "builtins.bool",
    "builtins.object",
    "datetime.datetime",
    "datetime.date",
    "datetime.time",
    "datetime.timedelta",
    "datetime.timezone",
    "decimal.Decimal",
    "fractions.Fraction",
    "uuid.UUID",
    "pathlib.PosixPath",
    "pathlib.PurePosixPath",
    "pathlib.WindowsPath",
    "pathlib.PureWindowsPath",
    "pathlib.Path",
    "argparse.Namespace",
    "joblib.numpy_pickle.NumpyArrayWrapper",
    "joblib.numpy_pickle.NDArrayWrapper",
    "transformers.training_args.TrainingArguments",
    "transformers.training_args.OptimizerNames",
    "transformers.trainer_utils.IntervalStrategy",
    "transformers.trainer_utils.SchedulerType",
    "transformers.trainer_utils.HubStrategy",
    "transformers.trainer_utils.SaveStrategy",
    "transformers.trainer_pt_utils.AcceleratorConfig",
    "transformers.debug_utils.DebugOption",
];

/// Whole torch/numpy name families that are plain data (storages, dtypes).
fn allowed_family(full: &str) -> bool {
    if let Some(n) = full.strip_prefix("torch.") {
        if !n.contains('.') && (n.ends_with("Storage") || is_torch_dtype(n)) {
            return true;
        }
    }
    if let Some(n) = full.strip_prefix("numpy.dtypes.") {
        return n.ends_with("DType") && !n.contains('.');
    }
    false
}

fn is_torch_dtype(n: &str) -> bool {
    matches!(
        n,
        "float32"
            | "float"
            | "float64"
            | "double"
            | "float16"
            | "half"
            | "bfloat16"
            | "uint8"
            | "int8"
            | "int16"
            | "short"
            | "int32"
            | "int"
            | "int64"
            | "long"
            | "bool"
            | "complex32"
            | "complex64"
            | "complex128"
            | "cfloat"
            | "cdouble"
            | "uint16"
            | "uint32"
            | "uint64"
            | "qint8"
            | "quint8"
            | "qint32"
            | "quint4x2"
            | "quint2x4"
            | "float8_e4m3fn"
            | "float8_e5m2"
            | "float8_e4m3fnuz"
            | "float8_e5m2fnuz"
            | "float8_e8m0fnu"
    )
}

/// Prefixes (a module, or `module.attr`) that execute code or touch the system. A rule matches the
/// path itself and everything under it.
const CRITICAL: &[&str] = &[
    "os",
    "nt",
    "posix",
    "posixpath.os",
    "subprocess",
    "_posixsubprocess",
    "sys",
    "socket",
    "_socket",
    "ssl",
    "shutil",
    "runpy",
    "pty",
    "pdb",
    "bdb",
    "pickle",
    "_pickle",
    "pickletools",
    "dill",
    "cloudpickle",
    "joblib.load",
    "joblib.numpy_pickle.load",
    "joblib.parallel",
    "joblib.Parallel",
    "pip",
    "venv",
    "ensurepip",
    "timeit",
    "cProfile",
    "profile",
    "pstats",
    "trace",
    "pydoc",
    "webbrowser",
    "ctypes",
    "_ctypes",
    "asyncio",
    "aiohttp",
    "http.client",
    "http.server",
    "urllib.request",
    "requests",
    "httpx",
    "ftplib",
    "smtplib",
    "telnetlib",
    "imaplib",
    "poplib",
    "xmlrpc",
    "socketserver",
    "importlib",
    "imp",
    "zipimport",
    "pkgutil",
    "code",
    "codeop",
    "multiprocessing",
    "concurrent.futures",
    "threading._start_new_thread",
    "_thread",
    "signal",
    "uuid._get_command_stdout",
    "uuid._popen",
    "numpy.f2py",
    "numpy.testing._private.utils",
    "numpy.distutils",
    "numpy.ctypeslib",
    "numpy.load",
    "distutils",
    "setuptools",
    "_osx_support",
    "_aix_support",
    "_pyrepl",
    "idlelib",
    "lib2to3",
    "doctest",
    "site",
    "sysconfig",
    "platform.popen",
    "pexpect",
    "paramiko",
    "fabric",
    "tempfile",
    "glob",
    "logging.config",
    "builtins.eval",
    "builtins.exec",
    "builtins.execfile",
    "builtins.compile",
    "builtins.getattr",
    "builtins.setattr",
    "builtins.delattr",
    "builtins.__import__",
    "builtins.open",
    "builtins.breakpoint",
    "builtins.input",
    "builtins.apply",
    "builtins.globals",
    "builtins.locals",
    "builtins.vars",
    "builtins.memoryview",
    "builtins.help",
    "builtins.__loader__",
    "builtins.__spec__",
    "io.open",
    "io.FileIO",
    "_io.open",
    "_io.FileIO",
    "codecs.open",
    "operator.attrgetter",
    "operator.methodcaller",
    "_operator.attrgetter",
    "_operator.methodcaller",
    "torch.load",
    "torch.serialization.load",
    "torch.hub",
    "torch.package",
    "torch._inductor",
    "torch._dynamo",
    "torch.jit.unsupported_tensor_ops",
    "torch.jit._script",
    "torch.jit.load",
    "torch.fx.experimental.symbolic_shapes",
    "torch.utils._config_module",
    "torch.utils.bottleneck",
    "torch.utils.collect_env",
    "torch.utils.data.datapipes.utils.decoder",
    "torch.utils.cpp_extension",
    "torch._ops.ops",
    "torch.ops",
    "torch.distributed.rpc",
    "logging.FileHandler",
    "logging.handlers",
    "fickling",
    "picklescan",
    "modelscan",
    "modelaudit",
    "keras.models.load_model",
    "tensorflow.io",
    "tensorflow.keras.models.load_model",
    "tensorflow.compat.v1.io",
    "tensorflow.python.ops.gen_io_ops",
    "sqlite3",
];

/// Prefixes that build code or unpickle again (nested loading), or combine calls.
const HIGH: &[&str] = &[
    "marshal",
    "types.FunctionType",
    "types.CodeType",
    "types.LambdaType",
    "types.MethodType",
    "types.ModuleType",
    "types.SimpleNamespace",
    "functools.partial",
    "functools.reduce",
    "operator.itemgetter",
    "_operator.itemgetter",
    "operator.call",
    "_operator.call",
    "copyreg.add_extension",
    "copyreg._extension_registry",
    "copyreg.dispatch_table",
    "torch.storage._load_from_bytes",
    "torch.serialization._load",
    "numpy.lib.format.read_array",
    "numpy.fromfile",
    "numpy.memmap",
    "builtins.type",
    "builtins.super",
    "builtins.classmethod",
    "builtins.staticmethod",
    "builtins.property",
    "builtins.map",
    "builtins.filter",
    "builtins.exit",
    "builtins.quit",
    "inspect",
    "gc",
    "ast",
    "dis",
    "linecache",
    "tarfile",
    "zipfile",
    "shelve",
    "dbm",
    "mmap",
    "weakref.finalize",
    "atexit",
    "keras.layers.Lambda",
    "tensorflow.py_function",
    "tensorflow.numpy_function",
];

/// Names that load another model or pickle wherever they live (`…from_pretrained`).
const HIGH_NAMES: &[&str] = &[
    "from_pretrained",
    "load_model",
    "load_state_dict_from_url",
    "loads",
    "load",
];

fn matches_prefix(full: &str, rule: &str) -> bool {
    full == rule
        || (full.len() > rule.len()
            && full.starts_with(rule)
            && full.as_bytes()[rule.len()] == b'.')
}

fn rule_severity(full: &str) -> Option<(Severity, &'static str)> {
    if let Some(r) = CRITICAL.iter().find(|r| matches_prefix(full, r)) {
        return Some((Severity::Critical, r));
    }
    HIGH.iter()
        .find(|r| matches_prefix(full, r))
        .map(|r| (Severity::High, *r))
}

/// Classifies one imported global.
pub fn classify(module: &str, name: &str) -> Verdict {
    let module = py3_module(module);
    let full = format!("{module}.{name}");
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() > 1
        && parts
            .iter()
            .any(|p| p.len() > 4 && p.starts_with("__") && p.ends_with("__"))
    {
        return Verdict {
            severity: Some(Severity::Critical),
            kind: ScanCode::UnsafeGlobal,
            reason: format!(
                "`{full}` walks attributes through a dunder (introspection reaches arbitrary code)"
            ),
        };
    }
    if ALLOW.contains(&full.as_str()) || allowed_family(&full) {
        return Verdict {
            severity: None,
            kind: ScanCode::AllowlistedGlobal,
            reason: format!("`{full}` is on the checkpoint allowlist"),
        };
    }
    if let Some((sev, rule)) = rule_severity(&full) {
        return Verdict {
            severity: Some(sev),
            kind: ScanCode::UnsafeGlobal,
            reason: danger_reason(&full, rule, sev),
        };
    }
    if parts.len() > 1 {
        // `pathlib` + `os.system`: the unpickler walks the dotted name, so any suffix that names
        // a dangerous module is reached.
        let all: Vec<&str> = full.split('.').collect();
        for i in 1..all.len() {
            let suffix = all[i..].join(".");
            if let Some((sev, rule)) = rule_severity(&suffix) {
                return Verdict {
                    severity: Some(sev.max(Severity::High)),
                    kind: ScanCode::UnsafeGlobal,
                    reason: format!(
                        "`{full}` reaches `{suffix}` through a dotted attribute walk ({})",
                        danger_reason(&suffix, rule, sev)
                    ),
                };
            }
        }
        return Verdict {
            severity: Some(Severity::High),
            kind: ScanCode::UnsafeGlobal,
            reason: format!("`{full}` walks a dotted attribute path, a known way to reach objects an allowlist does not name"),
        };
    }
    if let Some(n) = HIGH_NAMES.iter().find(|n| name == **n) {
        return Verdict {
            severity: Some(Severity::High),
            kind: ScanCode::UnsafeGlobal,
            reason: format!(
                "`{full}` is a `{n}` function: it loads another model or pickle at load time"
            ),
        };
    }
    Verdict {
        severity: Some(Severity::Medium),
        kind: ScanCode::UnknownGlobal,
        reason: format!(
            "`{full}` is not on the checkpoint allowlist; loading imports it and may call it"
        ),
    }
}

fn danger_reason(full: &str, rule: &str, sev: Severity) -> String {
    let what = if sev == Severity::Critical {
        "can execute code or touch the system"
    } else if rule.starts_with("marshal") || rule.starts_with("types.") {
        "constructs code objects"
    } else if rule.contains("load") || rule.contains("pickle") {
        "unpickles nested data"
    } else {
        "is a known gadget for reaching code"
    };
    if full == rule {
        format!("`{full}` {what}")
    } else {
        format!("`{full}` is under `{rule}`, which {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sev(m: &str, n: &str) -> Option<Severity> {
        classify(m, n).severity
    }

    #[test]
    fn allowlist_is_clean() {
        for (m, n) in [
            ("torch._utils", "_rebuild_tensor_v2"),
            ("torch._utils", "_rebuild_parameter"),
            ("torch", "FloatStorage"),
            ("torch", "BFloat16Storage"),
            ("torch", "bfloat16"),
            ("collections", "OrderedDict"),
            ("numpy.core.multiarray", "_reconstruct"),
            ("numpy", "dtype"),
            ("numpy", "ndarray"),
            ("_codecs", "encode"),
            ("__builtin__", "set"),
            ("copy_reg", "_reconstructor"),
            ("joblib.numpy_pickle", "NumpyArrayWrapper"),
        ] {
            assert_eq!(sev(m, n), None, "{m}.{n}");
        }
    }

    #[test]
    fn dangers() {
        for (m, n) in [
            ("os", "system"),
            ("posix", "system"),
            ("nt", "system"),
            ("subprocess", "Popen"),
            ("__builtin__", "eval"),
            ("builtins", "exec"),
            ("builtins", "__import__"),
            ("builtins", "getattr"),
            ("runpy", "_run_code"),
            ("importlib", "import_module"),
            ("pip", "main"),
            ("shutil", "rmtree"),
            ("socket", "create_connection"),
            ("webbrowser", "open"),
            ("pty", "spawn"),
            ("sys", "modules"),
            ("torch", "load"),
            ("torch.hub", "load"),
            ("asyncio.unix_events", "_UnixSubprocessTransport"),
            ("httplib", "HTTPConnection"),
            ("http.client", "HTTPSConnection"),
            ("pathlib", "os.system"),
            ("builtins", "print.__class__.__base__"),
            ("bdb", "Bdb.run"),
            ("pkgutil", "resolve_name"),
            ("joblib", "load"),
        ] {
            assert_eq!(sev(m, n), Some(Severity::Critical), "{m}.{n}");
        }
        for (m, n) in [
            ("marshal", "loads"),
            ("types", "FunctionType"),
            ("types", "CodeType"),
            ("torch.storage", "_load_from_bytes"),
            ("functools", "partial"),
            ("collections", "OrderedDict.fromkeys"),
            ("transformers", "AutoModel.from_pretrained"),
        ] {
            assert!(sev(m, n) >= Some(Severity::High), "{m}.{n}");
        }
        assert_eq!(sev("__main__", "MyModel"), Some(Severity::Medium));
        assert_eq!(
            sev("torch._utils", "_rebuild_something_new"),
            Some(Severity::Medium)
        );
        // Module names are matched on path boundaries, not by substring.
        assert_eq!(sev("osmium", "thing"), Some(Severity::Medium));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_dangerous_prefixes_stay_critical(m in "[a-z_]{1,10}(\\.[a-z_]{1,8}){0,2}", n in "[A-Za-z_]{1,10}(\\.[a-z_]{1,6}){0,2}") {
            let _ = classify(&m, &n);
            proptest::prop_assert_eq!(classify(&format!("os.{m}"), &n).severity, Some(Severity::Critical));
            proptest::prop_assert_eq!(classify("subprocess", &n).severity, Some(Severity::Critical));
            // Unknown is never clean.
            let unknown = format!("zz{m}");
            proptest::prop_assert!(classify(&unknown, &n).severity >= Some(Severity::Medium));
        }
    }
}
