//! Degree clauses: from a degree cue ("BS or MS in", "degree in", "fields such as", "related
//! field (", "Majors:") to the end of its clause ("or a related field", a full stop), where a
//! concept names a field of study. The words are the rule words' `degrees` lists; the rules are
//! those of the two patterns the Python oracle reads them with
//! (`tests/reference/rule_patterns.py`, `degree` and `degree_clause_end`), matched here as
//! Python's `re` matches them: case-insensitively by `re.IGNORECASE`'s folds, `\b` and `\s` as
//! Python has them, alternatives tried in the patterns' order.
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::pychars::{code_points, fold, folded_at, is_space, is_word};

/// How far past a degree noun its "in" or "of" may be.
const NOUN_TO_PREPOSITION: usize = 60;
/// How far past its opening a clause is read for its end.
const CLAUSE_MAX: usize = 160;

/// The degree cues of one set of rule words.
#[pyclass(frozen, module = "skillterms._core")]
pub struct DegreeReader {
    /// degree nouns, longest first ("majoring" before "major")
    nouns: Vec<Vec<char>>,
    /// abbreviations as their capitalised parts, lowercase ("Ph.D": ["ph", "d"]), longest first
    abbreviations: Vec<Vec<Vec<char>>>,
    /// words before "such as", "like", "including", "e.g.", "of study"
    field_words: Vec<Vec<char>>,
    /// words before "("
    bracket_words: Vec<Vec<char>>,
    /// words before ":" or a capital ("Majors: Statistics", "Preferred MajorsData")
    list_nouns: Vec<Vec<char>>,
    /// the words that close a clause, lowercase ("field", "equivalent")
    clause_ends: Vec<Vec<char>>,
}

const FIELD_FOLLOWERS: [&str; 5] = ["such as", "like", "including", "e.g.", "of study"];
const ABBREVIATION_FOLLOWERS: [&str; 6] = ["in", "or", "/", ",", "degree", "("];

#[pymethods]
impl DegreeReader {
    /// Each list lowercase and in the order its pattern tries it (`rulewords.degree_words`).
    #[new]
    fn new(
        nouns: Vec<String>,
        abbreviations: Vec<Vec<String>>,
        field_words: Vec<String>,
        bracket_words: Vec<String>,
        list_nouns: Vec<String>,
        clause_ends: Vec<String>,
    ) -> Self {
        let chars = |words: Vec<String>| words.iter().map(|w| w.chars().collect()).collect();
        DegreeReader {
            nouns: chars(nouns),
            abbreviations: abbreviations.into_iter().map(chars).collect(),
            field_words: chars(field_words),
            bracket_words: chars(bracket_words),
            list_nouns: chars(list_nouns),
            clause_ends: chars(clause_ends),
        }
    }

    /// The degree clauses of `text` opened at the cue offsets `cues` (see `clauses`).
    fn find(&self, text: &Bound<'_, PyString>, cues: Vec<usize>) -> PyResult<Vec<(usize, usize)>> {
        Ok(self.clauses(&code_points(text)?, &cues))
    }
}

impl DegreeReader {
    /// The spans from each cue offset (each once, in order) where a degree cue opens to the end
    /// of its clause: a full stop before a space, a line break or ";", or a clause-closing word,
    /// within `CLAUSE_MAX` characters of the opening's end, else that far (past the text's end,
    /// as the Python gives it).
    pub(crate) fn clauses(&self, t: &[char], cues: &[usize]) -> Vec<(usize, usize)> {
        let mut at: Vec<usize> = cues.to_vec();
        at.sort_unstable();
        at.dedup();
        at.into_iter()
            .filter_map(|a| {
                let end = self.opening(t, a)?;
                Some((
                    a,
                    self.clause_end(t, end)
                        .map_or(end + CLAUSE_MAX, |stop| stop + 1),
                ))
            })
            .collect()
    }

    /// Where a degree cue that opens at `at` ends, if one does.
    fn opening(&self, t: &[char], at: usize) -> Option<usize> {
        for noun in &self.nouns {
            let Some(p) = literal(t, at, noun) else {
                continue;
            };
            // `'?s?`, greedy, in the order backtracking tries them
            let mut ends = Vec::with_capacity(3);
            if t.get(p) == Some(&'\'') {
                if t.get(p + 1).is_some_and(|&c| fold(c) == 's') {
                    ends.push(p + 2);
                }
                ends.push(p + 1);
            } else if t.get(p).is_some_and(|&c| fold(c) == 's') {
                ends.push(p + 1);
            }
            ends.push(p);
            for q in ends {
                if boundary(t, q, t.len()) {
                    if let Some(end) = preposition(t, q) {
                        return Some(end);
                    }
                }
            }
        }
        for parts in &self.abbreviations {
            for q in abbreviation_ends(t, at, parts) {
                if !boundary(t, q, t.len()) {
                    continue;
                }
                let dots = if t.get(q) == Some(&'.') {
                    vec![q + 1, q]
                } else {
                    vec![q]
                };
                for r in dots {
                    if abbreviation_followed(t, r) {
                        if let Some(end) = preposition(t, r) {
                            return Some(end);
                        }
                    }
                }
            }
        }
        for word in &self.field_words {
            let Some(p) = literal(t, at, word) else {
                continue;
            };
            let q = skip_spaces(t, p);
            if q > p {
                if let Some(end) = FIELD_FOLLOWERS.iter().find_map(|w| literal_str(t, q, w)) {
                    return Some(end);
                }
            }
        }
        for word in &self.bracket_words {
            if let Some(p) = literal(t, at, word) {
                let q = skip_spaces(t, p);
                if t.get(q) == Some(&'(') {
                    return Some(q + 1);
                }
            }
        }
        for noun in &self.list_nouns {
            let Some(p) = literal(t, at, noun) else {
                continue;
            };
            let mut ends = Vec::with_capacity(2);
            if t.get(p).is_some_and(|&c| fold(c) == 's') {
                ends.push(p + 1);
            }
            ends.push(p);
            for q in ends {
                // a colon after blanks, or a capital right after (case-sensitive)
                if t.get(skip_spaces(t, q)) == Some(&':')
                    || t.get(q).is_some_and(char::is_ascii_uppercase)
                {
                    return Some(q);
                }
            }
        }
        None
    }

    /// The first end of the clause from `from` on: ". " (a full stop before a space), a line
    /// break or ";", or a closing word (its first letter in either case, then lowercase, no
    /// lowercase ASCII letter after it), the text read as ending `CLAUSE_MAX` past `from`.
    fn clause_end(&self, t: &[char], from: usize) -> Option<usize> {
        let hi = (from + CLAUSE_MAX).min(t.len());
        (from..hi).find(|&p| match t[p] {
            '.' => p + 1 < hi && is_space(t[p + 1]),
            '\n' | ';' => true,
            c => {
                boundary(t, p, hi)
                    && self.clause_ends.iter().any(|word| {
                        let e = p + word.len();
                        e <= hi
                            && (c == word[0] || c == word[0].to_ascii_uppercase())
                            && t[p + 1..e] == word[1..]
                            && !(e < hi && t[e].is_ascii_lowercase())
                    })
            }
        })
    }
}

/// `[^.;\n]{0,60}?\b(?:in|of)\b` from `q`: the end of the nearest "in" or "of".
fn preposition(t: &[char], q: usize) -> Option<usize> {
    for k in 0..=NOUN_TO_PREPOSITION {
        let p = q + k;
        if k > 0 && t.get(p - 1).is_none_or(|c| matches!(c, '.' | ';' | '\n')) {
            return None;
        }
        if boundary(t, p, t.len()) {
            if let Some(end) = literal_str(t, p, "in").or_else(|| literal_str(t, p, "of")) {
                if boundary(t, end, t.len()) {
                    return Some(end);
                }
            }
        }
    }
    None
}

/// The ends of an abbreviation's parts read from `at`, each part after the first allowed an
/// optional "." and then one optional whitespace character, in the order backtracking tries
/// them ("." and space, ".", space, neither).
fn abbreviation_ends(t: &[char], at: usize, parts: &[Vec<char>]) -> Vec<usize> {
    let Some((first, rest)) = parts.split_first() else {
        return Vec::new();
    };
    let mut ends: Vec<usize> = literal(t, at, first).into_iter().collect();
    for part in rest {
        let mut next = Vec::new();
        for p in ends {
            let mut gaps = Vec::with_capacity(4);
            let dot = t.get(p) == Some(&'.');
            let space_at = |i: usize| t.get(i).is_some_and(|&c| is_space(c));
            if dot {
                if space_at(p + 1) {
                    gaps.push(p + 2);
                }
                gaps.push(p + 1);
            }
            if space_at(p) {
                gaps.push(p + 1);
            }
            gaps.push(p);
            next.extend(gaps.into_iter().filter_map(|g| literal(t, g, part)));
        }
        ends = next;
    }
    ends
}

/// `(?=\s*(?:in\b|or\b|/|,|degree|\())` at `r`.
fn abbreviation_followed(t: &[char], r: usize) -> bool {
    let q = skip_spaces(t, r);
    ABBREVIATION_FOLLOWERS
        .iter()
        .any(|w| match literal_str(t, q, w) {
            Some(e) if matches!(*w, "in" | "or") => boundary(t, e, t.len()),
            Some(_) => true,
            None => false,
        })
}

/// Past the whitespace from `p`.
fn skip_spaces(t: &[char], mut p: usize) -> usize {
    while t.get(p).is_some_and(|&c| is_space(c)) {
        p += 1;
    }
    p
}

/// Where `word` ends if the text holds it at `at`, compared as `re.IGNORECASE` does.
fn literal(t: &[char], at: usize, word: &[char]) -> Option<usize> {
    folded_at(t, at, word.iter().copied())
}

fn literal_str(t: &[char], at: usize, word: &str) -> Option<usize> {
    folded_at(t, at, word.chars())
}

/// `\b` at `p` in a text read as ending at `hi`.
fn boundary(t: &[char], p: usize, hi: usize) -> bool {
    let before = p > 0 && p - 1 < hi && is_word(t[p - 1]);
    let after = p < hi && is_word(t[p]);
    before != after
}
