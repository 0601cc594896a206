//! Pickle walk results turned into findings under the policy.

use glassbox_core::codes::ScanCode;
use glassbox_core::Severity;
use glassbox_formats::pickle::{Anomaly, PickleScan};

use crate::policy::classify;
use crate::{ScanFinding, ScanLocation};

/// Appends the findings of one pickle walk. `context` prefixes messages for nested views.
pub(crate) fn push(
    scan: &PickleScan,
    member: Option<&str>,
    context: &str,
    out: &mut Vec<ScanFinding>,
) {
    let loc = |offset: u64| ScanLocation {
        member: member.map(str::to_string),
        offset: Some(offset),
        field: None,
    };
    for g in &scan.globals {
        let v = classify(&g.module, &g.name);
        if let Some(sev) = v.severity {
            let how = if g.called {
                "imports and calls"
            } else {
                "imports"
            };
            out.push(ScanFinding {
                severity: sev,
                kind: v.kind.into(),
                message: format!(
                    "{context}{how} `{}.{}` ({}): {}",
                    g.module,
                    g.name,
                    g.op.name(),
                    v.reason
                ),
                location: loc(g.offset),
            });
        }
    }
    for a in &scan.anomalies {
        match a {
            Anomaly::UnresolvedStackGlobal { offset, detail } => out.push(ScanFinding {
                severity: Severity::High,
                kind: ScanCode::UnresolvedGlobal.into(),
                message: format!("{context}STACK_GLOBAL imports a name computed at load time ({detail}); it cannot be checked, so it is treated as unsafe"),
                location: loc(*offset),
            }),
            Anomaly::Extension { offset, code } => out.push(ScanFinding {
                severity: Severity::High,
                kind: ScanCode::ExtensionGlobal.into(),
                message: format!("{context}imports extension code {code} from the copyreg registry, a global no scanner can name"),
                location: loc(*offset),
            }),
            Anomaly::BuildOnGlobal { offset, target } => out.push(ScanFinding {
                severity: Severity::High,
                kind: ScanCode::AttributeLaundering.into(),
                message: format!("{context}BUILD sets attributes on the imported object `{target}`, so later imports can read back objects the allowlist never saw"),
                location: loc(*offset),
            }),
            Anomaly::FrameViolation { offset, detail, other_view } => {
                out.push(ScanFinding {
                    severity: Severity::High,
                    kind: ScanCode::FrameDifferential.into(),
                    message: format!("{context}{detail}: the C unpickler and pickletools read different opcodes here (CPython frame differential)"),
                    location: loc(*offset),
                });
                if let Some(v) = other_view {
                    push(v, member, &format!("{context}in the bytes past the frame end at byte {offset}: "), out);
                }
            }
            Anomaly::NestedPickle { offset, len, encoding, inner } => {
                out.push(ScanFinding {
                    severity: Severity::Medium,
                    kind: ScanCode::NestedPickle.into(),
                    message: format!("{context}a {len}-byte pickle is embedded ({encoding}); anything that loads it unpickles again"),
                    location: loc(*offset),
                });
                push(inner, member, &format!("{context}nested pickle at byte {offset}: "), out);
            }
            Anomaly::NestedTooLarge { offset, len } => out.push(ScanFinding {
                severity: Severity::Medium,
                kind: ScanCode::NestedPickle.into(),
                message: format!("{context}a {len}-byte string starts like a pickle but is over the {} byte nested-scan limit", glassbox_formats::pickle::MAX_NESTED_BYTES),
                location: loc(*offset),
            }),
            Anomaly::TrailingData { offset } => out.push(ScanFinding {
                severity: Severity::Low,
                kind: ScanCode::TrailingData.into(),
                message: format!("{context}bytes after the last complete pickle are not a pickle"),
                location: loc(*offset),
            }),
            Anomaly::MisplacedProto { offset } => out.push(ScanFinding {
                severity: Severity::Low,
                kind: ScanCode::StructuralAnomaly.into(),
                message: format!("{context}PROTO opcode in the middle of a pickle (hand-made or tampered stream)"),
                location: loc(*offset),
            }),
            Anomaly::LimitReached { detail } => out.push(ScanFinding {
                severity: Severity::Low,
                kind: ScanCode::ScanLimit.into(),
                message: format!("{context}{detail}"),
                location: ScanLocation { member: member.map(str::to_string), ..Default::default() },
            }),
        }
    }
}
