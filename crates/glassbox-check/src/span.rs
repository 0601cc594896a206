//! Byte offsets to lines and columns, and to the TOML key at an offset, for policy errors and
//! TOML values.

/// Line starts of a text, to turn byte offsets into 1-based line and column.
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// 1-based line and column (in bytes) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        let i = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let col = u32::try_from(offset - self.starts[i] + 1).unwrap_or(u32::MAX);
        (line, col)
    }
}

/// The dotted key whose key or value holds byte `offset` (`policy.scan`, `exceptions[0].expires`).
pub(crate) fn toml_key_at(text: &str, offset: usize) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let mut path: Vec<String> = Vec::new();
    let mut table: &DeTable<'_> = doc.get_ref();
    // Follow the one key (or array item) that encloses the offset; each step goes one level down.
    'descend: for _ in 0..64 {
        for (k, v) in table.iter() {
            let in_key = k.span().contains(&offset);
            let in_value = v.span().contains(&offset) || contains(v.get_ref(), offset);
            if !(in_key || in_value) {
                continue;
            }
            path.push(k.get_ref().to_string());
            if in_key {
                break 'descend;
            }
            match v.get_ref() {
                DeValue::Table(t) => {
                    table = t;
                    continue 'descend;
                }
                DeValue::Array(a) => {
                    for (i, item) in a.iter().enumerate() {
                        if item.span().contains(&offset) || contains(item.get_ref(), offset) {
                            if let Some(last) = path.last_mut() {
                                last.push_str(&format!("[{i}]"));
                            }
                            if let DeValue::Table(t) = item.get_ref() {
                                table = t;
                                continue 'descend;
                            }
                        }
                    }
                    break 'descend;
                }
                _ => break 'descend,
            }
        }
        break;
    }
    (!path.is_empty()).then(|| path.join("."))
}

/// Whether any key or value inside a table or array holds `offset` (a table written with a
/// `[header]` has a span of its header only; its keys are elsewhere).
fn contains(v: &toml::de::DeValue<'_>, offset: usize) -> bool {
    use toml::de::DeValue;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            DeValue::Table(t) => {
                for (k, x) in t.iter() {
                    if k.span().contains(&offset) || x.span().contains(&offset) {
                        return true;
                    }
                    stack.push(x.get_ref());
                }
            }
            DeValue::Array(a) => {
                for x in a.iter() {
                    if x.span().contains(&offset) {
                        return true;
                    }
                    stack.push(x.get_ref());
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn offsets_map_to_lines_and_columns() {
        let l = super::Lines::new("ab\ncd\n\nx");
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(4), (2, 2));
        assert_eq!(l.line_col(6), (3, 1));
        assert_eq!(l.line_col(7), (4, 1));
    }
}
