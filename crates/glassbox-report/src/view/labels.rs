//! Short labels shared by the renderers.

use glassbox_core::Component;

/// A label for a seed row level: 2 open, 1 in between, 0 closed.
pub fn level_symbol(level: u8) -> &'static str {
    match level {
        2 => "✅",
        1 => "🟡",
        _ => "❌",
    }
}

/// The MOF class and content type of a component, as a short label (`III · code`).
pub fn component_class(c: Component) -> String {
    let class = match c.mof_class() {
        3 => "III",
        2 => "II",
        _ => "I",
    };
    let ct = match c.content_type() {
        glassbox_core::ContentType::Code => "code",
        glassbox_core::ContentType::Data => "data",
        glassbox_core::ContentType::Document => "document",
    };
    format!("{class} · {ct}")
}
