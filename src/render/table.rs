//! The CCPA table as data every renderer shares, and its plain-text layout.

use unicode_width::UnicodeWidthStr;

use crate::doc::Ccpa;
use crate::model::Field;

/// Headings and cell texts, row by row, in the columns the policy chose.
pub struct Grid {
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Whether the first column names the row (the category), for `<th scope="row">`.
    pub row_headers: bool,
}

impl Grid {
    pub fn ccpa(ccpa: &Ccpa) -> Grid {
        Grid {
            headings: ccpa.columns.iter().map(|(_, h)| h.clone()).collect(),
            rows: ccpa
                .rows
                .iter()
                .map(|r| ccpa.columns.iter().map(|(f, _)| r.cell(*f)).collect())
                .collect(),
            row_headers: ccpa
                .columns
                .first()
                .is_some_and(|(f, _)| *f == Field::Category),
        }
    }
}

const GUTTER: &str = "  ";

/// Lays a grid out as aligned text no wider than `width` display columns
/// (0 = as wide as it needs), wrapping cells inside their columns.
pub fn layout(grid: &Grid, width: usize) -> String {
    let n = grid.headings.len();
    if n == 0 {
        return String::new();
    }
    let all_rows = std::iter::once(&grid.headings).chain(&grid.rows);
    let mut natural = vec![1; n];
    let mut longest_word = vec![1; n];
    for row in all_rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            natural[i] = natural[i].max(cell.width());
            let word = cell
                .split_whitespace()
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(1);
            longest_word[i] = longest_word[i].max(word.min(20));
        }
    }
    let widths = fit(
        &natural,
        &longest_word,
        width.saturating_sub(GUTTER.len() * (n - 1)),
        width == 0,
    );
    let mut out = String::new();
    let wrapped_rows: Vec<Vec<Vec<String>>> =
        grid.rows.iter().map(|r| wrap_row(r, &widths)).collect();
    let spaced = wrapped_rows.iter().any(|r| r.iter().any(|c| c.len() > 1));
    push_lines(&mut out, &wrap_row(&grid.headings, &widths), &widths);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(rule.join(GUTTER).trim_end());
    out.push('\n');
    for (i, row) in wrapped_rows.iter().enumerate() {
        if spaced && i > 0 {
            out.push('\n');
        }
        push_lines(&mut out, row, &widths);
    }
    out
}

/// Column widths that fit `avail`: shrink the widest column, one column at a
/// time, but not below its longest word unless nothing else is left.
fn fit(natural: &[usize], floor: &[usize], avail: usize, unlimited: bool) -> Vec<usize> {
    let mut widths = natural.to_vec();
    if unlimited {
        return widths;
    }
    while widths.iter().sum::<usize>() > avail {
        let shrinkable = (0..widths.len())
            .filter(|&i| widths[i] > floor[i])
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        let any = (0..widths.len())
            .filter(|&i| widths[i] > 4)
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match shrinkable.or(any) {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    widths
}

fn wrap_row(row: &[String], widths: &[usize]) -> Vec<Vec<String>> {
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let cell = row.get(i).map_or("", String::as_str);
            let options = textwrap::Options::new(*w).break_words(true);
            textwrap::wrap(cell, options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect()
        })
        .collect()
}

fn push_lines(out: &mut String, cells: &[Vec<String>], widths: &[usize]) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line in 0..height {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let part = cell.get(line).map_or("", String::as_str);
            if i > 0 {
                text.push_str(GUTTER);
            }
            text.push_str(part);
            text.push_str(&" ".repeat(widths[i].saturating_sub(part.width())));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            headings: rows[0].iter().map(|s| s.to_string()).collect(),
            rows: rows[1..]
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
            row_headers: true,
        }
    }

    #[test]
    fn aligns_columns_by_display_width() {
        let g = grid(&[&["Kind", "Collected"], &["名前", "Yes"], &["Email", "No"]]);
        assert_eq!(
            layout(&g, 80),
            "Kind   Collected\n-----  ---------\n名前   Yes\nEmail  No\n"
        );
    }

    #[test]
    fn wraps_cells_to_fit_the_width() {
        let long = "word ".repeat(30);
        let g = grid(&[&["Kind", "Examples"], &["Identifiers", long.trim()]]);
        let text = layout(&g, 40);
        assert!(text.lines().all(|l| l.width() <= 40), "{text}");
        assert!(text.lines().count() > 4, "{text}");
    }
}
