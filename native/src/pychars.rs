//! Text as Python reads it: its code points, Python's character and string predicates
//! (`str.isalnum`, `isupper`, `istitle`, `re`'s `\w`), and what `re.IGNORECASE` compares a
//! character as, so that the core reads text exactly as the Python rules it replaces did.
//! ASCII is answered inline; other code points from tables the build asked of the Python it
//! builds for (build.rs), so they hold for that Python's Unicode version.

use pyo3::prelude::*;
use pyo3::types::PyString;

mod table {
    include!(concat!(env!("OUT_DIR"), "/pychars_table.rs"));
}

const ALPHA: u8 = 1;
const DECIMAL: u8 = 1 << 1;
const DIGIT: u8 = 1 << 2;
const NUMERIC: u8 = 1 << 3;
const SPACE: u8 = 1 << 4;
const UPPER: u8 = 1 << 5;
const LOWER: u8 = 1 << 6;
const TITLE: u8 = 1 << 7;

/// The flags of the ASCII code points, by table: one load instead of a chain of range tests.
static ASCII_FLAGS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' => ALPHA | LOWER,
            b'A'..=b'Z' => ALPHA | UPPER,
            b'0'..=b'9' => DECIMAL | DIGIT | NUMERIC,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f | b' ' => SPACE,
            _ => 0,
        };
        b += 1;
    }
    t
};

// Inline: the predicates run per character of every text, almost all of them ASCII.
#[inline(always)]
fn flags(c: char) -> u8 {
    let cp = c as u32;
    if cp < 0x80 {
        return ASCII_FLAGS[cp as usize];
    }
    low_flags(cp)
}

/// Code points below this are answered from a table built once from the ranges (Latin,
/// Greek, Cyrillic, general punctuation: the non-ASCII characters listings hold most).
const LOW_TABLE: u32 = 0x3000;

fn low_flags(cp: u32) -> u8 {
    static LOW: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    if cp >= LOW_TABLE {
        return table_flags(cp);
    }
    LOW.get_or_init(|| (0..LOW_TABLE).map(table_flags).collect())[cp as usize]
}

fn table_flags(cp: u32) -> u8 {
    let ranges = &table::RANGES;
    match ranges.binary_search_by(|&(lo, hi, _)| {
        if hi < cp {
            std::cmp::Ordering::Less
        } else if lo > cp {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => ranges[i].2,
        Err(_) => 0,
    }
}

/// `\w` in a str pattern: `isalnum()` or "_".
#[inline]
pub fn is_word(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// What `re.IGNORECASE` compares `c` as: Python's simple lowercase, then one member of the few
/// sets `re` treats as one letter ("i"/"ı", "s"/"ſ", "k"/"K"). Two characters match each
/// other case-insensitively exactly when their folds are equal.
#[inline]
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    table_fold(c)
}

fn table_fold(c: char) -> char {
    let cp = c as u32;
    match table::FOLDS.binary_search_by_key(&cp, |&(from, _)| from) {
        Ok(i) => char::from_u32(table::FOLDS[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

/// Where `word` ends if `t` holds it at `at`, compared as `re.IGNORECASE` compares characters
/// (by their folds).
pub fn folded_at(t: &[char], at: usize, word: impl IntoIterator<Item = char>) -> Option<usize> {
    let mut p = at;
    for w in word {
        if t.get(p).is_none_or(|&c| fold(c) != fold(w)) {
            return None;
        }
        p += 1;
    }
    Some(p)
}

/// `rulewords.lowercase(text)`: `text.lower()` with every character where it was ("İ", whose
/// lowercase is two characters, stays; beside it capital sigma is "σ"), or None when the text
/// holds a capital sigma and no "İ": then its lowercase depends on its neighbours (final sigma),
/// and Python's own `str.lower()` is asked.
pub fn lowercase(t: &[char]) -> Option<Vec<char>> {
    const CAPITAL_SIGMA: char = '\u{3a3}';
    const DOTTED_CAPITAL_I: char = '\u{130}';
    let dotted = t.contains(&DOTTED_CAPITAL_I);
    if !dotted && t.contains(&CAPITAL_SIGMA) {
        return None;
    }
    Some(
        t.iter()
            .map(|&c| match c {
                _ if c.is_ascii() => c.to_ascii_lowercase(),
                DOTTED_CAPITAL_I => c,
                CAPITAL_SIGMA => '\u{3c3}',
                _ => match table::LOWERS.binary_search_by_key(&(c as u32), |&(from, _)| from) {
                    Ok(i) => char::from_u32(table::LOWERS[i].1).unwrap_or(c),
                    Err(_) => c,
                },
            })
            .collect(),
    )
}

/// `rulewords.lowercase(text)` of a Python str whose code points are `t`; `text` gives the
/// str, made only where `str.lower` must be asked (a text the core holds as code points may
/// be no str yet).
pub fn lowercase_of<'py>(
    text: impl FnOnce() -> PyResult<Bound<'py, PyString>>,
    t: &[char],
) -> PyResult<Vec<char>> {
    match lowercase(t) {
        Some(low) => Ok(low),
        None => code_points(text()?.call_method0("lower")?.cast::<PyString>()?),
    }
}

/// The code points of a Python str, as Python counts them. A lone surrogate (which no UTF-8
/// can carry) stands as U+FFFD, which Python's classes treat alike: neither letter, digit,
/// space nor cased, and it matches no rule word. Copied from the str's own storage (one,
/// two or four bytes a code point), never through an encoding: a text full of surrogates
/// costs what any other does.
pub fn code_points(text: &Bound<'_, PyString>) -> PyResult<Vec<char>> {
    Ok(code_units(text)?.into_iter().map(char_of).collect())
}

/// A code point as the core reads it: a lone surrogate stands as U+FFFD (see `code_points`).
#[inline]
pub fn char_of(unit: u32) -> char {
    char::from_u32(unit).unwrap_or('\u{FFFD}')
}

/// The code points of a str as numbers, lone surrogates as they are.
pub fn code_units(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    // SAFETY: `text` is a live str; PyUnicode_GetLength and PyUnicode_AsUCS4 read it and write
    // at most `n` code points into the buffer (no NUL: copy_null is 0), or return -1 / NULL
    // with an exception set.
    let n = unsafe { pyo3::ffi::PyUnicode_GetLength(text.as_ptr()) };
    if n < 0 {
        return Err(PyErr::fetch(text.py()));
    }
    let mut units: Vec<u32> = vec![0; n as usize];
    if n > 0 {
        let written =
            unsafe { pyo3::ffi::PyUnicode_AsUCS4(text.as_ptr(), units.as_mut_ptr(), n, 0) };
        if written.is_null() {
            return Err(PyErr::fetch(text.py()));
        }
    }
    Ok(units)
}

/// The str of these code points, lone surrogates kept (the inverse of `code_units`).
pub fn string_of_units<'py>(py: Python<'py>, units: &[u32]) -> PyResult<Bound<'py, PyString>> {
    let n = units.len() as pyo3::ffi::Py_ssize_t;
    // SAFETY: the buffer holds `n` code points. Where wchar_t is four bytes, PyUnicode_FromWideChar
    // copies code points as they are, surrogates too; where it is two (Windows) the UTF-32
    // decoder is asked instead, with "surrogatepass" for lone surrogates. Both return a new
    // reference or NULL with an exception set.
    unsafe {
        #[cfg(not(windows))]
        let made = pyo3::ffi::PyUnicode_FromWideChar(units.as_ptr().cast(), n);
        #[cfg(windows)]
        let made = {
            let mut order: std::ffi::c_int = -1; // little-endian, as the buffer is
            pyo3::ffi::PyUnicode_DecodeUTF32(
                units.as_ptr().cast(),
                n * 4,
                c"surrogatepass".as_ptr(),
                &mut order,
            )
        };
        Ok(Bound::from_owned_ptr_or_err(py, made)?.cast_into_unchecked())
    }
}

/// `str.lower()` of a word, as the readers compare words with their lowercase rule words
/// (the characters that lowercase to ASCII do so alike in Python and Rust).
pub fn lower(word: &[char]) -> String {
    if word.iter().all(char::is_ascii) {
        return word.iter().map(char::to_ascii_lowercase).collect(); // the same, in one pass
    }
    word.iter().collect::<String>().to_lowercase()
}

/// A line boundary of `str.splitlines()`: `\n`, `\r`, `\x0b`, `\x0c`, `\x1c`-`\x1e`, `\x85`,
/// U+2028, U+2029. Tested per character of every text: the control characters by one mask.
#[inline]
pub const fn is_line_break(c: char) -> bool {
    const CONTROLS: u32 =
        1 << 0x0a | 1 << 0x0b | 1 << 0x0c | 1 << 0x0d | 1 << 0x1c | 1 << 0x1d | 1 << 0x1e;
    let u = c as u32;
    if u < 32 {
        return CONTROLS >> u & 1 != 0;
    }
    matches!(u, 0x85 | 0x2028 | 0x2029)
}

#[inline]
pub fn is_alpha(c: char) -> bool {
    flags(c) & ALPHA != 0
}

#[inline]
pub fn is_alnum(c: char) -> bool {
    flags(c) & (ALPHA | DECIMAL | DIGIT | NUMERIC) != 0
}

#[inline]
pub fn is_decimal(c: char) -> bool {
    flags(c) & DECIMAL != 0
}

#[inline]
pub fn is_digit(c: char) -> bool {
    flags(c) & DIGIT != 0
}

#[inline]
pub fn is_space(c: char) -> bool {
    flags(c) & SPACE != 0
}

#[inline]
pub fn is_upper(c: char) -> bool {
    flags(c) & UPPER != 0
}

#[inline]
pub fn is_lower(c: char) -> bool {
    flags(c) & LOWER != 0
}

/// `str.isupper()`: some cased character, and none lowercase or titlecase.
pub fn str_is_upper(s: &[char]) -> bool {
    only_cased_as(s, UPPER, LOWER | TITLE)
}

/// `str.islower()`: some cased character, and none uppercase or titlecase.
pub fn str_is_lower(s: &[char]) -> bool {
    only_cased_as(s, LOWER, UPPER | TITLE)
}

/// Some character with the case `wanted`, and none with a case in `other`.
fn only_cased_as(s: &[char], wanted: u8, other: u8) -> bool {
    let mut cased = false;
    for &c in s {
        let f = flags(c);
        if f & other != 0 {
            return false;
        }
        cased |= f & wanted != 0;
    }
    cased
}

/// `str.istitle()`: uppercase or titlecase only after uncased characters, lowercase only after
/// cased ones, and some cased character.
pub fn str_is_title(s: &[char]) -> bool {
    let mut cased = false;
    let mut previous_cased = false;
    for &c in s {
        let f = flags(c);
        if f & (UPPER | TITLE) != 0 {
            if previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else if f & LOWER != 0 {
            if !previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
}

pub fn str_all(s: &[char], test: fn(char) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&c| test(c))
}

/// The predicates by name, for the test that holds them to Python's own on every code point.
pub fn by_name(name: &str) -> Option<fn(char) -> bool> {
    Some(match name {
        "isalpha" => is_alpha,
        "isalnum" => is_alnum,
        "isdecimal" => is_decimal,
        "isdigit" => is_digit,
        "isspace" => is_space,
        "isword" => is_word,
        "isupper" => is_upper,
        "islower" => is_lower,
        _ => return None,
    })
}

/// The characters whose fold differs from themselves, with their folds.
pub fn folds() -> Vec<(u32, u32)> {
    table::FOLDS.to_vec()
}
