//! Character predicates that agree with Python's `str` methods and `re` classes.
//!
//! Rust's `char::is_alphanumeric` and friends follow another Unicode version and other
//! definitions (Python's `isalnum` also counts `isnumeric` characters), so the tables are
//! generated from Python (tools/gen_pychars.py) and checked against it over every code point.
use crate::pychars_table::{ALNUM, ALPHA, FOLD, UNICODE_VERSION, UPPER};

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `str.isspace()`, which is also what `\s` matches in a str pattern.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x20'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `str.isalnum()` for one character.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    in_ranges(ALNUM, c)
}

/// `\w` in a str pattern: `isalnum()` or "_".
pub fn is_word(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// `str.isalpha()` for one character.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(ALPHA, c)
}

/// `str.isupper()` for one character.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(UPPER, c)
}

/// What `re.IGNORECASE` compares `c` as: Python's simple lowercase, then one member of the
/// few sets re treats as one letter ("i"/"ı", "s"/"ſ"...). Two characters match each other
/// case-insensitively exactly when their folds are equal.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = c as u32;
    match FOLD.binary_search_by_key(&cp, |&(from, _)| from) {
        Ok(i) => char::from_u32(FOLD[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

/// For the tests: the Unicode version of the tables, every code point's predicates as flag bytes (1 alpha, 2 alnum, 4 upper,
/// 8 space, 16 word), and the characters whose fold differs from themselves, so that a test
/// can compare them with Python's over the whole range.
#[pyo3::pyfunction]
pub fn char_table(
    py: pyo3::Python<'_>,
) -> (
    &'static str,
    pyo3::Bound<'_, pyo3::types::PyBytes>,
    Vec<(u32, u32)>,
) {
    let mut flags = vec![0u8; 0x11_0000];
    let mut folds = Vec::new();
    for cp in 0..0x11_0000u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let f = u8::from(is_alpha(c))
            | (u8::from(is_alnum(c)) << 1)
            | (u8::from(is_upper(c)) << 2)
            | (u8::from(is_space(c)) << 3)
            | (u8::from(is_word(c)) << 4);
        flags[cp as usize] = f;
        if fold(c) != c {
            folds.push((cp, fold(c) as u32));
        }
    }
    (
        UNICODE_VERSION,
        pyo3::types::PyBytes::new(py, &flags),
        folds,
    )
}
