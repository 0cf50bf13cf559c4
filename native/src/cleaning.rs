//! What the cleaning (`skillterms.text.normalize`) asks of the core: the e-mail addresses of a
//! text, found as the Python it replaced found them (tests/reference/normalize.py keeps it):
//! from each "@", the user part before it (`[\w.+-]{1,64}`, the leftmost start within 64
//! characters and past the address before) and the host after it (`[\w-]+(?:\.[\w-]+)+`).
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::pychars::is_word;

/// The longest user part read back from an "@".
const USER_MAX: usize = 64;

/// The (start, end) of each e-mail address of `text`, left to right, none overlapping.
#[pyfunction]
pub fn mail_address_spans(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    let t = crate::pychars::code_points(text)?; // a lone surrogate, U+FFFD here, is in no address either way
    Ok(text.py().detach(|| addresses(&t)))
}

fn addresses(t: &[char]) -> Vec<(usize, usize)> {
    let user_char = |c: char| is_word(c) || matches!(c, '.' | '+' | '-');
    let host_char = |c: char| is_word(c) || c == '-';
    let mut out = Vec::new();
    let mut pos = 0;
    let mut at = t.iter().position(|&c| c == '@');
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
            .position(|&c| c == '@')
            .map(|k| from + k);
    }
    out
}

/// The end of `[\w-]+(?:\.[\w-]+)+` matched at `p`: a run, then one or more runs each after a dot.
fn host_end(t: &[char], p: usize, host_char: impl Fn(char) -> bool) -> Option<usize> {
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
    while end < t.len() && t[end] == '.' {
        let next = run(end + 1);
        if next == end + 1 {
            break; // a dot with no run after it ends the host before the dot
        }
        end = next;
        groups += 1;
    }
    (groups > 0).then_some(end)
}
