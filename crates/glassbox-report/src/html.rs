//! HTML: one self-contained page (no external assets, no scripts) with the six-row table, a card
//! per framework (MOF progress bars, the OSAI dimensions as an inline SVG chart), components,
//! licenses and obligations, security and other findings with their evidence, and the gap list.
//! Readable on a phone (the tables reflow) and printable (print CSS).
//!
//! Every string from the release goes through [`escape::html`]; links are `http(s)` only. The
//! page also carries a Content-Security-Policy that forbids every script, so even a bug in the
//! escaping could not run code from a model card.

use std::fmt::Write as _;

use glassbox_core::{Location, Report, Status};

use crate::escape::{self, html as h, html_with_code as hc};
use crate::markdown::human_bytes;
use crate::view::{self, FrameworkView, MofMode, Osai};

/// How many evidence locations a cell lists before "+N more".
const CELL_EVIDENCE: usize = 4;

/// The stylesheet shared by the report and the comparison pages.
pub(crate) const CSS: &str = r#"
:root{--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0;
--good:#1a7f37;--good-bg:#dafbe1;--mid:#9a6700;--mid-bg:#fff8c5;--bad:#cf222e;--bad-bg:#ffebe9;
--info:#0969da;--info-bg:#ddf4ff;--unk:#59636e;--unk-bg:#eff2f5}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;
--good:#3fb950;--good-bg:#12261e;--mid:#d29922;--mid-bg:#2b2111;--bad:#f85149;--bad-bg:#2d1214;
--info:#4493f8;--info-bg:#121d2f;--unk:#9198a1;--unk-bg:#212830}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);
-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:1100px;margin:0 auto;padding:16px}
header.top{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 20px;margin-bottom:16px}
h1{font-size:1.5rem;margin:0 0 8px;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:28px 0 10px}
h3{font-size:1rem;margin:0 0 6px}
section{margin-bottom:8px}
.meta{color:var(--muted);font-size:.9rem;margin:6px 0 0;overflow-wrap:anywhere}
.summary{margin:8px 0 0}
.glance{margin:10px 0 0;display:flex;flex-wrap:wrap;gap:6px}
.glance a.pill{text-decoration:none;font-size:.85rem}
.cat{display:inline-block;font-weight:700;font-size:1.05rem;padding:4px 14px;border-radius:999px;border:2px solid}
.cat-open-source{color:var(--good);background:var(--good-bg)}
.cat-open-weights{color:var(--info);background:var(--info-bg)}
.cat-restricted-weights{color:var(--mid);background:var(--mid-bg)}
.cat-closed{color:var(--bad);background:var(--bad-bg)}
.scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:12px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--line)}
tr:last-child>th,tr:last-child>td{border-bottom:0}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--bg)}
tbody th{font-weight:600;white-space:nowrap}
tbody th .tag{white-space:normal;font-weight:400}
table.compare tbody th,table.compare thead th:first-child{position:sticky;left:0;background:var(--card);z-index:1}
table.compare thead th:first-child{background:var(--bg)}
.pill{display:inline-block;padding:1px 10px;border-radius:999px;font-weight:600;font-size:.9rem;white-space:nowrap}
.pill.l2,.pill.good{color:var(--good);background:var(--good-bg)}
.pill.l1,.pill.partial{color:var(--mid);background:var(--mid-bg)}
.pill.l0,.pill.bad{color:var(--bad);background:var(--bad-bg)}
.pill.unknown{color:var(--unk);background:var(--unk-bg)}
.sev-critical,.sev-high{color:var(--bad);background:var(--bad-bg)}
.sev-medium{color:var(--mid);background:var(--mid-bg)}
.sev-low,.sev-info{color:var(--unk);background:var(--unk-bg)}
ul.ev{list-style:none;margin:0;padding:0;font-size:.85rem}
ul.ev li{overflow-wrap:anywhere}
code{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
a{color:var(--info)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-top:5px solid var(--unk);border-radius:12px;padding:14px 16px;break-inside:avoid}
.card.good{border-top-color:var(--good)}.card.partial{border-top-color:var(--mid)}.card.bad{border-top-color:var(--bad)}
.card .headline{margin:0 0 10px}
.bars{margin:6px 0 10px}
.bars .mode{font-size:.8rem;color:var(--muted);margin:6px 0 2px}
.bar{display:grid;grid-template-columns:5.5em 1fr 3.2em;align-items:center;gap:6px;font-size:.85rem;margin:3px 0}
.track{height:10px;background:var(--bg);border:1px solid var(--line);border-radius:6px;overflow:hidden}
.fill{height:100%;background:var(--mid)}
.fill.done{background:var(--good)}
.reached{font-weight:700}
svg.osai{width:100%;height:auto;display:block;margin:4px 0 8px;color:var(--fg)}
svg.osai .trk{fill:var(--bg);stroke:var(--line)}
svg.osai .muted{color:var(--muted)}
ul.reqs{margin:6px 0 0;padding-left:1.2em;font-size:.9rem}
.listhead{margin:8px 0 2px;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
ul.notes{margin:0 0 6px;padding-left:1.2em;font-size:.88rem}
ul.reqs li{margin:3px 0}
li.unmet::marker{content:"✗ ";color:var(--bad)}
li.met::marker{content:"✓ ";color:var(--good)}
.muted{color:var(--muted)}
ol.gap li{margin:4px 0}
.tag{font-size:.75rem;color:var(--muted)}
ul.lineage,ul.lineage ul{list-style:none;margin:0;padding-left:1.2em}
ul.lineage{padding-left:0}
ul.lineage ul li{border-left:1px solid var(--line);padding:4px 0 4px 10px}
ul.lineage ul.ev{display:inline;padding:0}
ul.lineage ul.ev li{display:inline;border:0;padding:0}
footer{color:var(--muted);font-size:.8rem;margin:28px 0 8px}
@media (max-width:640px){
 main{padding:8px}
 h1{font-size:1.25rem}
 table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:100%}
 table.stack thead{display:none}
 table.stack tr{border-bottom:1px solid var(--line);padding:6px 0}
 table.stack tr:last-child{border-bottom:0}
 table.stack th,table.stack td{border:0;padding:3px 12px}
 table.stack td[data-label]::before{content:attr(data-label) ": ";font-size:.75rem;text-transform:uppercase;color:var(--muted)}
 .cards{grid-template-columns:1fr}
}
@media print{
 :root{--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0}
 body{background:#fff;font-size:11pt}
 main{max-width:none;padding:0}
 .scroll{overflow:visible;border-color:#999}
 .card,tr,header.top{break-inside:avoid}
 h2{break-after:avoid}
 a{color:inherit;text-decoration:none}
 .glance a[href]::after{content:none}
 a[href]::after{content:" <" attr(href) ">";font-size:.75em;color:#555;overflow-wrap:anywhere}
}
"#;

/// A whole page around a body.
pub(crate) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"generator\" content=\"glassbox\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        h(title)
    )
}

/// Renders one report as a self-contained HTML page.
pub fn render(r: &Report) -> String {
    let seed = &r.verdicts.seed;
    let cat = seed.category.as_str();
    let mut b = String::new();

    let _ = write!(
        b,
        "<header class=\"top\">\n<h1>{}</h1>\n<span class=\"cat cat-{cat}\" id=\"category\">{cat}</span>\n<p class=\"summary\">{}</p>\n{}<p class=\"meta\">{}</p>\n</header>\n",
        h(&r.target.name),
        hc(&seed.summary),
        glance(r),
        target_meta(r)
    );

    b.push_str("<section id=\"seed\">\n<h2>Open source or open weights?</h2>\n<div class=\"scroll\"><table class=\"stack seed\">\n");
    b.push_str("<thead><tr><th scope=\"col\">Feature</th><th scope=\"col\">This release</th><th scope=\"col\">Why</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
    for row in &seed.rows {
        let level = row.level.min(2);
        let _ = writeln!(
            b,
            "<tr class=\"row-l{level}\"><th scope=\"row\">{}</th><td data-label=\"This release\"><span class=\"pill l{level}\">{}</span></td><td data-label=\"Why\">{}</td><td data-label=\"Evidence\">{}</td></tr>",
            h(&row.row),
            h(&row.value),
            hc(&row.reason),
            evidence_list(r, &row.evidence)
        );
    }
    b.push_str("</tbody></table></div>\n</section>\n");

    let frameworks = view::frameworks(r);
    if !frameworks.is_empty() {
        b.push_str("<section id=\"frameworks\">\n<h2>Frameworks</h2>\n<div class=\"cards\">\n");
        for f in &frameworks {
            framework_card(&mut b, r, f);
        }
        b.push_str("</div>\n</section>\n");
    }

    if !r.lineage.is_empty() {
        let _ = write!(
            b,
            "<section id=\"lineage\">\n<h2>Lineage</h2>\n<ul class=\"lineage\"><li><strong>{}</strong> <span class=\"tag\">this release</span>",
            h(&r.target.name)
        );
        lineage_list(&mut b, r, &r.lineage);
        b.push_str("</li></ul>\n</section>\n");
    }

    if let Some(t) = &r.evidence.model_licenses {
        b.push_str("<section id=\"models\">\n<h2>Licenses per model</h2>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Model</th><th scope=\"col\">License</th><th scope=\"col\">Tier</th><th scope=\"col\">Where</th></tr></thead><tbody>\n");
        for m in &t.models {
            let _ = writeln!(
                b,
                "<tr><th scope=\"row\">{}</th><td data-label=\"License\"><code>{}</code></td><td data-label=\"Tier\">{}</td><td data-label=\"Where\">{} <span class=\"tag\">{}</span></td></tr>",
                h(&m.model),
                h(&m.license.id),
                m.license.tier.as_str(),
                h(&view::place(&m.license.source)),
                h(&m.rule)
            );
        }
        let (others, tier) = t.others.as_ref().map_or_else(
            || ("none stated".to_string(), ""),
            |l| (format!("<code>{}</code>", h(&l.id)), l.tier.as_str()),
        );
        let _ = writeln!(
            b,
            "<tr><th scope=\"row\"><em>other models</em></th><td data-label=\"License\">{others}</td><td data-label=\"Tier\">{tier}</td><td></td></tr>"
        );
        b.push_str("</tbody></table></div>\n</section>\n");
    }

    let obligations = view::obligations(r);
    if !obligations.is_empty() {
        b.push_str("<section id=\"obligations\">\n<h2>License obligations</h2>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">License</th><th scope=\"col\">Obligation</th></tr></thead><tbody>\n");
        for o in &obligations {
            let _ = writeln!(
                b,
                "<tr><th scope=\"row\"><code>{}</code>{}</th><td data-label=\"Obligation\">{}</td></tr>",
                h(&o.license),
                if o.covers.is_empty() {
                    String::new()
                } else {
                    format!("<div class=\"tag\">covers {}</div>", h(&o.covers.join(", ")))
                },
                hc(&o.text)
            );
        }
        b.push_str("</tbody></table></div>\n</section>\n");
    }

    let (security, other): (Vec<_>, Vec<_>) = r
        .evidence
        .findings
        .iter()
        .partition(|f| view::is_security(f));
    for (id, title, list) in [
        ("security", "Security findings", security),
        ("findings", "Findings", other),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            b,
            "<section id=\"{id}\">\n<h2>{title}</h2>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Kind</th><th scope=\"col\">Message</th><th scope=\"col\">Evidence</th></tr></thead><tbody>\n"
        );
        for f in view::sorted_findings(list.into_iter()) {
            let sev = f.severity.as_str();
            let _ = writeln!(
                b,
                "<tr><th scope=\"row\"><span class=\"pill sev-{sev}\">{sev}</span></th><td data-label=\"Kind\"><code>{}</code></td><td data-label=\"Message\">{}</td><td data-label=\"Evidence\">{}</td></tr>",
                h(f.kind.id()),
                hc(&f.message),
                evidence_list(r, &f.evidence)
            );
        }
        b.push_str("</tbody></table></div>\n</section>\n");
    }

    let gap = view::merged_gap(r);
    if !gap.is_empty() {
        b.push_str("<section id=\"gap\">\n<h2>To become more open</h2>\n<ol class=\"gap\">\n");
        for m in &gap {
            let comp = m
                .component
                .map(|c| format!(" <span class=\"tag\">({})</span>", h(c.name())))
                .unwrap_or_default();
            let _ = writeln!(
                b,
                "<li>{}{comp} <span class=\"tag\">advances: {}</span></li>",
                hc(&m.action),
                h(&m.frameworks.join(", "))
            );
        }
        b.push_str("</ol>\n</section>\n");
    }

    b.push_str("<section id=\"components\">\n<h2>Components</h2>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Component</th><th scope=\"col\">MOF class</th><th scope=\"col\">Status</th><th scope=\"col\">License</th><th scope=\"col\">Evidence</th></tr></thead><tbody>\n");
    for c in &r.evidence.components {
        let (cls, word) = match c.status {
            Status::Present => ("l2", "present"),
            Status::Partial => ("l1", "partial"),
            Status::Absent => ("l0", "absent"),
        };
        let license = c
            .license
            .as_ref()
            .map(|l| {
                format!(
                    "<code>{}</code> <span class=\"tag\">tier {}</span>",
                    h(&l.id),
                    l.tier.as_str()
                )
            })
            .unwrap_or_else(|| "<span class=\"muted\">—</span>".into());
        let locs: Vec<Location> = c.evidence.iter().map(|e| e.location.clone()).collect();
        let detail = c
            .evidence
            .first()
            .map(|e| format!("<div>{}</div>", hc(&e.detail)))
            .unwrap_or_default();
        let _ = writeln!(
            b,
            "<tr><th scope=\"row\">{}</th><td data-label=\"MOF class\">{}</td><td data-label=\"Status\"><span class=\"pill {cls}\">{word}</span></td><td data-label=\"License\">{license}</td><td data-label=\"Evidence\">{detail}{}</td></tr>",
            h(c.component.name()),
            h(&view::component_class(c.component)),
            evidence_list(r, &locs)
        );
    }
    b.push_str("</tbody></table></div>\n</section>\n");

    if !r.evidence.licenses.is_empty() {
        b.push_str("<section id=\"licenses\">\n<h2>Licenses</h2>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">License</th><th scope=\"col\">Tier</th><th scope=\"col\">OSI</th><th scope=\"col\">Match</th></tr></thead><tbody>\n");
        for l in &r.evidence.licenses {
            let modified = if l.modified {
                " <span class=\"pill l1\">modified text</span>"
            } else {
                ""
            };
            let _ = writeln!(
                b,
                "<tr><th scope=\"row\"><code>{}</code></th><td data-label=\"License\"><code>{}</code> {}{modified}</td><td data-label=\"Tier\">{}</td><td data-label=\"OSI\">{}</td><td data-label=\"Match\">{:.0}% <span class=\"tag\">{}</span></td></tr>",
                h(&l.source),
                h(&l.id),
                h(&l.name),
                l.tier.as_str(),
                if l.osi_approved { "yes" } else { "no" },
                l.score * 100.0,
                h(&l.method)
            );
        }
        b.push_str("</tbody></table></div>\n</section>\n");
    }

    let _ = writeln!(
        b,
        "<footer>Rendered by {} {} from a <code>{}</code> report. Renderers never decide: every verdict comes with its evidence.</footer>",
        h(&r.tool.name),
        h(&r.tool.version),
        h(&r.schema)
    );
    page(&format!("glassbox: {} — {cat}", r.target.name), &b)
}

/// Every framework's verdict in one line of pills, linking to its card.
fn glance(r: &Report) -> String {
    let fws = view::frameworks(r);
    if fws.is_empty() {
        return String::new();
    }
    let mut s = String::from("<p class=\"glance\">");
    for f in &fws {
        let _ = write!(
            s,
            "<a href=\"#fw-{}\" class=\"pill {}\">{}: {}</a> ",
            slug(&f.key),
            f.outcome.css(),
            h(&f.key),
            h(&f.headline)
        );
    }
    s.push_str("</p>\n");
    s
}

fn target_meta(r: &Report) -> String {
    let t = &r.target;
    let mut s = format!("Target <code>{}</code> ({})", h(&t.spec), h(&t.kind));
    if let Some(rev) = &t.revision {
        let _ = write!(s, " at <code>{}</code>", h(rev));
    }
    let _ = write!(
        s,
        " · {} files · {} read of {}",
        r.stats.files,
        human_bytes(r.stats.bytes_read),
        human_bytes(r.stats.bytes_total)
    );
    s
}

fn framework_card(b: &mut String, r: &Report, f: &FrameworkView) {
    let o = f.outcome.css();
    let _ = write!(
        b,
        "<article class=\"card {o}\" id=\"fw-{}\">\n<h3>{}</h3>\n<p class=\"headline\"><span class=\"pill {o}\">{}</span></p>\n",
        h(&slug(&f.key)),
        h(&f.title),
        h(&f.headline)
    );
    if let Some(m) = &f.mof {
        b.push_str("<div class=\"bars\">\n");
        mof_bars(b, "Model Openness Tool rules", &m.mot);
        if let Some(s) = &m.strict {
            mof_bars(b, "Strict (type-appropriate licenses)", s);
        }
        b.push_str("</div>\n");
    }
    if let Some(osai) = &f.osai {
        b.push_str(&osai_chart(osai));
    }
    for (title, items) in &f.lists {
        let _ = write!(
            b,
            "<p class=\"listhead\">{}</p>\n<ul class=\"notes\">\n",
            h(title)
        );
        for i in items {
            let _ = writeln!(b, "<li>{}</li>", h(i));
        }
        b.push_str("</ul>\n");
    }
    if !f.unmet.is_empty() || !f.met.is_empty() {
        b.push_str("<ul class=\"reqs\">\n");
        for (cls, reqs) in [("unmet", &f.unmet), ("met", &f.met)] {
            for q in reqs.iter() {
                let reason = if q.reason.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"muted\">— {}</span>", hc(&q.reason))
                };
                let ev = if q.evidence.is_empty() {
                    String::new()
                } else {
                    evidence_list(r, &q.evidence)
                };
                let _ = writeln!(
                    b,
                    "<li class=\"{cls}\"><strong>{}</strong>{reason}{ev}</li>",
                    h(&q.title)
                );
            }
        }
        b.push_str("</ul>\n");
    }
    b.push_str("</article>\n");
}

fn mof_bars(b: &mut String, label: &str, mode: &MofMode) {
    let _ = writeln!(
        b,
        "<div class=\"mode\">{} — <span class=\"reached\">{}</span></div>",
        h(label),
        view::mof_class_name(mode.class)
    );
    for (name, (class, p)) in ["Class III", "Class II", "Class I"]
        .iter()
        .zip([3u8, 2, 1].iter().zip(mode.progress.iter()))
    {
        let pct = p.unwrap_or(0.0).clamp(0.0, 100.0);
        let done = mode.class != 0 && mode.class <= *class;
        let text = p.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "—".into());
        let _ = writeln!(
            b,
            "<div class=\"bar\"><span>{name}</span><div class=\"track\" role=\"img\" aria-label=\"{name} {text}\"><div class=\"fill{}\" style=\"width:{pct:.1}%\"></div></div><span>{text}</span></div>",
            if done || pct >= 100.0 { " done" } else { "" }
        );
    }
}

/// The OSAI dimensions as a horizontal bar chart: open full, partial half, closed a sliver.
fn osai_chart(o: &Osai) -> String {
    const ROW: usize = 22;
    const LABEL_W: f64 = 150.0;
    const BAR_W: f64 = 120.0;
    let n = o.dimensions.len();
    let height = ROW * n + if o.score.is_some() { ROW } else { 4 };
    let mut s = format!(
        "<svg class=\"osai\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"Open Source AI Index dimensions\">\n<title>Open Source AI Index dimensions</title>\n",
        LABEL_W + BAR_W + 56.0
    );
    for (i, d) in o.dimensions.iter().enumerate() {
        let y = i * ROW;
        let (fill, frac) = match d.value() {
            Some(v) if v >= 1.0 => ("#1a7f37", 1.0),
            Some(v) if v > 0.0 => ("#bf8700", v),
            Some(_) => ("#cf222e", 0.04),
            None => ("#8c959f", 0.0),
        };
        let shown = if d.legacy {
            format!("{} (legacy)", d.name)
        } else {
            d.name.clone()
        };
        let _ = write!(
            s,
            "<g><title>{}: {}</title><text x=\"0\" y=\"{}\" font-size=\"11\" fill=\"currentColor\">{}</text>\
<rect x=\"{LABEL_W}\" y=\"{}\" width=\"{BAR_W}\" height=\"12\" rx=\"3\" class=\"trk\" fill=\"#eff2f5\"/>\
<rect x=\"{LABEL_W}\" y=\"{}\" width=\"{:.1}\" height=\"12\" rx=\"3\" fill=\"{fill}\"/>\
<text x=\"{}\" y=\"{}\" font-size=\"10\" class=\"muted\" fill=\"currentColor\">{}</text></g>",
            h(&d.name),
            h(&match &d.reason {
                Some(why) => format!("{} ({why})", d.level),
                None => d.level.clone(),
            }),
            y + 14,
            h(&escape::truncate(&shown, 26)),
            y + 4,
            y + 4,
            BAR_W * frac,
            LABEL_W + BAR_W + 6.0,
            y + 14,
            h(&escape::truncate(&d.level, 12)),
        );
        s.push('\n');
    }
    if let Some(score) = o.score {
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" font-size=\"11\" font-weight=\"700\" fill=\"currentColor\">Index score {:.2} (open 1, partial 0.5, closed 0)</text>",
            n * ROW + 15,
            score
        );
        s.push('\n');
    }
    s.push_str("</svg>\n");
    s
}

/// A list of evidence locations, linked when they have a safe URL.
/// Lineage nodes as nested lists: each model, its licenses, and where they were read.
fn lineage_list(b: &mut String, r: &Report, nodes: &[glassbox_core::LineageNode]) {
    if nodes.is_empty() {
        return;
    }
    b.push_str("<ul>");
    for n in nodes {
        let line = view::lineage_line(n);
        let note = n
            .note
            .as_deref()
            .map(|t| format!(" <span class=\"muted\">{}</span>", h(t)))
            .unwrap_or_default();
        let _ = write!(
            b,
            "<li>{}<code>{}</code> <span class=\"pill lic\">{}</span> <span class=\"tag\">from {}</span>{}{note}",
            h(&line.relation),
            h(&n.model),
            h(&line.licenses),
            h(&line.source),
            evidence_list(r, std::slice::from_ref(&n.location))
        );
        lineage_list(b, r, &n.bases);
        b.push_str("</li>");
    }
    b.push_str("</ul>");
}

pub(crate) fn evidence_list(r: &Report, locs: &[Location]) -> String {
    if locs.is_empty() {
        return "<span class=\"muted\">—</span>".into();
    }
    let mut s = String::from("<ul class=\"ev\">");
    for l in locs.iter().take(CELL_EVIDENCE) {
        let label = format!("<code>{}</code>", h(&view::location_label(l)));
        match view::location_url(r, l) {
            Some(u) => {
                let _ = write!(
                    s,
                    "<li><a href=\"{}\" rel=\"noopener noreferrer nofollow\">{label}</a></li>",
                    h(&u)
                );
            }
            None => {
                let _ = write!(s, "<li>{label}</li>");
            }
        }
    }
    if locs.len() > CELL_EVIDENCE {
        let _ = write!(
            s,
            "<li class=\"muted\">+{} more</li>",
            locs.len() - CELL_EVIDENCE
        );
    }
    s.push_str("</ul>");
    s
}

/// An id fragment made of ASCII letters, digits and dashes only.
pub(crate) fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn has_rows_category_cards_bars_and_chart() {
        let s = render(&sample::open_weights_hub());
        for row in [
            "Model parameters",
            "Training code",
            "Training dataset",
            "Full reproducibility",
            "Transparency",
            "Auditability",
        ] {
            assert!(
                s.contains(&format!("<th scope=\"row\">{row}</th>")),
                "{row}"
            );
        }
        assert!(
            s.contains("<span class=\"cat cat-open-weights\" id=\"category\">open-weights</span>")
        );
        assert_eq!(s.matches("<article class=\"card").count(), 5);
        assert!(s.contains("style=\"width:71.4%\""));
        assert!(s.contains("<svg class=\"osai\""));
        assert!(s.contains("href=\"https://arxiv.org/abs/2401.00001\""));
        assert!(!s.contains("<script"));
        assert!(!s.contains("src=\"http"), "no external assets");
        assert!(!s.contains("href=\"//"));
    }

    #[test]
    fn hostile_text_is_inert() {
        let s = render(&sample::hostile());
        let lower = s.to_ascii_lowercase();
        for bad in [
            "<script",
            "<iframe",
            "<img",
            "<svg onload",
            "<b>x</b>",
            "href=\"javascript:",
            "onmouseover=\"",
        ] {
            assert!(!lower.contains(bad), "{bad} in output");
        }
        assert!(s.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        // The CSP forbids scripts even if escaping had failed.
        assert!(s.contains("default-src 'none'"));
    }

    #[test]
    fn a_report_without_other_verdicts_has_no_cards() {
        let s = render(&sample::restricted_local());
        assert!(!s.contains("id=\"frameworks\""));
        assert!(s.contains("id=\"security\""));
        assert!(s.contains("unsafe-global"));
    }
}
