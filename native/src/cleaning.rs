//! The cleaning (`skillterms.text.normalize`) in one call per text, every character kept where
//! it was, as the Python it replaced did it (tests/reference/normalize.py keeps that Python as
//! the oracle):
//!
//! - comments and script or style bodies, then tags, blanked; then runs of character entities
//!   decoded;
//! - URLs blanked: `(?:https?|ftp)://[^\s<>"']+` or `www\.[^\s<>"']+`, left to right, but for
//!   the punctuation that closes the sentence or bracket around one;
//! - e-mail addresses blanked: from each "@", the user part before it (`[\w.+-]{1,64}`, the
//!   leftmost start within 64 characters and past the address before) and the host after it
//!   (`[\w-]+(?:\.[\w-]+)+`);
//! - invisible characters (NUL, the soft hyphen, the zero-width ones) blanked;
//! - all but the first `max_run` characters of every longer run without whitespace blanked.
//!
//! One pass over the text tells which of these it needs; most listings need one or two.
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::pychars::{char_of as ch, code_units, is_alnum, is_space, is_word, string_of_units};

/// The longest user part read back from an "@".
const USER_MAX: usize = 64;

/// The (start, end) of each e-mail address of `t`, left to right, none overlapping.
fn addresses(t: &[u32]) -> Vec<(usize, usize)> {
    let user_char =
        |u: u32| is_word(ch(u)) || u == '.' as u32 || u == '+' as u32 || u == '-' as u32;
    let host_char = |u: u32| is_word(ch(u)) || u == '-' as u32;
    let at_sign = '@' as u32;
    let mut out = Vec::new();
    let mut pos = 0;
    let mut at = t.iter().position(|&u| u == at_sign);
    while let Some(a) = at {
        let lo = pos.max(a.saturating_sub(USER_MAX));
        let mut user = a;
        while user > lo && user_char(t[user - 1]) {
            user -= 1;
        }
        if user < a {
            if let Some(end) = host_end(t, a + 1, host_char) {
                out.push((user, end));
                pos = end;
            }
        }
        let from = (a + 1).max(pos);
        at = t[from.min(t.len())..]
            .iter()
            .position(|&u| u == at_sign)
            .map(|k| from + k);
    }
    out
}

/// The end of `[\w-]+(?:\.[\w-]+)+` matched at `p`: a run, then one or more runs each after a dot.
fn host_end(t: &[u32], p: usize, host_char: impl Fn(u32) -> bool) -> Option<usize> {
    let run = |from: usize| {
        let mut e = from;
        while e < t.len() && host_char(t[e]) {
            e += 1;
        }
        e
    };
    let mut end = run(p);
    if end == p {
        return None;
    }
    let mut groups = 0;
    while end < t.len() && t[end] == '.' as u32 {
        let next = run(end + 1);
        if next == end + 1 {
            break; // a dot with no run after it ends the host before the dot
        }
        end = next;
        groups += 1;
    }
    (groups > 0).then_some(end)
}

// ---------------------------------------------------------------------- the cleaning

/// Cleans texts; built once with the names of the block tags (a line break stands for one, so
/// that list items stay apart) and the longest run without whitespace read whole.
#[pyclass(frozen, module = "skillterms._core")]
pub struct Cleaner {
    block_tags: FxHashSet<String>,
    max_run: usize,
}

#[pymethods]
impl Cleaner {
    #[new]
    fn new(block_tags: Vec<String>, max_run: usize) -> Self {
        Cleaner {
            block_tags: block_tags.into_iter().map(|t| t.to_lowercase()).collect(),
            max_run,
        }
    }

    /// `(clean, entity_spans)`, `clean` as long as `text` (`text` itself when nothing needs
    /// cleaning): its comments and script or style bodies, then its tags, blanked (a line
    /// break first for a comment, a body or a block tag); each run of adjacent entities that
    /// `decode` (`html.unescape`) turns into no more characters than they take replaced by
    /// those characters and spaces, the spaces first where the run opens a word ("&#67;++"
    /// reads "C++"); then its URLs, e-mail addresses, invisible characters and the tails of
    /// long runs blanked. `entity_spans` are the runs of entities replaced, in order.
    fn normalize<'py>(
        &self,
        text: &Bound<'py, PyString>,
        decode: &Bound<'py, PyAny>,
    ) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyTuple>)> {
        let py = text.py();
        let cleaned = self.clean(text, decode)?;
        Ok((cleaned.text(text)?, PyTuple::new(py, cleaned.entities)?))
    }
}

/// A text as `Cleaner::normalize` leaves it, before it is a Python str again: what the
/// resolver reads in the same call (`Resolver.mentions`).
pub(crate) struct Cleaned {
    /// the clean text's code points, lone surrogates as they are
    pub units: Vec<u32>,
    /// the runs of entities replaced, in order
    pub entities: Vec<(usize, usize)>,
    changed: bool,
}

impl Cleaned {
    /// The clean text as a str (`original` itself when nothing changed).
    pub fn text<'py>(&self, original: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        if self.changed {
            string_of_units(original.py(), &self.units)
        } else {
            Ok(original.clone())
        }
    }
}

impl Cleaner {
    /// `normalize`, the clean text left as code units.
    pub(crate) fn clean(
        &self,
        text: &Bound<'_, PyString>,
        decode: &Bound<'_, PyAny>,
    ) -> PyResult<Cleaned> {
        let py = text.py();
        let mut units = code_units(text)?;
        let mut needs = Needs::of(&units, self.max_run);
        let mut changed = false;
        let mut runs: Vec<(usize, usize)> = Vec::new();
        if needs.tags {
            changed |= blank_comments_and_raw_text(&mut units);
            changed |= self.blank_tags(&mut units);
        }
        if needs.entities {
            runs = decode_entities(&mut units, decode)?;
            changed |= !runs.is_empty();
        }
        if changed {
            needs = Needs::of(&units, self.max_run); // a decoded entity may be an "@" or a NUL
        }
        let max_run = self.max_run;
        changed |= py.detach(|| {
            let mut blanked = false;
            if needs.url {
                blanked |= blank_urls(&mut units);
            }
            if needs.mail {
                for (start, end) in addresses(&units) {
                    units[start..end].fill(' ' as u32);
                    blanked = true;
                }
            }
            if needs.invisible {
                for u in units.iter_mut().filter(|u| is_invisible(**u)) {
                    *u = ' ' as u32;
                }
                blanked = true;
            }
            if needs.long_run {
                blanked |= cut_long_runs(&mut units, max_run);
            }
            blanked
        });
        Ok(Cleaned {
            units,
            entities: runs,
            changed,
        })
    }
}

/// Which steps of the cleaning a text needs, read in one pass each: a step not needed would
/// leave the text as it is. Passes the compiler turns into vector instructions (the units
/// compared, never looked up; one pass testing for all of them at once was slower, measured).
struct Needs {
    tags: bool,
    entities: bool,
    /// ":/" or "ww" occurs, which every URL's opening holds: the URL search itself tells
    url: bool,
    mail: bool,
    invisible: bool,
    long_run: bool,
}

impl Needs {
    fn of(units: &[u32], max_run: usize) -> Needs {
        let pair = |a: char, b: char| {
            let (a, b) = (a as u32, b as u32);
            let firsts = units[..units.len().saturating_sub(1)].chunks(256);
            let seconds = units.get(1..).unwrap_or_default().chunks(256);
            firsts.zip(seconds).any(|(firsts, seconds)| {
                let pairs = firsts.iter().zip(seconds);
                pairs.fold(false, |seen, (&u, &v)| seen | ((u == a) & (v == b)))
            })
        };
        Needs {
            tags: any_unit(units, |u| u == '<' as u32),
            entities: any_unit(units, |u| u == '&' as u32),
            url: pair(':', '/') || pair('w', 'w'),
            mail: any_unit(units, |u| u == '@' as u32),
            invisible: any_unit(units, |u| (u == 0) | (u >= 0xAD))
                && units.iter().any(|&u| is_invisible(u)),
            long_run: may_hold_a_long_run(units, max_run),
        }
    }
}

/// Whether some unit passes `test`, a block of them at a time (no early exit inside a block,
/// so that a block is tested with vector instructions).
fn any_unit(units: &[u32], test: impl Fn(u32) -> bool) -> bool {
    units
        .chunks(256)
        .any(|block| block.iter().fold(false, |seen, &u| seen | test(u)))
}

/// Whether `u` is one of the invisible characters.
fn is_invisible(u: u32) -> bool {
    matches!(u, 0 | 0xAD | 0x200B..=0x200D | 0x2060 | 0xFEFF)
}

/// Whether some aligned block of half `max_run` units holds no space: any run without
/// whitespace longer than `max_run` covers such a block, and ordinary text has a space in the
/// first few units of every block.
fn may_hold_a_long_run(units: &[u32], max_run: usize) -> bool {
    let step = (max_run / 2).max(1);
    units.len() > max_run
        && units
            .chunks_exact(step)
            .any(|block| !block.contains(&(' ' as u32)))
}

/// Every URL blanked, left to right, as a regex substitution of
/// `(?:https?|ftp)://[^\s<>"']+|www\.[^\s<>"']+` would: at each position the first of its
/// openings that some body follows, the search going on past the URL.
fn blank_urls(units: &mut [u32]) -> bool {
    let n = units.len();
    let is_body = |u: u32| {
        !(u == '<' as u32
            || u == '>' as u32
            || u == '"' as u32
            || u == '\'' as u32
            || is_space(ch(u)))
    };
    let mut changed = false;
    let mut i = 0;
    while i < n {
        let opening = match char::from_u32(units[i]) {
            Some('h') => ["https://", "http://"]
                .into_iter()
                .find(|o| ascii_at(units, i, o, false)),
            Some('f') => Some("ftp://").filter(|o| ascii_at(units, i, o, false)),
            Some('w') => Some("www.").filter(|o| ascii_at(units, i, o, false)),
            _ => None,
        };
        if let Some(opening) = opening {
            let body = i + opening.len();
            let end = units[body..]
                .iter()
                .position(|&u| !is_body(u))
                .map_or(n, |k| body + k);
            if end > body {
                blank_url(units, i, end);
                changed = true;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    changed
}

/// Spaces for the URL at `start..end`, but not for the punctuation that closes the sentence
/// or bracket around it ("(www.acme.ai) is", "see acme.ai/jobs."); a ")" whose "(" the URL
/// holds is its own ("wiki/Go_(language)").
fn blank_url(units: &mut [u32], start: usize, end: usize) {
    let closing = |u: u32| ".,;:!?)]".chars().any(|c| u == c as u32);
    let mut kept = end;
    while kept > start && closing(units[kept - 1]) {
        kept -= 1;
    }
    while kept < end && units[kept] == ')' as u32 && units[start..kept].contains(&('(' as u32)) {
        kept += 1;
    }
    units[start..kept].fill(' ' as u32);
}

/// All but the first `max_run` characters of every longer run without whitespace blanked.
fn cut_long_runs(units: &mut [u32], max_run: usize) -> bool {
    let mut changed = false;
    let mut run_start = 0;
    for i in 0..=units.len() {
        if i == units.len() || is_space(ch(units[i])) {
            if i - run_start > max_run {
                units[run_start + max_run..i].fill(' ' as u32);
                changed = true;
            }
            run_start = i + 1;
        }
    }
    changed
}

/// The first `c` at or after `from`.
fn next_at(units: &[u32], from: usize, c: char) -> Option<usize> {
    let from = from.min(units.len());
    units[from..]
        .iter()
        .position(|&u| u == c as u32)
        .map(|k| from + k)
}

fn is_ascii(u: u32, test: fn(&u8) -> bool) -> bool {
    u < 128 && test(&(u as u8))
}

/// `_blank(text[lo..hi], first)`: `first`, then a line break for each line break and a space
/// for everything else.
fn blank(units: &mut [u32], lo: usize, hi: usize, first: char) {
    if lo >= hi {
        return;
    }
    units[lo] = first as u32;
    for u in &mut units[lo + 1..hi] {
        if *u != '\n' as u32 {
            *u = ' ' as u32;
        }
    }
}

/// Whether `units[at..]` starts with the ASCII `word` (written in lowercase where
/// `ignore_case`, which ignores ASCII case).
fn ascii_at(units: &[u32], at: usize, word: &str, ignore_case: bool) -> bool {
    word.bytes().enumerate().all(|(k, b)| {
        units.get(at + k).is_some_and(|&u| {
            u < 128
                && (if ignore_case {
                    (u as u8).to_ascii_lowercase()
                } else {
                    u as u8
                }) == b
        })
    })
}

/// `ascii_at`, ASCII case ignored.
fn ascii_ci_at(units: &[u32], at: usize, word: &str) -> bool {
    ascii_at(units, at, word, true)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    Comment,
    Script,
    Style,
}

/// `_OPENER` at `i`: `<!--`, or `<script` or `<style` in any ASCII case and not followed by a
/// word character; with where it ends.
fn opener_at(units: &[u32], i: usize) -> Option<(Raw, usize)> {
    if ascii_ci_at(units, i, "<!--") {
        return Some((Raw::Comment, i + 4));
    }
    for (raw, name) in [(Raw::Script, "script"), (Raw::Style, "style")] {
        let end = i + 1 + name.len();
        if units.get(i) == Some(&('<' as u32))
            && ascii_ci_at(units, i + 1, name)
            && units.get(end).is_none_or(|&u| !is_word(ch(u)))
        {
            return Some((raw, end));
        }
    }
    None
}

/// `_CLOSER[kind].search(text, from).end()`: `-->`, or `</script` / `</style` in any ASCII case,
/// spaces, `>`.
fn closer_end(units: &[u32], from: usize, raw: Raw) -> Option<usize> {
    let (first, name) = match raw {
        Raw::Comment => ('-', ""),
        Raw::Script => ('<', "script"),
        Raw::Style => ('<', "style"),
    };
    let mut at = from;
    while let Some(i) = next_at(units, at, first) {
        at = i + 1;
        if raw == Raw::Comment {
            if ascii_ci_at(units, i, "-->") {
                return Some(i + 3);
            }
            continue;
        }
        if !(ascii_ci_at(units, i, "</") && ascii_ci_at(units, i + 2, name)) {
            continue;
        }
        let mut e = i + 2 + name.len();
        while e < units.len() && is_space(ch(units[e])) {
            e += 1;
        }
        if units.get(e) == Some(&('>' as u32)) {
            return Some(e + 1);
        }
    }
    None
}

/// `_strip_comments_and_raw_text`: each comment and script or style body blanked, from its
/// opener to its closer, left to right; an opener whose kind no longer closes stays text.
fn blank_comments_and_raw_text(units: &mut [u32]) -> bool {
    let mut pos = 0;
    let mut unclosed: Vec<Raw> = Vec::new();
    let mut changed = false;
    let mut i = 0;
    while let Some(at) = next_at(units, i, '<') {
        i = at + 1;
        // openers never overlap (each holds one "<", at its start), so every one is a match
        let Some((raw, end)) = opener_at(units, at) else {
            continue;
        };
        i = end;
        if at < pos || unclosed.contains(&raw) {
            continue;
        }
        match closer_end(units, end, raw) {
            Some(close) => {
                blank(units, at, close, '\n');
                pos = close;
                changed = true;
            }
            None => unclosed.push(raw),
        }
    }
    changed
}

impl Cleaner {
    /// `_TAG.sub(_replace_tag, text)`: `</?([A-Za-z][A-Za-z0-9:-]*)(?:\s[^<>]*)?/?>` left to
    /// right, each match blanked. The pattern has one way to match where it does: the name
    /// runs to its last name character, then either a space and everything up to the first
    /// ">" (with no "<" before it), or an optional "/" and ">".
    fn blank_tags(&self, units: &mut [u32]) -> bool {
        let n = units.len();
        let mut changed = false;
        let mut i = 0;
        let mut name = String::new();
        while let Some(at) = next_at(units, i, '<') {
            i = at + 1;
            let mut p = at + 1;
            if units.get(p) == Some(&('/' as u32)) {
                p += 1;
            }
            if !units
                .get(p)
                .is_some_and(|&u| is_ascii(u, u8::is_ascii_alphabetic))
            {
                continue;
            }
            let name_start = p;
            while p < n
                && (is_ascii(units[p], u8::is_ascii_alphanumeric)
                    || units[p] == ':' as u32
                    || units[p] == '-' as u32)
            {
                p += 1;
            }
            let name_end = p;
            let mut end = None;
            if p < n && is_space(ch(units[p])) {
                let stop = (p + 1..n).find(|&q| units[q] == '<' as u32 || units[q] == '>' as u32);
                if let Some(q) = stop.filter(|&q| units[q] == '>' as u32) {
                    end = Some(q + 1);
                }
            }
            if end.is_none() {
                let q = if units.get(p) == Some(&('/' as u32)) {
                    p + 1
                } else {
                    p
                };
                if units.get(q) == Some(&('>' as u32)) {
                    end = Some(q + 1);
                }
            }
            let Some(end) = end else {
                continue;
            };
            name.clear();
            name.extend(
                units[name_start..name_end]
                    .iter()
                    .map(|&u| (u as u8).to_ascii_lowercase() as char),
            );
            let first = if self.block_tags.contains(&name) {
                '\n'
            } else {
                ' '
            };
            blank(units, at, end, first);
            changed = true;
            i = end;
        }
        changed
    }
}

/// `_ENTITY` at `i` (an "&"): `#` and 1 to 7 digits, `#x` and 1 to 6 hex digits (each with an
/// optional ";"), or a letter, 1 to 31 letters or digits and ";"; where it ends.
fn entity_end(units: &[u32], i: usize) -> Option<usize> {
    let run = |from: usize, test: fn(&u8) -> bool, most: usize| {
        let mut e = from;
        while e < units.len() && e - from < most && is_ascii(units[e], test) {
            e += 1;
        }
        e
    };
    let semicolon = |e: usize| {
        if units.get(e) == Some(&(';' as u32)) {
            e + 1
        } else {
            e
        }
    };
    let at = |k: usize| units.get(k).copied();
    if at(i + 1) == Some('#' as u32) {
        let e = run(i + 2, u8::is_ascii_digit, 7);
        if e > i + 2 {
            return Some(semicolon(e));
        }
        if at(i + 2).is_some_and(|u| u == 'x' as u32 || u == 'X' as u32) {
            let e = run(i + 3, u8::is_ascii_hexdigit, 6);
            if e > i + 3 {
                return Some(semicolon(e));
            }
        }
        return None;
    }
    if !at(i + 1).is_some_and(|u| is_ascii(u, u8::is_ascii_alphabetic)) {
        return None;
    }
    let e = run(i + 2, u8::is_ascii_alphanumeric, usize::MAX);
    let letters = e - (i + 2);
    (1..=31).contains(&letters).then_some(())?;
    (at(e) == Some(';' as u32)).then_some(e + 1)
}

/// `_entity_runs` and the replacement of each run: the runs of adjacent entities that decode to
/// no more characters than they take, each replaced in place.
fn decode_entities(units: &mut [u32], decode: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
    let n = units.len();
    let mut decoded_of: FxHashMap<String, Option<Vec<u32>>> = FxHashMap::default();
    // (start, end, decoded) of each run, read before any is replaced
    let mut runs: Vec<(usize, usize, Vec<u32>)> = Vec::new();
    let mut i = 0;
    while let Some(at) = next_at(units, i, '&') {
        i = at + 1;
        let Some(end) = entity_end(units, at) else {
            continue;
        };
        i = end;
        let entity: String = units[at..end].iter().map(|&u| u as u8 as char).collect();
        let decoded = match decoded_of.get(&entity) {
            Some(d) => d.clone(),
            None => {
                let d = code_units(decode.call1((entity.as_str(),))?.cast::<PyString>()?)?;
                // kept only when it changes the entity and fits in its place
                let kept = (d.len() <= end - at
                    && d.iter().copied().ne(units[at..end].iter().copied()))
                .then_some(d);
                decoded_of.insert(entity, kept.clone());
                kept
            }
        };
        let Some(decoded) = decoded else {
            continue;
        };
        match runs.last_mut() {
            Some(run) if run.1 == at => {
                run.1 = end;
                run.2.extend(decoded);
            }
            _ => runs.push((at, end, decoded)),
        }
    }
    for (start, end, decoded) in &runs {
        let (start, end) = (*start, *end);
        let opens_word =
            (start == 0 || !is_alnum(ch(units[start - 1]))) && end < n && !is_space(ch(units[end]));
        let pad = end - start - decoded.len();
        let at = if opens_word { start + pad } else { start };
        units[start..end].fill(' ' as u32);
        units[at..at + decoded.len()].copy_from_slice(decoded);
    }
    Ok(runs.into_iter().map(|(s, e, _)| (s, e)).collect())
}
