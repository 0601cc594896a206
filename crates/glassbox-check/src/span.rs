//! Byte offsets to lines and columns, for policy errors and TOML values.

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
