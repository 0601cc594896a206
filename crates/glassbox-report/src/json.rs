//! The versioned JSON report: one object for one target, an array for several.

use std::io;

use glassbox_core::Report;
use serde::Serialize;
use serde_json::ser::Formatter;

/// Renders reports as pretty JSON (an object for one, an array for several).
pub fn render(reports: &[Report]) -> String {
    let mut out = Vec::new();
    if reports.len() == 1 {
        write_pretty(&reports[0], 0, &mut out);
    } else {
        write_pretty(reports, 0, &mut out);
    }
    out.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

/// Renders one report as an element of the pretty array [`render`] writes for several reports
/// (indented one level, no trailing newline), so that a batch can stream reports one by one
/// and still write exactly what `render` of the whole slice would.
pub fn render_element(report: &Report, out: &mut Vec<u8>) {
    out.extend_from_slice(b"  ");
    write_pretty(report, 1, out);
}

fn write_pretty<T: Serialize + ?Sized>(value: &T, level: usize, out: &mut Vec<u8>) {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::at(level));
    // Reports are plain data written to memory: serialising cannot fail.
    let _ = value.serialize(&mut ser);
}

/// `serde_json::ser::PrettyFormatter` (two-space indent) that can start at a nesting level.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn at(level: usize) -> Self {
        Pretty {
            level,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_serde_json_pretty_output() {
        let reports = vec![
            crate::sample::open_weights_hub(),
            crate::sample::restricted_local(),
        ];
        let expected = serde_json::to_string_pretty(&reports).unwrap() + "\n";
        assert_eq!(render(&reports), expected);
        let one = serde_json::to_string_pretty(&reports[0]).unwrap() + "\n";
        assert_eq!(render(&reports[..1]), one);
        let mut streamed = b"[\n".to_vec();
        for (i, r) in reports.iter().enumerate() {
            if i > 0 {
                streamed.extend_from_slice(b",\n");
            }
            render_element(r, &mut streamed);
        }
        streamed.extend_from_slice(b"\n]\n");
        assert_eq!(String::from_utf8(streamed).unwrap(), expected);
    }

    #[test]
    fn empty_containers_stay_on_one_line() {
        let v = serde_json::json!({"a": [], "b": {}, "c": [1, {"d": []}]});
        let mut out = Vec::new();
        write_pretty(&v, 0, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
