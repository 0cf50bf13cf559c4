//! `skillterms.resolve.regions.find_regions`, compiled: the regions of a listing where terms
//! do not count (header line, title lines, team lists, sections, company sentences, legal
//! sentences, employer names and mentions).
//!
//! The Python module documents the rules; this one reproduces them exactly, down to where
//! each regular expression matches. Python's `re` semantics are hand-coded (Rust's regex
//! crate has no lookaround, and its `\s`, `\w` and case folding differ), offsets are code
//! points, and the rule words come from rules.yaml through the caller. The Python
//! implementation kept as tests/reference/regions.py is the oracle the tests compare with.
use std::borrow::Cow;
use std::collections::HashMap;

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use rustc_hash::FxHashSet;

use crate::phrases::{head_code, Phrases};
use crate::pychars::{
    code_points, fold, is_alnum, is_alpha, is_line_break, is_space, is_upper, is_word, lowercase_of,
};

const HEADER_LINE_MAX: usize = 600;
const HEADER_FIELD_MAX: usize = 120;
const TITLE_LINE_MAX: usize = 100;
const MENTION_ITEMS_MAX: usize = 12;
const LEGAL_REACH: usize = 300;

/// The kinds of region, as the Python side names them (`REGION_KINDS` in regions.py, same order;
/// `Mention` stays the last).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    EmployerField = 0,
    Header = 1,
    Title = 2,
    TeamList = 3,
    Company = 4,
    Benefits = 5,
    Legal = 6,
    EmployerName = 7,
    Mention = 8,
}

impl Kind {
    pub(crate) fn concepts_only(self) -> bool {
        matches!(
            self,
            Kind::Header | Kind::Title | Kind::TeamList | Kind::Company
        )
    }
}

pub(crate) type Region = (usize, usize, Kind);

/// A section heading's kind; the order is that of the kind names as strings, which is how
/// Python sorts the headings found at one place.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Benefits,
    Company,
    Job,
    Legal,
}

pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '●' | '▪' | '■' | '◦' | '·')
}

pub(crate) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The text of one call, in the forms the patterns read it.
struct Doc<'a> {
    /// the text, one code point each
    t: &'a [char],
    /// the text as case-insensitive patterns compare it
    f: Cow<'a, [char]>,
    /// `rulewords.lowercase(text)`, which the lowercase patterns search
    low: &'a [char],
    n: usize,
    term_starts: &'a FxHashSet<usize>,
    /// where a word starts in `t` (and `f`) and in `low`: the only places a phrase that
    /// starts with a word character can match after a prefix that refuses one before it
    word_starts: Vec<usize>,
    low_word_starts: Vec<usize>,
    /// the `head_code` of each word start in `f`, and in `low`
    word_codes: Vec<u32>,
    low_word_codes: Vec<u32>,
    /// where each line break (`is_line_break`) is
    line_breaks: Vec<usize>,
    /// each ASCII capital after one of `[a-z.:;!?)]` (`glue_char`)
    glued: Vec<usize>,
    /// where a sentence may end (`sentence_mark`), in order
    sentence_marks: Vec<usize>,
}

impl Doc<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.t.get(i).copied()
    }

    /// Past a run of characters that satisfy `pred`, from `i` and before `hi`.
    fn skip(&self, mut i: usize, hi: usize, pred: impl Fn(char) -> bool) -> usize {
        let hi = hi.min(self.n);
        while i < hi && pred(self.t[i]) {
            i += 1;
        }
        i
    }

    fn blanks(&self, i: usize, hi: usize) -> usize {
        self.skip(i, hi, is_blank)
    }

    /// Whether the text at `i` is `s`, exactly (nothing read at or past `hi`).
    fn is_at(&self, i: usize, hi: usize, s: &str) -> bool {
        starts_with(self.t, i, hi.min(self.n), s)
    }

    /// The same, case-insensitively (`s` is lowercase ASCII).
    fn is_at_folded(&self, i: usize, hi: usize, s: &str) -> bool {
        starts_with(&self.f, i, hi.min(self.n), s)
    }

    /// `(?![\w])` at `i`, the text ending at `hi`.
    fn no_word_at(&self, i: usize, hi: usize) -> bool {
        i >= hi.min(self.n) || !is_word(self.t[i])
    }

    /// The word starts of `low` (when `on_low`, else of the text and `f`) from `pos` on, with
    /// their head codes (in `low`, else in `f`).
    fn word_starts_from(&self, pos: usize, on_low: bool) -> Starts<'_> {
        let (offsets, codes) = if on_low {
            (&self.low_word_starts, &self.low_word_codes)
        } else {
            (&self.word_starts, &self.word_codes)
        };
        let from = offsets.partition_point(|&p| p < pos);
        Starts {
            offsets: &offsets[from..],
            codes: &codes[from..],
            next: 0,
        }
    }

    fn find_line_break(&self, from: usize, hi: usize) -> Option<usize> {
        let hi = hi.min(self.n);
        (from..hi).find(|&i| is_line_break(self.t[i]))
    }
}

/// A walk forward through word starts that passes over those where a phrase list cannot
/// start, as their first four characters tell (a few bits per start, not a look at the text).
struct Starts<'a> {
    offsets: &'a [usize],
    codes: &'a [u32],
    next: usize,
}

impl Starts<'_> {
    /// The first word start in `p..hi` (asked with `p` never falling) where `phrases` may
    /// start, as far as its first four characters tell (any start, without `phrases`). The walk
    /// stops at `hi`: a search within one sentence must not read the word starts of the rest
    /// of the text (which made a long text of short sentences quadratic).
    fn next_from(&mut self, p: usize, hi: usize, phrases: Option<&Phrases>) -> Option<usize> {
        while let Some(&o) = self.offsets.get(self.next) {
            if o >= hi {
                return None;
            }
            if o >= p
                && phrases.is_none_or(|ph| ph.may_start_head(self.codes[self.next]) != Some(false))
            {
                return Some(o);
            }
            self.next += 1;
        }
        None
    }
}

/// Whether `chars[i..hi]` starts with `s`.
fn starts_with(chars: &[char], i: usize, hi: usize, s: &str) -> bool {
    let mut rest = chars.get(i..hi).unwrap_or(&[]).iter();
    s.chars().all(|c| rest.next() == Some(&c))
}

/// A compiled phrase list with the prefix and suffix `build_rule_words` gives it.
struct Rule {
    phrases: Phrases,
}

impl Rule {
    fn cmp<'d>(&self, doc: &'d Doc<'_>, on_low: bool) -> &'d [char] {
        if on_low {
            doc.low
        } else if self.phrases.ignore_case {
            &doc.f
        } else {
            doc.t
        }
    }
}

/// The region finder for one set of rule words.
#[pyclass(frozen, module = "skillterms._core")]
pub struct RegionFinder {
    header_words: Rule,
    team_lists: Rule,
    title_labels: Rule,
    sections: [(Section, Rule); 4],
    company_named: Rule,
    legal_phrases: Rule,
    company_starts: Rule,
    company_name_verbs: Rule,
    mention_cues: Rule,
    company_mention_cues: Rule,
    employer_verbs: Rule,
    company_references: Rule,
    job_sentence_words: Rule,
    job_sentence_starts: Rule,
    common_words: FxHashSet<String>,
    /// the longest common word's length, when every one is ASCII (else `None`)
    common_ascii_len: Option<usize>,
}

#[pymethods]
impl RegionFinder {
    /// `lists` maps each list name to its phrases, each the lowercased words that
    /// `phrase_pattern` reads from it; `common_words` is `wordlist.common_words()`.
    #[new]
    fn new(lists: HashMap<String, Vec<Vec<String>>>, common_words: Vec<String>) -> PyResult<Self> {
        let rule = |name: &str, ignore_case: bool| -> PyResult<Rule> {
            let phrases = lists.get(name).ok_or_else(|| {
                PyKeyError::new_err(format!("no word list `{name}` for the region finder"))
            })?;
            Ok(Rule {
                phrases: Phrases::new(phrases, ignore_case),
            })
        };
        Ok(RegionFinder {
            header_words: rule("header_words", true)?,
            team_lists: rule("team_list_words", true)?,
            title_labels: rule("title_labels", true)?,
            sections: [
                (Section::Job, rule("sections.job", true)?),
                (Section::Company, rule("sections.company", true)?),
                (Section::Benefits, rule("sections.benefits", true)?),
                (Section::Legal, rule("sections.legal", true)?),
            ],
            company_named: rule("sections.company_named", true)?,
            legal_phrases: rule("legal_phrases", false)?,
            company_starts: rule("company_starts", true)?,
            company_name_verbs: rule("company_name_verbs", true)?,
            mention_cues: rule("mention_cues", false)?,
            company_mention_cues: rule("company_mention_cues", false)?,
            employer_verbs: rule("employer_verbs", true)?,
            company_references: rule("company_references", true)?,
            job_sentence_words: rule("job_sentences.words", true)?,
            job_sentence_starts: rule("job_sentences.starts", true)?,
            common_ascii_len: common_words
                .iter()
                .all(|w| w.is_ascii())
                .then(|| common_words.iter().map(String::len).max().unwrap_or(0)),
            common_words: common_words.into_iter().collect(),
        })
    }

    /// Every region of `text` as `(start, end, kind)`, in the order the Python function
    /// lists them before `Regions` sorts them; `term_starts` are where the candidates kept start.
    fn find(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        term_starts: FxHashSet<usize>,
    ) -> PyResult<Vec<(usize, usize, u8)>> {
        let t = code_points(text)?;
        let low = lowercase_of(|| Ok(text.clone()), &t)?;
        let found = py.detach(|| self.regions(&t, &low, &term_starts));
        Ok(found.into_iter().map(|(s, e, k)| (s, e, k as u8)).collect())
    }
}

impl RegionFinder {
    pub(crate) fn regions(
        &self,
        t: &[char],
        low: &[char],
        term_starts: &FxHashSet<usize>,
    ) -> Vec<Region> {
        debug_assert_eq!(
            low.len(),
            t.len(),
            "lowercase() keeps every character where it was"
        );
        // The folds, the word starts (of the text and of `low`), the line breaks and the glued
        // starts, in one pass. An ASCII character folds and lowercases to its ASCII lowercase,
        // a word character either way: the folds are `low` and the two lists of word starts
        // one list, unless a character past ASCII says otherwise (few texts have one).
        let n = t.len();
        let mut starts = vec![0usize; n / 2 + 1]; // no two word starts are neighbours
        let mut count = 0;
        let mut after_word = false;
        let mut breaks = Vec::new();
        let mut glued = Vec::new();
        let mut marks = Vec::new();
        let mut past_ascii = Vec::new();
        let mut after_glue = false;
        for (i, &c) in t.iter().enumerate() {
            // whether `c` is a word character, and whether a word starts at it after a
            // non-word character (past ASCII, its fold may be one where it is not)
            let (word, starts_word);
            if let Some(&class) = ASCII_CLASSES.get(c as usize) {
                if class & (UPPER | BREAK | MARK) != 0 {
                    if class & UPPER == 0 {
                        if class & BREAK != 0 {
                            breaks.push(i);
                        }
                        marks.push(i);
                    } else if after_glue {
                        glued.push(i);
                    }
                }
                after_glue = class & GLUE != 0;
                word = class & WORD != 0;
                starts_word = word;
            } else {
                if is_line_break(c) {
                    breaks.push(i);
                    marks.push(i);
                } else if is_bullet(c) {
                    marks.push(i);
                }
                after_glue = false;
                past_ascii.push(i);
                word = is_word(c);
                starts_word = word || is_word(fold(c));
            }
            // stored unconditionally, kept by the count: no branch to mispredict at each word
            starts[count] = i;
            count += (starts_word & !after_word) as usize;
            after_word = word;
        }
        starts.truncate(count);
        let folds_differ = past_ascii.iter().any(|&i| fold(t[i]) != low[i]);
        let f: Cow<'_, [char]> = if folds_differ {
            let mut f = low.to_vec();
            for &i in &past_ascii {
                f[i] = fold(t[i]);
            }
            Cow::Owned(f)
        } else {
            Cow::Borrowed(low)
        };
        // `low`'s word starts are the text's unless a character past ASCII lowercases to
        // another one, or only its fold is a word character
        let low_differs = past_ascii
            .iter()
            .any(|&i| low[i] != t[i] || (!is_word(t[i]) && is_word(fold(t[i]))));
        let low_starts = if low_differs {
            let mut low_starts = Vec::with_capacity(starts.len());
            let mut after_low_word = false;
            for (i, &l) in low.iter().enumerate() {
                let low_word = is_word(l);
                if low_word && !after_low_word {
                    low_starts.push(i);
                }
                after_low_word = low_word;
            }
            low_starts
        } else {
            starts.clone()
        };
        let word_codes: Vec<u32> = starts.iter().map(|&p| head_code(&f, p)).collect();
        let low_word_codes = if folds_differ || low_differs {
            low_starts.iter().map(|&p| head_code(low, p)).collect()
        } else {
            word_codes.clone() // the same starts in the same characters
        };
        let doc = Doc {
            word_starts: starts,
            low_word_starts: low_starts,
            word_codes,
            low_word_codes,
            f,
            n: t.len(),
            t,
            low,
            term_starts,
            line_breaks: breaks,
            glued,
            sentence_marks: marks,
        };
        let sentences = sentence_spans(&doc);
        let mut regions = self.header(&doc);
        let lead_from = regions.last().map(|r| r.1);
        let lines = line_starts(&doc);
        regions.extend(self.title_lines(&doc, &lines));
        regions.extend(self.team_lists(&doc));
        regions.extend(self.sections(&doc, &sentences, &lines));
        let company = self.sentences(&doc, &sentences, lead_from);
        regions.extend(company.iter().copied());
        regions.extend(self.employer_names(&doc, &sentences));
        regions.extend(self.mentions(&doc, &self.mention_cues));
        // the company mentions count inside a concepts-only company region only
        if company.iter().any(|c| c.2.concepts_only()) {
            regions.extend(
                self.mentions(&doc, &self.company_mention_cues)
                    .into_iter()
                    .filter(|r| {
                        company
                            .iter()
                            .any(|c| c.2.concepts_only() && c.0 <= r.0 && r.0 < c.1)
                    }),
            );
        }
        regions
    }

    // ------------------------------------------------------------------ phrase searches

    /// `rule.search` (or a `match` at `pos` when `anchored`) with a zero-width prefix and the
    /// usual `(?![...])` suffix; `lo` is where the searched string starts (lookbehind sees
    /// nothing before it), `hi` where it ends. Returns (start, end).
    #[allow(clippy::too_many_arguments)]
    fn find_phrase(
        &self,
        doc: &Doc<'_>,
        rule: &Rule,
        on_low: bool,
        lo: usize,
        pos: usize,
        hi: usize,
        prefix: Prefix,
        suffix: Suffix,
        anchored: bool,
    ) -> Option<(usize, usize)> {
        let hi = hi.min(doc.n);
        let cmp = rule.cmp(doc, on_low);
        let raw: &[char] = if on_low { doc.low } else { doc.t };
        let try_at = |p: usize| {
            if !(rule.phrases.may_start(cmp, p) && prefix.holds(raw, lo, p, hi)) {
                return None;
            }
            let mut cont = |e: usize| {
                if suffix.holds(raw, e, hi) {
                    Some(e)
                } else {
                    None
                }
            };
            rule.phrases.walk(cmp, p, hi, &mut cont).map(|e| (p, e))
        };
        if anchored {
            return if pos < hi { try_at(pos) } else { None };
        }
        if !(prefix.refuses_a_word_before() && rule.phrases.word_first) {
            return (pos..hi).find_map(try_at);
        }
        // Past `lo` the prefix refuses a word character before the phrase, whose first
        // character is one: only a word start can begin a match.
        if pos == lo && pos < hi {
            if let Some(found) = try_at(pos) {
                return Some(found);
            }
        }
        // the head codes are read in `f` or `low`: a list compared as written passes them by
        let by_heads = (on_low || rule.phrases.ignore_case).then_some(&rule.phrases);
        let mut starts = doc.word_starts_from(pos, on_low);
        while let Some(p) = starts.next_from(pos, hi, by_heads) {
            if let Some(found) = try_at(p) {
                return Some(found);
            }
            starts.next += 1;
        }
        None
    }

    // ------------------------------------------------------------------ header line

    fn header(&self, doc: &Doc<'_>) -> Vec<Region> {
        let n = doc.n;
        let line_end = doc
            .find_line_break(0, HEADER_LINE_MAX)
            .unwrap_or(HEADER_LINE_MAX.min(n));
        let bars: Vec<usize> = (0..line_end).filter(|&i| doc.t[i] == '|').collect();
        if bars.len() < 2 {
            return Vec::new();
        }
        let header_word = self.find_phrase(
            doc,
            &self.header_words,
            false,
            0,
            0,
            line_end,
            Prefix::NotAfter(Lookaround::WordOrHyphen),
            Suffix::NotBefore(Lookaround::Word),
            false,
        );
        if header_word.is_none() {
            return Vec::new();
        }
        let last = bars[bars.len() - 1] + 1;
        let mut end = last + HEADER_FIELD_MAX;
        let hi = end.min(n);
        let lead = if doc.at(last).is_some_and(is_blank) {
            last + 1
        } else {
            last
        };
        let blank = blank_run(doc, lead, hi);
        let found = [
            glue_point(doc, (lead + 1).min(n), hi),
            blank.map(|b| b.0),
            doc.find_line_break(last, hi),
            (lead..hi).find(|&i| doc.t[i] == '.' && i + 1 < hi && is_space(doc.t[i + 1])),
        ];
        for start in found.into_iter().flatten() {
            end = end.min(start);
        }
        if let Some((start, stop)) = blank {
            if start == lead {
                end = stop; // the last field is a blanked address
            }
        }
        let end = end.min(n);
        vec![
            (0, bars[0], Kind::EmployerField),
            (bars[0], end, Kind::Header),
        ]
    }

    // ------------------------------------------------------------------ title lines, team lists

    fn title_label(&self, doc: &Doc<'_>, start: usize) -> Option<usize> {
        let n = doc.n;
        let most = doc.skip(start, n, |c| {
            is_blank(c) || c == '*' || c == '-' || is_bullet(c)
        });
        let mut cont = |e: usize| {
            let q = doc.blanks(e, n);
            if doc.at(q) == Some(':') {
                return Some(q + 1);
            }
            // `(?=[A-Z][a-z])` under IGNORECASE: a letter of either case, twice
            let letter = |i: usize| doc.f.get(i).is_some_and(|c| c.is_ascii_lowercase());
            if letter(e) && letter(e + 1) {
                return Some(e);
            }
            None
        };
        (start..=most)
            .rev()
            .find_map(|at| self.title_labels.phrases.walk(&doc.f, at, n, &mut cont))
    }

    fn title_lines(&self, doc: &Doc<'_>, lines: &[usize]) -> Vec<Region> {
        let mut out = Vec::new();
        let starts = lines
            .iter()
            .map(|&at| (at, false))
            .chain(doc.glued.iter().map(|&at| (at, true)));
        for (start, is_glued) in starts {
            let Some(m_end) = self.title_label(doc, start) else {
                continue;
            };
            let limit = doc.n.min(m_end + TITLE_LINE_MAX);
            let mut end = doc.find_line_break(m_end, limit).unwrap_or(limit);
            if is_glued || m_end == 0 || doc.t[m_end - 1] != ':' {
                if let Some(g) = glued_search(doc, m_end, end) {
                    end = g;
                }
            }
            out.push((m_end, end, Kind::Title));
        }
        out
    }

    fn team_lists(&self, doc: &Doc<'_>) -> Vec<Region> {
        let mut out = Vec::new();
        let n = doc.n;
        let word_first = self.team_lists.phrases.word_first;
        let mut starts = doc.word_starts_from(0, false); // read in `f`, as the list is
        let mut p = 0;
        while p < n {
            if word_first {
                // the prefix refuses a word character before the phrase, which starts with one
                match starts.next_from(p, n, Some(&self.team_lists.phrases)) {
                    Some(start) => p = start,
                    None => break,
                }
            }
            let mut found = None;
            if self.team_lists.phrases.may_start(&doc.f, p)
                && Prefix::NotAfter(Lookaround::WordOrHyphen).holds(doc.t, 0, p, n)
            {
                let mut cont = |e: usize| team_list_tail(doc, e);
                found = self.team_lists.phrases.walk(&doc.f, p, n, &mut cont);
            }
            match found {
                Some((end, group)) => {
                    out.push((group.0, group.1, Kind::TeamList));
                    p = end.max(p + 1);
                }
                None => p += 1,
            }
        }
        out
    }

    // ------------------------------------------------------------------ sections

    fn heading_at(&self, doc: &Doc<'_>, at: usize) -> Option<(Section, usize)> {
        let n = doc.n;
        for (kind, rule) in &self.sections {
            let m = rule.phrases.walk(&doc.f, at, n, &mut Some);
            if let Some(e) = m {
                if e == n || !is_alnum(doc.t[e]) || is_upper(doc.t[e]) {
                    if let Some(tail) = heading_tail(doc, e) {
                        return Some((*kind, tail));
                    }
                }
            }
        }
        let mut spaces = |e: usize| {
            let q = doc.blanks(e, n);
            if q > e {
                Some(q)
            } else {
                None
            }
        };
        let m_end = self
            .company_named
            .phrases
            .walk(&doc.f, at, n, &mut spaces)?;
        let name_end = name_at(doc, m_end, n)?;
        let tail = heading_tail(doc, name_end)?;
        let said = (name_end..tail).any(|i| !is_space(doc.t[i]));
        if said || tail == n || matches!(doc.t[tail], '\n' | '\r') {
            return Some((Section::Company, tail));
        }
        None
    }

    fn sections(
        &self,
        doc: &Doc<'_>,
        sentences: &[(usize, usize)],
        lines: &[usize],
    ) -> Vec<Region> {
        let mut headings: Vec<(usize, Section, usize)> = Vec::new();
        for &start in lines {
            if let Some((kind, end)) = self.heading_at(doc, start) {
                headings.push((start, kind, end));
            } else if !headings.is_empty() && any_heading(doc, start) {
                headings.push((start, Section::Job, start));
            }
        }
        let seen: FxHashSet<usize> = headings.iter().map(|h| h.0).collect();
        for &at in &doc.glued {
            if !seen.contains(&at) {
                if let Some((kind, end)) = self.heading_at(doc, at) {
                    headings.push((at, kind, end));
                }
            }
        }
        headings.sort();
        let mut out = Vec::new();
        for (i, &(start, kind, heading_end)) in headings.iter().enumerate() {
            let (region, longest) = match kind {
                Section::Job => continue,
                Section::Company => (Kind::Company, 1500),
                Section::Benefits => (Kind::Benefits, 2000),
                Section::Legal => (Kind::Legal, 3000),
            };
            let next = headings.get(i + 1).map_or(doc.n, |h| h.0);
            let stop = next.min(start + longest).min(self.first_job_sentence(
                doc,
                sentences,
                heading_end,
                next,
            ));
            out.push((start, stop, region));
        }
        out
    }

    fn first_job_sentence(
        &self,
        doc: &Doc<'_>,
        sentences: &[(usize, usize)],
        after: usize,
        stop: usize,
    ) -> usize {
        let k = sentences
            .partition_point(|s| s.0 <= after)
            .saturating_sub(1);
        for &(start, end) in &sentences[k..] {
            if start >= stop {
                break;
            }
            let start = start.max(after);
            if end <= start {
                continue;
            }
            if self.is_job_sentence(doc, start, end) {
                return start;
            }
        }
        stop
    }

    // ------------------------------------------------------------------ sentences

    /// Read as a slice of the text: nothing before `start` is seen.
    fn is_job_sentence(&self, doc: &Doc<'_>, start: usize, end: usize) -> bool {
        let lead = lead_end(doc, start, end);
        self.find_phrase(
            doc,
            &self.job_sentence_words,
            false,
            start,
            start,
            end,
            Prefix::NotAfter(Lookaround::WordQuoteHyphen),
            Suffix::NotBefore(Lookaround::WordQuoteHyphen),
            false,
        )
        .is_some()
            || self
                .find_phrase(
                    doc,
                    &self.job_sentence_starts,
                    false,
                    start,
                    lead,
                    end,
                    Prefix::Nothing,
                    Suffix::NotBefore(Lookaround::Word),
                    true,
                )
                .is_some()
    }

    /// Whether a sentence starts by describing the company: `None` if not, else the span of
    /// the company's name where the sentence gives one.
    fn describes_company(
        &self,
        doc: &Doc<'_>,
        start: usize,
        end: usize,
    ) -> Option<Option<(usize, usize)>> {
        let mut at = lead_end(doc, start, end);
        let word = Suffix::NotBefore(Lookaround::Word);
        if self
            .find_phrase(
                doc,
                &self.company_starts,
                false,
                0,
                at,
                end,
                Prefix::Nothing,
                word,
                true,
            )
            .is_some()
        {
            return Some(None);
        }
        if doc.is_at(at, doc.n, "At ") || doc.is_at(at, doc.n, "at ") {
            at += 3;
            if let Some(name_end) = name_at(doc, at, end) {
                if at_name_we(doc, name_end, end) {
                    return Some(Some((at, name_end)));
                }
            }
        }
        let name_end = name_at(doc, at, end)?;
        if doc.term_starts.contains(&at) {
            return None;
        }
        let name = &doc.t[at..name_end];
        let first = name.iter().position(|&c| is_space(c)).unwrap_or(name.len());
        if !name.contains(&' ') && self.is_common(&doc.low[at..at + first]) {
            return None; // "Experience is a plus": a common word alone is no company name
        }
        let mut after = name_end;
        if let Some(paren) = parenthetical(doc, after, end) {
            after = paren;
        }
        if after < end && !matches!(doc.t[after], ' ' | '\t' | '\'' | '’') {
            return None;
        }
        let from = if doc.at(after).is_some_and(is_blank) {
            after + 1
        } else {
            after
        };
        if from > end {
            return None;
        }
        let (_, verb_end) = self.find_phrase(
            doc,
            &self.company_name_verbs,
            false,
            0,
            from,
            end,
            Prefix::Nothing,
            word,
            true,
        )?;
        if not_a_description(doc, verb_end, end) {
            return None;
        }
        Some(Some((at, name_end)))
    }

    /// `name.lower() in common_words()`, read from the lowercased text: the words are
    /// lowercase ASCII, and the only characters whose lowercase is ASCII lowercase to one
    /// character each, as `lowercase` keeps them.
    fn is_common(&self, low: &[char]) -> bool {
        if let Some(longest) = self.common_ascii_len {
            // ASCII words only: a longer or non-ASCII name is none of them, and a short ASCII
            // one is spelled on the stack
            let mut buf = [0u8; 64];
            if low.len() > longest || !low.iter().all(char::is_ascii) {
                return false;
            }
            if low.len() <= buf.len() {
                for (b, &c) in buf.iter_mut().zip(low) {
                    *b = c as u8;
                }
                return std::str::from_utf8(&buf[..low.len()])
                    .is_ok_and(|word| self.common_words.contains(word));
            }
        }
        let word: String = low.iter().collect();
        self.common_words.contains(&word)
    }

    fn refers_to_company(
        &self,
        doc: &Doc<'_>,
        start: usize,
        end: usize,
        names: &[(usize, usize)],
    ) -> bool {
        let reference = self.find_phrase(
            doc,
            &self.company_references,
            false,
            start,
            start,
            end,
            Prefix::NotAfter(Lookaround::WordQuoteHyphen),
            Suffix::NotBefore(Lookaround::WordQuoteHyphen),
            false,
        );
        if reference.is_some() {
            return true;
        }
        let sentence = &doc.t[start..end];
        names.iter().any(|&(s, e)| {
            let name = &doc.t[s..e];
            // the first character settles most windows, without a slice comparison
            !name.is_empty()
                && sentence
                    .windows(name.len())
                    .any(|w| w[0] == name[0] && w[1..] == name[1..])
        })
    }

    fn sentences(
        &self,
        doc: &Doc<'_>,
        sentences: &[(usize, usize)],
        mut lead_from: Option<usize>,
    ) -> Vec<Region> {
        let mut out = Vec::new();
        let breaks = paragraph_breaks(doc);
        let (mut run, mut lead, mut first) = (false, false, true);
        let mut names: Vec<(usize, usize)> = Vec::new();
        let mut prev_end = 0usize;
        for &(start, end) in sentences {
            let has_alpha = doc.t[start..end].iter().any(|&c| is_alpha(c));
            let opening = first && has_alpha;
            first = first && !has_alpha;
            let k = breaks.partition_point(|&b| b <= start);
            if k > 0 && breaks[k - 1] + 1 >= prev_end {
                run = false;
            }
            prev_end = end;
            let legal = self.find_phrase(
                doc,
                &self.legal_phrases,
                true,
                0,
                start,
                end,
                Prefix::Boundary,
                Suffix::NotBefore(Lookaround::Word),
                false,
            );
            if let Some((s, e)) = legal {
                out.push((
                    start.max(s.saturating_sub(LEGAL_REACH)),
                    end.min(e + LEGAL_REACH),
                    Kind::Legal,
                ));
                continue;
            }
            if lead_from.is_some_and(|from| start >= from) {
                run = true;
                lead = true;
                lead_from = None;
            }
            if let Some(name) = self.describes_company(doc, start, end) {
                lead = lead || opening;
                run = true;
                if let Some(span) = name {
                    if span.1 > span.0 {
                        names.push(span);
                    }
                }
            } else if run
                && (self.is_job_sentence(doc, start, end)
                    || (!lead && !self.refers_to_company(doc, start, end, &names)))
            {
                run = false;
            }
            if !run {
                lead = false;
            }
            if run {
                out.push((start, end, Kind::Company));
            }
        }
        out
    }

    fn employer_names(&self, doc: &Doc<'_>, sentences: &[(usize, usize)]) -> Vec<Region> {
        let mut out = Vec::new();
        for &(start, end) in sentences {
            let at = lead_end(doc, start, end);
            if doc.is_at(at, doc.n, "At ") || doc.is_at(at, doc.n, "at ") {
                if let Some(name_end) = name_at(doc, at + 3, end) {
                    if at_name_we(doc, name_end, end) {
                        out.push((at + 3, name_end, Kind::EmployerName));
                    }
                }
                continue;
            }
            let Some(name_end) = name_at(doc, at, end) else {
                continue;
            };
            if doc.term_starts.contains(&at)
                || (!doc.t[at..name_end].contains(&' ') && self.is_common(&doc.low[at..name_end]))
            {
                continue; // "Engineers are seeking ...": a common word alone is no company name
            }
            let most = doc.blanks(name_end, end);
            let word = Suffix::NotBefore(Lookaround::Word);
            let verb = (name_end + 1..=most).rev().any(|from| {
                self.find_phrase(
                    doc,
                    &self.employer_verbs,
                    false,
                    0,
                    from,
                    end,
                    Prefix::Nothing,
                    word,
                    true,
                )
                .is_some()
            });
            if verb {
                out.push((at, name_end, Kind::EmployerName));
            }
        }
        out
    }

    // ------------------------------------------------------------------ mentions

    fn mentions(&self, doc: &Doc<'_>, cues: &Rule) -> Vec<Region> {
        let mut out = Vec::new();
        let n = doc.n;
        let word_first = cues.phrases.word_first;
        let mut starts = doc.word_starts_from(0, true);
        let mut p = 0;
        while p < n {
            if word_first {
                // the prefix refuses a word character before the phrase, which starts with one
                match starts.next_from(p, n, Some(&cues.phrases)) {
                    Some(start) => p = start,
                    None => break,
                }
            }
            let cue =
                if cues.phrases.may_start(doc.low, p) && Prefix::Boundary.holds(doc.low, 0, p, n) {
                    cues.phrases.walk(doc.low, p, n, &mut Some)
                } else {
                    None
                };
            let Some(cue_end) = cue else {
                p += 1;
                continue;
            };
            let mut at = mention_lead(doc, cue_end);
            let mut end = at;
            for _ in 0..MENTION_ITEMS_MAX {
                let Some(item_end) = mention_item(doc, at) else {
                    break;
                };
                end = item_end;
                match mention_sep(doc, end) {
                    Some(sep) if sep != end => at = sep,
                    _ => break,
                }
            }
            if end > cue_end {
                out.push((p, end, Kind::Mention));
            }
            p = cue_end.max(p + 1);
        }
        out
    }
}

// ---------------------------------------------------------------------- lookarounds

#[derive(Clone, Copy)]
enum Lookaround {
    /// `[\w]`
    Word,
    /// `[\w-]`
    WordOrHyphen,
    /// `[\w'’-]`
    WordQuoteHyphen,
}

impl Lookaround {
    fn holds(self, c: char) -> bool {
        match self {
            Lookaround::Word => is_word(c),
            Lookaround::WordOrHyphen => is_word(c) || c == '-',
            Lookaround::WordQuoteHyphen => is_word(c) || matches!(c, '\'' | '’' | '-'),
        }
    }
}

/// A zero-width prefix of a phrase pattern.
#[derive(Clone, Copy)]
enum Prefix {
    Nothing,
    /// `(?<![...])`
    NotAfter(Lookaround),
    /// `\b` (the phrases start with a word character, so: no word character before)
    Boundary,
}

impl Prefix {
    /// Whether the prefix fails after a word character wherever the phrase starts with one.
    fn refuses_a_word_before(self) -> bool {
        !matches!(self, Prefix::Nothing)
    }

    /// At `p` of `raw`, whose searched string starts at `lo` and ends at `hi`.
    fn holds(self, raw: &[char], lo: usize, p: usize, hi: usize) -> bool {
        let before = if p > lo {
            raw.get(p - 1).copied()
        } else {
            None
        };
        match self {
            Prefix::Nothing => true,
            Prefix::NotAfter(class) => !before.is_some_and(|c| class.holds(c)),
            Prefix::Boundary => {
                let after = if p < hi { raw.get(p).copied() } else { None };
                before.is_some_and(is_word) != after.is_some_and(is_word)
            }
        }
    }
}

/// A zero-width suffix of a phrase pattern.
#[derive(Clone, Copy)]
enum Suffix {
    /// `(?![...])`
    NotBefore(Lookaround),
}

impl Suffix {
    fn holds(self, raw: &[char], e: usize, hi: usize) -> bool {
        match self {
            Suffix::NotBefore(class) => !(e < hi && raw.get(e).is_some_and(|&c| class.holds(c))),
        }
    }
}

// ---------------------------------------------------------------------- the fixed patterns

/// `_SENTENCE_END` and `_SENTENCE_GLUE`, then the spans `_sentence_spans` yields.
fn sentence_spans(doc: &Doc<'_>) -> Vec<(usize, usize)> {
    let (t, n) = (&doc.t, doc.n);
    let az = |i: usize| t.get(i).is_some_and(|c| c.is_ascii_lowercase());
    let cap = |i: usize| t.get(i).is_some_and(|c| c.is_ascii_uppercase());
    let mut ends: Vec<(usize, usize)> = Vec::new();
    // The pattern is searched left to right, each match going on past its end. A match
    // starts at a sentence mark, or at a space before a "*" or "-" mark: those are the only
    // positions tried, in order, each unless a match before it reached past it.
    let mut p_min = 0;
    for &m in &doc.sentence_marks {
        let c = t[m];
        let span = match c {
            '.' | '!' | '?' => {
                let ok = match t.get(m + 1) {
                    None => true,
                    Some(&d) => {
                        is_space(d)
                            || matches!(d, '"' | '\'' | '’' | '”' | ')' | ']')
                            || (cap(m + 1) && az(m + 2))
                    }
                };
                ok.then_some((m, m + 1))
            }
            '*' | '-' => {
                (m >= 1 && is_space(t[m - 1]) && t.get(m + 1).is_some_and(|&d| is_space(d)))
                    .then_some((m - 1, m + 2))
            }
            _ => Some((m, m + 1)), // a line break or a bullet
        };
        if let Some((p, e)) = span {
            if p >= p_min {
                ends.push((p, e));
                p_min = e;
            }
        }
    }
    if !doc.glued.is_empty() {
        // `(?:[a-z]{3}|\))(?=[A-Z][a-z]+[ \t'’])`, searched left to right, ends at each
        // capital `q` that starts such a word after three lowercase letters or a ")": a match
        // skips only lowercase letters, which neither a capital nor a ")" is, so none is
        // missed, and none is found twice (a letter is not a ")"). Such a capital follows a
        // lowercase letter or a ")", so it is one of the glued capitals.
        for &q in &doc.glued {
            let after_three = q >= 3 && az(q - 3) && az(q - 2) && az(q - 1);
            if !(after_three || t[q - 1] == ')') {
                continue;
            }
            let mut r = q + 1;
            while az(r) {
                r += 1;
            }
            if r > q + 1
                && t.get(r)
                    .is_some_and(|&c| matches!(c, ' ' | '\t' | '\'' | '’'))
            {
                ends.push((q, q));
            }
        }
        ends.sort_by_key(|span| span.1);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (first, end) in ends {
        if end <= start {
            continue;
        }
        if first > start {
            out.push((start, end));
        }
        start = end;
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// `_line_starts`: where each line's text starts, past bullets and indentation.
fn line_starts(doc: &Doc<'_>) -> Vec<usize> {
    std::iter::once(0)
        .chain(doc.line_breaks.iter().map(|&i| i + 1))
        .map(|at| {
            doc.skip(at, doc.n, |c| {
                is_blank(c) || matches!(c, '*' | '>' | '#' | '-') || is_bullet(c)
            })
        })
        .collect()
}

/// One past each `[a-z.:;!?)]` before a capital (`_glued_starts`) is found in the pass that
/// folds the text.
const fn glue_char(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, '.' | ':' | ';' | '!' | '?' | ')')
}

// What the first pass over a text asks of an ASCII character, answered by one load: it runs
// per character of every text, and testing each in turn took a fifth of the regions' time.
const WORD: u8 = 1;
const UPPER: u8 = 2;
const GLUE: u8 = 4;
const BREAK: u8 = 8;
/// `.`, `!`, `?`, `*`, `-`: where a sentence may end (`sentence_spans`)
const MARK: u8 = 16;

const fn bit(on: bool, class: u8) -> u8 {
    if on {
        class
    } else {
        0
    }
}

static ASCII_CLASSES: [u8; 128] = {
    let mut classes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        // `is_word` on ASCII (the test below holds them equal)
        let word = c == '_' || c.is_ascii_alphanumeric();
        classes[b] = bit(word, WORD)
            | bit(c.is_ascii_uppercase(), UPPER)
            | bit(glue_char(c), GLUE)
            | bit(is_line_break(c), BREAK)
            | bit(matches!(c, '.' | '!' | '?' | '*' | '-'), MARK);
        b += 1;
    }
    classes
};

/// `_GLUED_STARTS.search(text, pos, hi).end()`.
fn glued_search(doc: &Doc<'_>, pos: usize, hi: usize) -> Option<usize> {
    let hi = hi.min(doc.n);
    (pos..hi.saturating_sub(1))
        .find(|&i| glue_char(doc.t[i]) && doc.t[i + 1].is_ascii_uppercase())
        .map(|i| i + 1)
}

/// `_GLUE.search(text, pos, hi).start()`: where scraped text glued two runs of words.
fn glue_point(doc: &Doc<'_>, pos: usize, hi: usize) -> Option<usize> {
    let t = &doc.t;
    let hi = hi.min(doc.n);
    let az = |i: usize| i < hi && t[i].is_ascii_lowercase();
    let cap = |i: usize| i < hi && t[i].is_ascii_uppercase();
    (pos.max(1)..=hi).find(|&p| {
        let before = t[p - 1];
        ((before.is_ascii_lowercase() || before.is_ascii_digit() || matches!(before, '.' | ')'))
            && cap(p)
            && az(p + 1))
            || (before.is_ascii_uppercase() && cap(p) && az(p + 1) && az(p + 2))
    })
}

/// `_BLANK_RUN.search(text, pos, hi).span()`: two or more spaces, tabs or no-break spaces.
fn blank_run(doc: &Doc<'_>, pos: usize, hi: usize) -> Option<(usize, usize)> {
    let hi = hi.min(doc.n);
    let blank = |c: char| matches!(c, ' ' | '\t' | '\u{a0}');
    let start = (pos..hi).find(|&i| blank(doc.t[i]) && i + 1 < hi && blank(doc.t[i + 1]))?;
    Some((start, doc.skip(start, hi, blank)))
}

/// `_HEADING_TAIL.match(text, p).end()`.
fn heading_tail(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let n = doc.n;
    let q = doc.blanks(p, n);
    if doc.at(q) == Some(':') {
        return Some(q + 1);
    }
    if q == n || doc.t[q] == '\n' {
        return Some(q);
    }
    let r = doc.skip(p, n, |c| matches!(c, ' ' | '\t' | '\u{a0}'));
    if r >= p + 2 {
        return Some(r);
    }
    if doc.at(p).is_some_and(|c| c.is_ascii_uppercase())
        && doc.at(p + 1).is_some_and(|c| c.is_ascii_lowercase())
    {
        return Some(p);
    }
    None
}

fn heading_word_char(c: char) -> bool {
    is_word(c) || matches!(c, '\'' | '’' | '&' | '/' | '-')
}

const HEADING_SMALL_WORDS: [&str; 13] = [
    "a", "an", "the", "of", "to", "and", "for", "in", "on", "at", "with", "you", "we",
];

/// `_ANY_HEADING.match(text, at) is not None`: a short line of capitalised (or small)
/// words, or a short label ending in a colon.
fn any_heading(doc: &Doc<'_>, at: usize) -> bool {
    let n = doc.n;
    let line_end = |q: usize| q == n || doc.t[q] == '\n';
    let capitalised_at = |i: usize| doc.at(i).is_some_and(|c| c.is_ascii_uppercase());
    // a label: "Tech:", "What You'll Work On:"
    if capitalised_at(at) {
        let mut e = doc.skip(at + 1, n, heading_word_char);
        let mut words = 0;
        loop {
            let q = doc.blanks(e, n);
            let w = doc.skip(q, n, heading_word_char);
            if q == e || w == q || words == 6 {
                break;
            }
            e = w;
            words += 1;
        }
        let q = doc.blanks(e, n);
        if doc.at(q) == Some(':') && line_end(doc.blanks(q + 1, n)) {
            return true;
        }
    }
    // a line of words, each capitalised or a small word
    let token_ok = |s: usize, e: usize| {
        if capitalised_at(s) && (s + 1..e).all(|i| heading_word_char(doc.t[i])) {
            return true;
        }
        let token: String = doc.t[s..e].iter().collect();
        HEADING_SMALL_WORDS.contains(&token.as_str())
    };
    let token_end = |s: usize| doc.skip(s, n, |c| !matches!(c, ' ' | '\t' | '\n'));
    let mut s = at;
    for tokens in 0..7 {
        let e = token_end(s);
        if !token_ok(s, e) {
            return false;
        }
        let q = doc.blanks(e, n);
        if line_end(q) {
            return true;
        }
        if q == e || tokens == 6 {
            return false;
        }
        s = q;
    }
    false
}

/// `_LEAD.match(text, start, end).end()`.
fn lead_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    doc.skip(start, end, |c| {
        is_space(c) || matches!(c, '*' | '>' | '#' | '-') || is_bullet(c)
    })
}

/// The end of `_NAME_WORD` from `p`: word characters, `&'’+-`, and dots inside a name.
fn name_word_end(doc: &Doc<'_>, mut p: usize, hi: usize) -> usize {
    let hi = hi.min(doc.n);
    while p < hi {
        let c = doc.t[p];
        if is_word(c)
            || matches!(c, '&' | '\'' | '’' | '+' | '-')
            || (c == '.' && p + 1 < hi && is_word(doc.t[p + 1]))
        {
            p += 1;
        } else {
            break;
        }
    }
    p
}

fn cap_or_digit(doc: &Doc<'_>, i: usize, hi: usize) -> bool {
    i < hi.min(doc.n) && (doc.t[i].is_ascii_uppercase() || doc.t[i].is_ascii_digit())
}

/// `_NAME.match(text, p, hi).end()`: up to four capitalised words ("of", "for", "and", "&"
/// between them, matched as the pattern does: "of" also opens "offer").
fn name_at(doc: &Doc<'_>, p: usize, hi: usize) -> Option<usize> {
    if !(p < hi.min(doc.n) && doc.t[p].is_ascii_uppercase()) {
        return None;
    }
    let mut e = name_word_end(doc, p + 1, hi);
    for _ in 0..3 {
        let q = doc.blanks(e, hi);
        if q == e {
            break;
        }
        e = if cap_or_digit(doc, q, hi) {
            name_word_end(doc, q + 1, hi)
        } else if let Some(w) = ["of", "for", "and", "&"]
            .iter()
            .find(|w| doc.is_at(q, hi, w))
        {
            q + w.chars().count()
        } else {
            break;
        };
    }
    Some(e)
}

/// `_PARENTHETICAL.match(text, p, hi).end()`.
fn parenthetical(doc: &Doc<'_>, p: usize, hi: usize) -> Option<usize> {
    let hi = hi.min(doc.n);
    let q = doc.blanks(p, hi);
    if !(q < hi && doc.t[q] == '(') {
        return None;
    }
    let r = doc.skip(q + 1, hi.min(q + 101), |c| !matches!(c, '(' | ')' | '\n'));
    (r < hi && doc.t[r] == ')').then_some(r + 1)
}

/// `_NOT_A_DESCRIPTION.match(text, p, hi) is not None`.
fn not_a_description(doc: &Doc<'_>, p: usize, hi: usize) -> bool {
    const WORDS: [&str; 16] = [
        "plus",
        "must",
        "bonus",
        "requirement",
        "big",
        "huge",
        "strong",
        "key",
        "great",
        "core",
        "preferred",
        "required",
        "nice",
        "definite",
        "good",
        "major",
    ];
    let q = doc.blanks(p, hi);
    q > p
        && WORDS
            .iter()
            .any(|w| doc.is_at_folded(q, hi, w) && doc.no_word_at(q + w.len(), hi))
}

/// `_AT_NAME_WE.match(text, p, hi) is not None`: ", we", " our", " you" after "At Acme".
fn at_name_we(doc: &Doc<'_>, p: usize, hi: usize) -> bool {
    let starts: &[usize] = if doc.at(p) == Some(',') && p < hi {
        &[p + 1, p]
    } else {
        &[p]
    };
    starts.iter().any(|&from| {
        let q = doc.blanks(from, hi);
        q > from
            && ["we", "our", "you"]
                .iter()
                .any(|w| doc.is_at_folded(q, hi, w) && doc.no_word_at(q + w.len(), hi))
    })
}

/// `_PARAGRAPH_BREAK.finditer(text)` starts: a line break, blanks, a line break.
fn paragraph_breaks(doc: &Doc<'_>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0; // past the last paragraph break's second line break
    for &p in &doc.line_breaks {
        if p < from || doc.t[p] != '\n' {
            continue;
        }
        let q = doc.skip(p + 1, doc.n, |c| matches!(c, ' ' | '\t' | '\u{a0}'));
        if doc.at(q) == Some('\n') {
            out.push(p);
            from = q + 1;
        }
    }
    out
}

/// `_MENTION_LEAD.match(text, p).end()`: ", including the ", ": ", " such as "...
fn mention_lead(doc: &Doc<'_>, p: usize) -> usize {
    let n = doc.n;
    let mut q = doc.blanks(p, n);
    if doc.at(q) == Some(',') {
        q = doc.blanks(q + 1, n);
    }
    for w in [
        "including",
        "include",
        "includes",
        "such as",
        "like",
        "are",
        ":",
    ] {
        if doc.is_at(q, n, w) {
            let r = q + w.chars().count();
            let s = doc.blanks(r, n);
            if s > r {
                q = s;
                break;
            }
        }
    }
    the_and_blanks(doc, q)
}

/// Past `the[ \t]+` at `q`, if it is there.
fn the_and_blanks(doc: &Doc<'_>, q: usize) -> usize {
    if doc.is_at(q, doc.n, "the") {
        let s = doc.blanks(q + 3, doc.n);
        if s > q + 3 {
            return s;
        }
    }
    q
}

/// `_MENTION_ITEM.match(text, p).end()`: up to four words, each capitalised or a number.
fn mention_item(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let n = doc.n;
    if !cap_or_digit(doc, p, n) {
        return None;
    }
    let mut e = name_word_end(doc, p + 1, n);
    for _ in 0..3 {
        let q = doc.blanks(e, n);
        if q == e || !cap_or_digit(doc, q, n) {
            break;
        }
        e = name_word_end(doc, q + 1, n);
    }
    Some(e)
}

/// `_MENTION_SEP.match(text, p).end()`: ", ", ", and ", " and ", " & ", " / " (and "the ").
fn mention_sep(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let n = doc.n;
    let after_word = |q: usize, w: &str| -> Option<usize> {
        if !doc.is_at(q, n, w) {
            return None;
        }
        let r = q + w.chars().count();
        let s = doc.blanks(r, n);
        (s > r).then_some(s)
    };
    let a = doc.blanks(p, n);
    let end = match doc.at(a) {
        Some(',') => {
            let b = doc.blanks(a + 1, n);
            Some(
                after_word(b, "and")
                    .or_else(|| after_word(b, "&"))
                    .unwrap_or(b),
            )
        }
        Some('&') | Some('/') => Some(doc.blanks(a + 1, n)),
        _ if a > p => after_word(a, "and"),
        _ => None,
    }?;
    Some(the_and_blanks(doc, end))
}

/// What follows a team-list word: `(?![\w])[ \t]*(?:\((?P<bracket>...)\)|,?[ \t]+
/// (?:including|such as|like|e\.g\.,?)[ \t]+(?P<list>...))`, as (match end, group span).
fn team_list_tail(doc: &Doc<'_>, e: usize) -> Option<(usize, (usize, usize))> {
    let n = doc.n;
    if !doc.no_word_at(e, n) {
        return None;
    }
    let s0 = doc.blanks(e, n);
    if doc.at(s0) == Some('(') {
        let r = doc.skip(s0 + 1, n.min(s0 + 201), |c| !matches!(c, '(' | ')' | '\n'));
        if r > s0 + 1 && doc.at(r) == Some(')') {
            return Some((r + 1, (s0 + 1, r)));
        }
    }
    if doc.at(s0) == Some(',') {
        if let Some(found) = team_list_items(doc, s0 + 1) {
            return Some(found);
        }
    }
    if s0 > e {
        return team_list_items(doc, s0 - 1);
    }
    None
}

/// From `[ \t]+` at `from`: the list opener, blanks, then the list.
fn team_list_items(doc: &Doc<'_>, from: usize) -> Option<(usize, (usize, usize))> {
    let n = doc.n;
    let s = doc.blanks(from, n);
    if s == from {
        return None;
    }
    let mut ends = Vec::with_capacity(2);
    for w in ["including", "such as", "like"] {
        if doc.is_at_folded(s, n, w) {
            ends.push(s + w.len());
        }
    }
    if doc.is_at_folded(s, n, "e.g.") {
        if doc.at(s + 4) == Some(',') {
            ends.push(s + 5);
        }
        ends.push(s + 4);
    }
    let in_list = |c: char| !matches!(c, '.' | ';' | ':' | '\n' | '(' | ')');
    ends.into_iter().find_map(|q| {
        let s2 = doc.blanks(q, n);
        if s2 == q {
            return None;
        }
        let r = doc.skip(s2, n.min(s2 + 120), in_list);
        if r > s2 {
            Some((r, (s2, r)))
        } else if s2 >= q + 2 {
            // `[ \t]+` gives back a blank for the list to match
            Some((s2, (s2 - 1, s2)))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes_agree_with_the_predicates() {
        for b in 0u8..128 {
            let c = b as char;
            let class = ASCII_CLASSES[b as usize];
            assert_eq!(class & WORD != 0, is_word(c), "word {b}");
            assert_eq!(class & UPPER != 0, c.is_ascii_uppercase(), "upper {b}");
            assert_eq!(class & GLUE != 0, glue_char(c), "glue {b}");
            assert_eq!(class & BREAK != 0, is_line_break(c), "break {b}");
        }
    }
}
