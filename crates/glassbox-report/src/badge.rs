//! An SVG badge in the shields.io "flat" style: `glassbox | open weights · MOF Class II`.

use glassbox_core::{Report, SeedCategory};

use crate::escape::html as x;
use crate::view;

/// The badge's parts: label, message and message colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    /// Left text.
    pub label: String,
    /// Right text.
    pub message: String,
    /// Right background, `#rrggbb`.
    pub color: &'static str,
}

/// What the badge of a report says: the seed category in words, plus the MOF class when the MOF
/// verdict is present.
pub fn badge(r: &Report) -> Badge {
    let (words, color) = match r.verdicts.seed.category {
        SeedCategory::OpenSource => ("open source", "#2da44e"),
        SeedCategory::OpenWeights => ("open weights", "#0969da"),
        SeedCategory::RestrictedWeights => ("restricted weights", "#bf8700"),
        SeedCategory::Closed => ("closed", "#cf222e"),
    };
    let mut message = words.to_string();
    if let Some(m) = view::frameworks(r).into_iter().find_map(|f| f.summary.mof) {
        message.push_str(" · MOF ");
        message.push_str(view::mof_class_name(m.mot.class));
    }
    Badge {
        label: "glassbox".into(),
        message,
        color,
    }
}

/// Approximate advance width of a character in 11px Verdana, the shields font, in pixels.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'I' => 3.4,
        'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '-' => 4.6,
        'm' | 'w' => 10.5,
        'M' | 'W' => 11.5,
        '·' => 4.6,
        c if c.is_ascii_uppercase() || c.is_ascii_digit() => 7.6,
        c if c.is_ascii_lowercase() => 6.8,
        _ => 8.0,
    }
}

fn text_width(s: &str) -> f64 {
    s.chars().map(char_width).sum()
}

/// The badge as SVG.
pub fn svg(r: &Report) -> String {
    render(&badge(r))
}

/// Draws a badge.
pub fn render(b: &Badge) -> String {
    let lw = (text_width(&b.label) + 12.0).round();
    let mw = (text_width(&b.message) + 12.0).round();
    let w = lw + mw;
    let (label, message) = (x(&b.label), x(&b.message));
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" role="img" aria-label="{label}: {message}">
<title>{label}: {message}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="{w}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{mw}" height="20" fill="{color}"/><rect width="{w}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11">
<text x="{lx}" y="15" fill="#010101" fill-opacity=".3">{label}</text><text x="{lx}" y="14">{label}</text>
<text x="{mx}" y="15" fill="#010101" fill-opacity=".3">{message}</text><text x="{mx}" y="14">{message}</text>
</g>
</svg>
"##,
        color = b.color,
        lx = lw / 2.0,
        mx = lw + mw / 2.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn says_category_and_mof_class() {
        let b = badge(&sample::open_weights_hub());
        assert_eq!(b.message, "open weights · MOF no class");
        assert_eq!(
            badge(&sample::restricted_local()).message,
            "restricted weights"
        );
        let s = svg(&sample::open_weights_hub());
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains(">open weights · MOF no class</text>"));
    }

    #[test]
    fn width_grows_with_text() {
        let short = render(&Badge {
            label: "glassbox".into(),
            message: "closed".into(),
            color: "#cf222e",
        });
        let long = render(&Badge {
            label: "glassbox".into(),
            message: "restricted weights".into(),
            color: "#bf8700",
        });
        let width = |s: &str| {
            s.split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse::<f64>()
                .unwrap()
        };
        assert!(width(&long) > width(&short) + 50.0);
    }

    #[test]
    fn every_category_has_its_words() {
        let mut r = sample::restricted_local();
        for (c, w) in [
            (SeedCategory::OpenSource, "open source"),
            (SeedCategory::OpenWeights, "open weights"),
            (SeedCategory::RestrictedWeights, "restricted weights"),
            (SeedCategory::Closed, "closed"),
        ] {
            r.verdicts.seed.category = c;
            assert_eq!(badge(&r).message, w);
        }
    }
}
