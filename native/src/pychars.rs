//! Python's character and string predicates (`str.isalnum`, `isupper`, `istitle`, ...), so
//! that the core reads text exactly as the Python rules it replaces did. ASCII is answered
//! inline; other code points from a table that the build asked of Python itself (build.rs).

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

fn flags(c: char) -> u8 {
    let cp = c as u32;
    if cp < 0x80 {
        let b = cp as u8;
        return match b {
            b'a'..=b'z' => ALPHA | LOWER,
            b'A'..=b'Z' => ALPHA | UPPER,
            b'0'..=b'9' => DECIMAL | DIGIT | NUMERIC,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f | b' ' => SPACE,
            _ => 0,
        };
    }
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

pub fn is_alpha(c: char) -> bool {
    flags(c) & ALPHA != 0
}

pub fn is_alnum(c: char) -> bool {
    flags(c) & (ALPHA | DECIMAL | DIGIT | NUMERIC) != 0
}

pub fn is_decimal(c: char) -> bool {
    flags(c) & DECIMAL != 0
}

pub fn is_digit(c: char) -> bool {
    flags(c) & DIGIT != 0
}

pub fn is_space(c: char) -> bool {
    flags(c) & SPACE != 0
}

pub fn is_upper(c: char) -> bool {
    flags(c) & UPPER != 0
}

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
        "isupper" => is_upper,
        "islower" => is_lower,
        _ => return None,
    })
}
