//! SPDX expressions graded as a whole: `AND` takes the most restrictive part, `OR` the most
//! open choice the user may make, `WITH` keeps the base license's tier and records the
//! exception.

use glassbox_core::Tier;

use crate::model::Origin;
use crate::{Kb, LicenseError, LicenseInfo};

/// Longest expression accepted; real ones are a few dozen bytes.
const MAX_EXPRESSION_BYTES: usize = 4096;

pub(crate) fn evaluate(kb: &Kb, expr: &str) -> Result<LicenseInfo, LicenseError> {
    let bad = |reason: &str| LicenseError::BadExpression {
        expr: shorten(expr),
        reason: reason.to_string(),
    };
    let trimmed = expr.trim();
    if trimmed.is_empty() {
        return Err(bad("empty expression"));
    }
    if trimmed.len() > MAX_EXPRESSION_BYTES {
        return Err(bad(&format!("longer than {MAX_EXPRESSION_BYTES} bytes")));
    }
    if let Some(l) = kb.resolve_one(trimmed) {
        return Ok(l);
    }
    let mode = spdx::ParseMode {
        allow_unknown: true,
        ..spdx::ParseMode::LAX
    };
    let rewritten = rewrite(kb, trimmed);
    let parsed =
        spdx::Expression::parse_mode(&rewritten, mode).map_err(|e| bad(&e.reason.to_string()))?;
    let mut stack: Vec<LicenseInfo> = Vec::new();
    for node in parsed.iter() {
        match node {
            spdx::expression::ExprNode::Req(r) => {
                let id = r.req.license.to_string();
                let mut info = kb.resolve_one(&id).unwrap_or_else(|| {
                    let mut u = LicenseInfo::new(&id, &id, Tier::None);
                    u.osi_approved = false;
                    u.notes.push(format!("`{id}` is not a license glassbox knows: all rights reserved as far as anyone can tell"));
                    u
                });
                if let Some(add) = &r.req.addition {
                    info.id = format!("{} WITH {add}", info.id);
                    info.name = format!("{} with {add}", info.name);
                    info.notes.push(format!(
                        "exception `{add}` grants extra permissions; graded as the base license"
                    ));
                    info.origin = Origin::Derived;
                }
                stack.push(info);
            }
            spdx::expression::ExprNode::Op(op) => {
                let (Some(b), Some(a)) = (stack.pop(), stack.pop()) else {
                    return Err(bad("operator without two operands"));
                };
                stack.push(combine(a, b, matches!(op, spdx::expression::Operator::And)));
            }
        }
    }
    let mut out = stack.pop().ok_or_else(|| bad("no license in expression"))?;
    if !stack.is_empty() {
        return Err(bad("dangling operands"));
    }
    out.id = parsed.as_ref().to_string();
    Ok(out)
}

/// Replaces the parts the SPDX grammar cannot read but the knowledge base knows (Hugging Face
/// tags such as `llama3.1`, ScanCode keys) by their ids. Exceptions after `WITH` are kept.
fn rewrite(kb: &Kb, expr: &str) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut after_with = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, after_with: &mut bool| {
        if word.is_empty() {
            return;
        }
        let upper = word.to_ascii_uppercase();
        let replaced = match upper.as_str() {
            "AND" | "OR" => None,
            "WITH" => {
                *after_with = true;
                None
            }
            _ if *after_with => {
                *after_with = false;
                None
            }
            _ if spdx::license_id(word).is_some() || word.contains('/') => None,
            _ => kb
                .resolve_one(word)
                .map(|l| l.id)
                .filter(|id| !id.contains(' ')),
        };
        out.push_str(replaced.as_deref().unwrap_or(word));
        word.clear();
    };
    for c in expr.chars() {
        if c.is_whitespace() || c == '(' || c == ')' {
            flush(&mut word, &mut out, &mut after_with);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out, &mut after_with);
    out
}

/// Combines two graded parts. The result keeps both parts' obligations for `AND`, the chosen
/// part's for `OR`.
fn combine(a: LicenseInfo, b: LicenseInfo, and: bool) -> LicenseInfo {
    let (tier, osi, mut obligations, chosen) = if and {
        let tier = a.tier.most_restrictive(b.tier);
        let mut o = a.obligations.clone();
        o.extend(
            b.obligations
                .iter()
                .filter(|x| !a.obligations.contains(x))
                .cloned(),
        );
        (tier, a.osi_approved && b.osi_approved, o, None)
    } else {
        let pick = if b.tier.restrictiveness() < a.tier.restrictiveness() {
            &b
        } else {
            &a
        };
        (
            pick.tier,
            a.osi_approved || b.osi_approved,
            pick.obligations.clone(),
            Some(pick.id.clone()),
        )
    };
    let op = if and { "AND" } else { "OR" };
    let mut info = LicenseInfo::new(
        &format!("{} {op} {}", wrap(&a.id), wrap(&b.id)),
        &format!("{} {op} {}", a.name, b.name),
        tier,
    );
    info.osi_approved = osi;
    info.kind = a.kind;
    if let Some(id) = chosen {
        info.notes
            .push(format!("OR: graded by the most open choice, {id}"));
        obligations.insert(0, format!("You may choose {id}; its obligations apply."));
    } else {
        info.notes.push(
            "AND: graded by the most restrictive part; every part's obligations apply".into(),
        );
    }
    info.notes.extend(
        a.notes
            .into_iter()
            .chain(b.notes)
            .filter(|n| !n.starts_with("AND:") && !n.starts_with("OR:")),
    );
    info.obligations = obligations;
    info.origin = Origin::Derived;
    info
}

fn wrap(id: &str) -> String {
    if id.contains(' ') {
        format!("({id})")
    } else {
        id.to_string()
    }
}

fn shorten(s: &str) -> String {
    if s.len() <= 120 {
        return s.to_string();
    }
    let mut end = 120;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
