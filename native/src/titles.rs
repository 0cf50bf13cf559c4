//! Whether a concept names a job title or a team ("Machine Learning Engineer", "AI/ML
//! Solutions Developer", "Software Engineer, Machine Learning", "the Data Science team"):
//! `ContextRules`' title reading, read from the candidates the overlap policy kept. The
//! Python it was ported from is the tests' oracle (`tests/reference/titles.py`).
use rustc_hash::FxHashSet as HashSet;

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::phrases::Phrases;
use crate::pychars::{code_points, fold, is_alnum, is_space, is_upper, is_word, lower};

/// Words and terms read after a concept looking for a title word (`TITLE_STEPS`).
const TITLE_STEPS: usize = 6;
/// Capitalised words of any kind that a Title Case title may hold (`TITLE_CAPITALISED`).
const TITLE_CAPITALISED: usize = 2;
/// A bracket inside a title ("(AGI)") closes within this many characters (`TITLE_BRACKET`).
const TITLE_BRACKET: usize = 24;
/// How far back the title word before a concept is looked for ("Engineer, Machine Learning").
const BEFORE_WINDOW: usize = 60;

/// The title words of one set of rule words.
#[pyclass(frozen, module = "skillterms._core")]
pub struct TitleReader {
    title_words: HashSet<String>,
    title_modifiers: HashSet<String>,
    team_practices: HashSet<String>,
    /// "head of", "director of": the title that names what follows it
    title_before: Phrases,
}

#[pymethods]
impl TitleReader {
    /// `RuleWords`' title words, title modifiers and team practices (lowercased), and the
    /// words of each `title_before` phrase (`phrase_words`).
    #[new]
    fn new(
        title_words: Vec<String>,
        title_modifiers: Vec<String>,
        team_practices: Vec<String>,
        title_before: Vec<Vec<String>>,
    ) -> Self {
        TitleReader {
            title_words: title_words.into_iter().collect(),
            title_modifiers: title_modifiers.into_iter().collect(),
            team_practices: team_practices.into_iter().collect(),
            title_before: Phrases::new(&title_before, true),
        }
    }

    /// Of the candidates `asked` (indices into `spans`), those that name a title by the words
    /// before them or after them. `spans` are the (start, end) of every kept candidate of
    /// `text`, sorted by start.
    fn roles(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        spans: Vec<(usize, usize)>,
        asked: Vec<usize>,
    ) -> PyResult<Vec<usize>> {
        let t = code_points(text)?;
        if let Some(&(s, e)) = spans.iter().find(|&&(s, e)| s > e || e > t.len()) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "span ({s}, {e}) is not inside a text of {} characters",
                t.len()
            )));
        }
        Ok(py.detach(|| {
            asked
                .into_iter()
                .filter(|&k| k < spans.len() && self.names_a_role(&t, &spans, k))
                .collect()
        }))
    }
}

impl TitleReader {
    /// Whether candidate `k` of `spans` names a title by the words before it or after it.
    pub(crate) fn names_a_role(&self, t: &[char], spans: &[(usize, usize)], k: usize) -> bool {
        let (start, end) = spans[k];
        self.named_before(t, start, end) || self.named_after(t, spans, k)
    }

    /// Whether the words before the candidate at `start..end` name it a title: "head of Data
    /// Science", "Engineer, Machine Learning". The text alone tells, not the other candidates.
    pub(crate) fn named_before(&self, t: &[char], start: usize, end: usize) -> bool {
        if self.title_before_ends_at(t, start) {
            return true;
        }
        start < end
            && is_upper(t[start])
            && title_word_before(t, start)
                .is_some_and(|word| self.title_words.contains(&lower(word)))
    }

    /// Whether the words after candidate `k` of `spans` (the kept candidates, by start) make
    /// it part of a title: "Machine Learning Engineer", "the Data Science team"; the terms
    /// among them are read as steps.
    pub(crate) fn named_after(&self, t: &[char], spans: &[(usize, usize)], k: usize) -> bool {
        let (start, end) = spans[k];
        let capitalised = start < end && is_upper(t[start]);
        let practice = self.team_practices.contains(&lower(&t[start..end]));
        let n = t.len();
        let (mut at, mut j, mut steps, mut loose) = (end, k + 1, 0, 0);
        let mut joined = false; // right after "&", "/", ",", "and", "or": a title word there is a verb
        while steps < TITLE_STEPS {
            while at < n && matches!(t[at], ' ' | '\t') {
                at += 1;
            }
            if at >= n {
                return false;
            }
            while j < spans.len() && spans[j].0 < at {
                j += 1;
            }
            if j < spans.len() && spans[j].0 == at {
                // another term inside the title
                at = spans[j].1;
                steps += 1;
                joined = false;
                continue;
            }
            let c = t[at];
            if c == ')' {
                // "(AGI) team" read from inside the bracket
                at += 1;
                steps += 1;
                continue;
            }
            if matches!(c, '&' | '/' | ',' | '+') || (c == '-' && at + 1 < n && is_alnum(t[at + 1]))
            {
                at += 1;
                steps += 1;
                joined = true;
                continue;
            }
            if c == '(' {
                // "Artificial General Intelligence (AGI) team"
                let Some(close) = (at..(at + TITLE_BRACKET).min(n)).find(|&i| t[i] == ')') else {
                    return false;
                };
                at = close + 1;
                steps += 1;
                continue;
            }
            let Some(word_end) = title_word_at(t, at) else {
                return false;
            };
            let word = lower(&t[at..word_end]);
            if !joined && self.title_words.contains(&word) {
                // "a Scrum team" works in Scrum
                return !(practice && (word == "team" || word == "teams"));
            }
            joined = word == "and" || word == "or";
            if self.title_modifiers.contains(&word) {
                // a word titles hold ("senior", "lead")
            } else if capitalised && t[at].is_ascii_uppercase() && loose < TITLE_CAPITALISED {
                loose += 1;
            } else {
                return false;
            }
            at = word_end;
            steps += 1;
        }
        false
    }
}

impl TitleReader {
    /// Whether a `title_before` phrase, then `\s+(?:the\s+)?`, ends at `start`, searched in
    /// the 60 characters before it, as `title_before.search(text[start - 60:start])` does.
    fn title_before_ends_at(&self, t: &[char], start: usize) -> bool {
        let lo = start.saturating_sub(BEFORE_WINDOW);
        // every match ends in blanks at `start`: without one there, nothing to search
        if !(lo < start && is_space(t[start - 1])) {
            return false;
        }
        let mut folded = ['\0'; BEFORE_WINDOW];
        for (f, &c) in folded.iter_mut().zip(&t[lo..start]) {
            *f = fold(c);
        }
        let f = &folded[..start - lo];
        let hi = f.len();
        let spaces = |mut i: usize| {
            while i < hi && is_space(f[i]) {
                i += 1;
            }
            i
        };
        let ends_here = |e: usize| {
            let q = spaces(e);
            if q == e {
                return None;
            }
            if q == hi {
                return Some(());
            }
            let r = q + 3;
            (r < hi && f[q..r] == ['t', 'h', 'e'] && spaces(r) == hi && spaces(r) > r).then_some(())
        };
        (0..hi).any(|p| {
            // `(?<![\w-])`: nothing before `lo` is seen
            (p == 0 || !(is_word(t[lo + p - 1]) || t[lo + p - 1] == '-'))
                && self.title_before.may_start(f, p)
                && self
                    .title_before
                    .walk(f, p, hi, &mut |e| ends_here(e))
                    .is_some()
        })
    }
}

/// `_TITLE_WORD` at `at`: `[A-Za-z][\w'’-]*`; where it ends.
fn title_word_at(t: &[char], at: usize) -> Option<usize> {
    if !t.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    let mut e = at + 1;
    while e < t.len() && (is_word(t[e]) || matches!(t[e], '\'' | '’' | '-')) {
        e += 1;
    }
    Some(e)
}

/// `_TITLE_BEFORE_WORD` searched in the 60 characters before `start`:
/// `\b([A-Z][a-z]+)[ \t]*(?:,|-|–|—|\()[ \t]*\Z`; the word ("Engineer, Machine Learning").
fn title_word_before(t: &[char], start: usize) -> Option<&[char]> {
    let lo = start.saturating_sub(BEFORE_WINDOW);
    let blanks_back = |mut i: usize| {
        while i > lo && matches!(t[i - 1], ' ' | '\t') {
            i -= 1;
        }
        i
    };
    let p = blanks_back(start);
    if p == lo || !matches!(t[p - 1], ',' | '-' | '–' | '—' | '(') {
        return None;
    }
    let word_end = blanks_back(p - 1);
    let mut i = word_end;
    while i > lo && t[i - 1].is_ascii_lowercase() {
        i -= 1;
    }
    // the lowercase run must be one or more letters after one capital, at a word boundary
    if i == word_end || i == lo || !t[i - 1].is_ascii_uppercase() {
        return None;
    }
    let capital = i - 1;
    if capital > lo && is_word(t[capital - 1]) {
        return None;
    }
    Some(&t[capital..word_end])
}
