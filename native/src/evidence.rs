//! The evidence for the candidates whose surface does not settle them: an ambiguous surface
//! ("Spark", "Go"), a broad one ("security") and another case of an exact-case surface
//! ("GO"). `ContextRules.apply` reads the regions, titles and degrees, then hands every kept
//! candidate of the text here in one call, and this decides the pending ones: a cue phrase
//! before one, the words after it, its term's context words, the lists it stands in, a tool
//! that qualifies a broad word, a longer accepted term that holds it, the same term confirmed
//! elsewhere. The Python it was ported from is the tests' oracle
//! (`tests/reference/evidence.py`). The wording of the reasons stays in Python
//! (`skillterms.resolve.context`): it is given a reason's name and the phrase or the other
//! candidate that the reason quotes.
use rustc_hash::FxHashSet as HashSet;

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::phrases::Phrases;
use crate::pychars::{
    code_points, fold, folded_at, is_line_break, is_space, is_upper, is_word, lower,
};
use crate::regions::{is_blank, is_bullet};

/// Characters each side read for cue phrases and context words (never past a line break).
const WINDOW: usize = 60;
/// The cue before a candidate is read from this many characters at most (`before[-80:]`).
const CUE_TAIL: usize = 80;
/// Items read back from a broad word looking for the cue that opens its list.
const LIST_ITEMS_BACK: usize = 30;
/// How far back the separator before a list item is looked for.
const ITEM_SEPARATOR_BACK: usize = 12;
/// How far back a list item before a separator is looked for.
const ITEM_BACK: usize = 60;
/// Words one list item may hold ("Exposure to logging" read as one item).
const ITEM_WORDS: usize = 6;
/// The widest gap between two list items ("Python, R", not a clause).
const SEPARATOR_GAP: usize = 24;
/// A bracket after a term closes within this many characters when it holds an abbreviation.
const BRACKET_TOKEN: usize = 40;
/// What opens a list item is read from this many characters before it.
const SLOT_TAIL: usize = 20;
/// How far back the start of a bullet's line is looked for from its label.
const LABEL_BACK: usize = 40;

/// A list item may start after one of these.
const SLOT_OPENERS: [char; 10] = [',', ';', '/', '|', '&', '+', '(', '[', ':', '\n'];
/// ... or after one of these words.
const SLOT_WORDS: [&str; 11] = [
    "and",
    "or",
    "with",
    "in",
    "of",
    "using",
    "like",
    "including",
    "as",
    "e.g.",
    "e.g.,",
];
/// The words that join two list items (`_LIST_SEP`).
const LIST_WORDS: [&str; 6] = ["and", "or", "and/or", "as well as", "plus", "nor"];
const ARTICLES: [&str; 3] = ["the", "a", "an"];

/// The flag bits of a candidate's row.
const CASE_VARIANT: u8 = 1;
const BROAD: u8 = 1 << 1;
const TOOL: u8 = 1 << 2;
const CONCEPT: u8 = 1 << 3;

/// Why a pending candidate was decided. The names (`REASON_NAMES`, in this order) are the
/// keys of the reason templates in Python.
#[derive(Clone, Copy)]
pub(crate) enum Reason {
    CueBefore,
    CueAfter,
    TeamPractice,
    BulletLabel,
    ContextWord,
    CaseFormInList,
    ListAfterCue,
    ListBesideKin,
    ListWith,
    QualifiedByTool,
    PartOf,
    CaseFormAlone,
    ConfirmedElsewhere,
    BroadInPassing,
    Unconfirmed,
}

pub(crate) const REASON_NAMES: [&str; 15] = [
    "cue_before",
    "cue_after",
    "team_practice",
    "bullet_label",
    "context_word",
    "case_form_in_list",
    "list_after_cue",
    "list_beside_kin",
    "list_with",
    "qualified_by_tool",
    "part_of",
    "case_form_alone",
    "confirmed_elsewhere",
    "broad_in_passing",
    "unconfirmed",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Candidate,
    Accepted,
    Rejected,
}

/// One kept candidate, as `ContextRules` hands it over: its span in code points (its surface
/// is the text there, as the finder writes every candidate's) and its term's number.
pub(crate) struct Row {
    /// the candidate's number in its text, the same in every pass over it: what
    /// `OwnContexts` remembers its reading by
    pub(crate) id: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) case_variant: bool,
    pub(crate) broad: bool,
    pub(crate) tool: bool,
    pub(crate) concept: bool,
    pub(crate) term: usize,
}

/// What the text around one candidate says of it (`own_context`), before any other
/// candidate is read.
type OwnContext = Option<(Reason, Option<String>)>;

/// The own-context readings of one text's candidates by `Row::id`, kept across the passes
/// that decide the text again (each rejected match that hid a shorter one starts another): a
/// reading depends on the candidate and the text alone, so each is made once.
pub(crate) struct OwnContexts(Vec<Option<OwnContext>>);

impl OwnContexts {
    /// Room for the readings of `candidates` candidates, none made yet.
    pub(crate) fn new(candidates: usize) -> Self {
        OwnContexts(vec![None; candidates])
    }
}

pub(crate) struct Decision {
    pub(crate) accepted: bool,
    pub(crate) reason: Reason,
    pub(crate) phrase: Option<String>,
    pub(crate) other: Option<usize>,
}

/// The rule words the evidence reads, and what it needs of the terms of one vocabulary.
#[pyclass(frozen, module = "skillterms._core")]
pub struct EvidenceReader {
    /// the cue phrases, as their words
    cue_phrases: HashSet<Vec<String>>,
    /// the last word of each cue phrase: a cue can end at no other word
    cue_phrase_ends: HashSet<String>,
    longest_cue: usize,
    cue_nouns: HashSet<String>,
    cue_prepositions: HashSet<String>,
    cue_verbs: HashSet<String>,
    colon_words: HashSet<String>,
    /// what only follows a technology ("programming", "cluster")
    cue_after: Phrases,
    /// what asks for a skill after a broad word ("experience", "skills")
    skill_after: Phrases,
    team_practices: HashSet<String>,
    /// by term number: the term's numbers, then its ancestors'
    families: Vec<Vec<usize>>,
    /// by term number: its context words, as `words_key` writes them
    context_keys: Vec<ContextKeys>,
}

/// One term's context keys, and the lengths and first characters they have: most words
/// near a term are no key, and these two tell so before a gram is spelled and looked up.
#[derive(Default)]
struct ContextKeys {
    keys: HashSet<String>,
    /// bit `n` for a key of `n` characters (bit 63: 63 or more)
    lengths: u64,
    /// bit `c` for an ASCII first character `c` (a gram is ASCII: other keys never match)
    firsts: u128,
}

impl ContextKeys {
    fn new(keys: Vec<String>) -> Self {
        let mut shape = ContextKeys::default();
        for key in &keys {
            shape.lengths |= 1 << key.chars().count().min(63);
            if let Some(c) = key.chars().next().filter(char::is_ascii) {
                shape.firsts |= 1 << (c as u32);
            }
        }
        shape.keys = keys.into_iter().collect();
        shape
    }

    /// Whether a key may have `len` characters and start with the ASCII character `first`.
    fn may_be(&self, len: usize, first: char) -> bool {
        self.lengths >> len.min(63) & 1 != 0 && self.firsts >> (first as u32 & 127) & 1 != 0
    }
}

#[pymethods]
impl EvidenceReader {
    /// `RuleWords`' cue lists (lowercased; the cue phrases and the `cue_after`/`skill_after`
    /// phrases as their words), and by term number each term's family chain (numbers) and
    /// context keys.
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        cue_phrases: Vec<Vec<String>>,
        cue_nouns: Vec<String>,
        cue_prepositions: Vec<String>,
        cue_verbs: Vec<String>,
        colon_words: Vec<String>,
        longest_cue: usize,
        cue_after: Vec<Vec<String>>,
        skill_after: Vec<Vec<String>>,
        team_practices: Vec<String>,
        families: Vec<Vec<usize>>,
        context_keys: Vec<Vec<String>>,
    ) -> Self {
        EvidenceReader {
            cue_phrase_ends: cue_phrases
                .iter()
                .filter_map(|p| p.last().cloned())
                .collect(),
            cue_phrases: cue_phrases.into_iter().collect(),
            longest_cue,
            cue_nouns: cue_nouns.into_iter().collect(),
            cue_prepositions: cue_prepositions.into_iter().collect(),
            cue_verbs: cue_verbs.into_iter().collect(),
            colon_words: colon_words.into_iter().collect(),
            cue_after: Phrases::new(&cue_after, true),
            skill_after: Phrases::new(&skill_after, true),
            team_practices: team_practices.into_iter().collect(),
            families,
            context_keys: context_keys.into_iter().map(ContextKeys::new).collect(),
        }
    }

    /// The names of the reasons, by the codes `decide` gives.
    #[classattr]
    fn reasons() -> Vec<&'static str> {
        REASON_NAMES.to_vec()
    }

    /// Decides the `pending` candidates (indices into `rows`) of `text`. Each row is a kept
    /// candidate, by start: (start, end, status: 0 candidate / 1 accepted / 2 rejected, flag
    /// bits: 1 case variant, 2 broad, 4 a tool, 8 a concept, term number). `broad`: broad
    /// surfaces count wherever they stand; `nested`: candidates may overlap. Gives, for each
    /// pending candidate, (index, accepted, reason code, the phrase or None, the index of the
    /// candidate the reason names or None).
    #[allow(clippy::type_complexity)]
    fn decide(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        rows: Vec<(usize, usize, u8, u8, usize)>,
        pending: Vec<usize>,
        broad: bool,
        nested: bool,
    ) -> PyResult<Vec<(usize, bool, u8, Option<String>, Option<usize>)>> {
        let t = code_points(text)?;
        let bad = |message: String| Err(pyo3::exceptions::PyValueError::new_err(message));
        let mut status = Vec::with_capacity(rows.len());
        let mut cands = Vec::with_capacity(rows.len());
        for &(start, end, code, flags, term) in &rows {
            if start > end || end > t.len() {
                return bad(format!(
                    "span ({start}, {end}) is not inside a text of {} characters",
                    t.len()
                ));
            }
            status.push(match code {
                0 => Status::Candidate,
                1 => Status::Accepted,
                2 => Status::Rejected,
                _ => return bad(format!("no candidate status {code}")),
            });
            cands.push(Row {
                id: cands.len(),
                start,
                end,
                case_variant: flags & CASE_VARIANT != 0,
                broad: flags & BROAD != 0,
                tool: flags & TOOL != 0,
                concept: flags & CONCEPT != 0,
                term,
            });
        }
        if let Some(&k) = pending.iter().find(|&&k| k >= rows.len()) {
            return bad(format!(
                "pending candidate {k} is not one of {}",
                rows.len()
            ));
        }
        let mut own = OwnContexts::new(cands.len());
        let mut decided =
            py.detach(|| self.decide_rows(&t, &cands, status, &pending, broad, nested, &mut own));
        Ok(pending
            .iter()
            .filter_map(|&k| {
                decided[k]
                    .take()
                    .map(|d| (k, d.accepted, d.reason as u8, d.phrase, d.other))
            })
            .collect())
    }
}

impl EvidenceReader {
    /// `decide` on rows already read (the resolver calls it with the GIL released): the
    /// decision of each pending candidate, by its index into `rows`. `own` holds the
    /// readings of the rows' own context made in earlier passes over the same text.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn decide_rows(
        &self,
        t: &[char],
        rows: &[Row],
        status: Vec<Status>,
        pending: &[usize],
        broad: bool,
        nested: bool,
        own: &mut OwnContexts,
    ) -> Vec<Option<Decision>> {
        let mut reading = Reading {
            reader: self,
            t,
            rows,
            decided: (0..rows.len()).map(|_| None).collect(),
            status,
            broad_everywhere: broad,
            own,
        };
        reading.decide(pending, nested);
        reading.decided
    }
}

/// One text's candidates while they are decided.
struct Reading<'a> {
    reader: &'a EvidenceReader,
    t: &'a [char],
    rows: &'a [Row],
    status: Vec<Status>,
    decided: Vec<Option<Decision>>,
    broad_everywhere: bool,
    own: &'a mut OwnContexts,
}

impl Reading<'_> {
    fn set(
        &mut self,
        k: usize,
        accepted: bool,
        reason: Reason,
        phrase: Option<String>,
        other: Option<usize>,
    ) {
        self.status[k] = if accepted {
            Status::Accepted
        } else {
            Status::Rejected
        };
        self.decided[k] = Some(Decision {
            accepted,
            reason,
            phrase,
            other,
        });
    }

    fn accept(&mut self, k: usize, reason: Reason, phrase: Option<String>, other: Option<usize>) {
        self.set(k, true, reason, phrase, other);
    }

    fn is_candidate(&self, k: usize) -> bool {
        self.status[k] == Status::Candidate
    }

    /// A broad word that must be asked for as a skill.
    fn broad_asked_only(&self, k: usize) -> bool {
        self.rows[k].broad && !self.broad_everywhere
    }

    fn decide(&mut self, pending: &[usize], nested: bool) {
        for &k in pending {
            if self.rows[k].case_variant {
                continue; // only a list confirms another case of an exact-case surface
            }
            let id = self.rows[k].id;
            let own = match &self.own.0[id] {
                Some(made) => made.clone(),
                None => {
                    let made = self.own_context(k);
                    self.own.0[id] = Some(made.clone());
                    made
                }
            };
            if let Some((reason, phrase)) = own {
                self.accept(k, reason, phrase, None);
            }
        }
        self.lists();
        if !self.broad_everywhere {
            self.qualified_or_listed(pending);
        }
        let unsure: Vec<usize> = pending
            .iter()
            .copied()
            .filter(|&k| self.is_candidate(k))
            .collect();
        if nested {
            // a surface inside a longer accepted term ("Spark" in "Spark SQL")
            let holders = self.accepted_by_start();
            for &k in &unsure {
                if let Some(outer) = self.holding(&holders, k) {
                    self.accept(k, Reason::PartOf, None, Some(outer));
                }
            }
        }
        let confirmed: HashSet<usize> = (0..self.rows.len())
            .filter(|&k| self.status[k] == Status::Accepted)
            .map(|k| self.rows[k].term)
            .collect();
        for &k in &unsure {
            if !self.is_candidate(k) {
                continue;
            }
            if self.rows[k].case_variant {
                self.set(k, false, Reason::CaseFormAlone, None, None);
            } else if confirmed.contains(&self.rows[k].term) {
                self.accept(k, Reason::ConfirmedElsewhere, None, None);
            } else if self.broad_asked_only(k) {
                self.set(k, false, Reason::BroadInPassing, None, None);
            } else {
                self.set(k, false, Reason::Unconfirmed, None, None);
            }
        }
    }

    // ------------------------------------------------------------------ evidence around one term

    /// The rules that read the text around one candidate and nothing else.
    fn own_context(&self, k: usize) -> Option<(Reason, Option<String>)> {
        let (t, reader, c) = (self.t, self.reader, &self.rows[k]);
        let capitalised = c.start < c.end && is_upper(t[c.start]);
        if let Some(cue) = reader.cue_before(window_before(t, c.start), capitalised) {
            return Some((Reason::CueBefore, Some(cue)));
        }
        // Within the window, as before it: a run of blanks after a term must not be read to its end.
        let hi = (c.end + WINDOW).min(t.len());
        if self.broad_asked_only(k) {
            // only the phrases that ask for a skill ("networking skills")
            return phrase_after(&reader.skill_after, t, c.end, hi)
                .map(|p| (Reason::CueAfter, Some(p)));
        }
        if let Some(after) = phrase_after(&reader.cue_after, t, c.end, hi) {
            return Some((Reason::CueAfter, Some(after)));
        }
        if capitalised
            && reader.team_practices.contains(&lower(&t[c.start..c.end]))
            && teams_at(t, c.end)
        {
            // "self-organizing Agile teams"
            return Some((Reason::TeamPractice, None));
        }
        if c.concept && label_ends_at(t, c.end) && label_line_before(t, c.start) {
            // "* Technology Prototyping: rapidly prototype ..."
            return Some((Reason::BulletLabel, None));
        }
        reader
            .context_word_near(t, c)
            .map(|word| (Reason::ContextWord, Some(word)))
    }

    // ------------------------------------------------------------------ lists

    /// Confirms the pending members of every list of terms ("Go, Rust and Postgres"). With
    /// nested candidates the list is read over the outermost ones.
    fn lists(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|&k| (self.rows[k].start, std::cmp::Reverse(self.rows[k].end)));
        let mut chain: Vec<usize> = Vec::new();
        let mut reach: Option<usize> = None;
        for k in order {
            let c = &self.rows[k];
            if self.status[k] == Status::Rejected || reach.is_some_and(|r| c.end <= r) {
                continue;
            }
            reach = Some(c.end);
            if let Some(&last) = chain.last() {
                if is_list_separator(self.t, self.rows[last].end, c.start) {
                    chain.push(k);
                    continue;
                }
            }
            if chain.len() > 1 {
                self.confirm_list(&chain);
            }
            chain = vec![k];
        }
        if chain.len() > 1 {
            self.confirm_list(&chain);
        }
    }

    fn confirm_list(&mut self, chain: &[usize]) {
        let t = self.t;
        let first = self.rows[chain[0]].start;
        let before_first = window_before(t, first);
        let anchor = chain
            .iter()
            .copied()
            .find(|&o| self.status[o] == Status::Accepted && !self.rows[o].case_variant);
        let opens = opens_slot(before_first);
        let last = chain.len() - 1;
        let closes = slot_ends_at(t, self.rows[chain[last]].end);
        // Two or more pending terms that make up a whole line or clause confirm each other:
        // "Go, Rust", "Tools: Spark, Hive"; "He likes Go and Rust." has nothing to confirm it.
        let standalone = opens && closes;
        let cued = if chain.iter().any(|&o| self.rows[o].broad) {
            self.reader.cue_before(before_first, false)
        } else {
            None
        };
        for (i, &k) in chain.iter().enumerate() {
            if !self.is_candidate(k) || (i == last && !closes) {
                continue; // "Python and Spark innovation": Spark is no list item
            }
            if self.rows[k].case_variant {
                if let Some(anchor) = anchor.filter(|_| i > 0 || opens) {
                    self.accept(k, Reason::CaseFormInList, None, Some(anchor));
                }
            } else if self.broad_asked_only(k) {
                if let Some(cue) = &cued {
                    self.accept(k, Reason::ListAfterCue, Some(cue.clone()), None);
                } else if let Some(kin) = chain.iter().copied().find(|&o| {
                    // read as the loop goes: a kin accepted earlier in this list counts
                    self.status[o] == Status::Accepted
                        && !self.rows[o].case_variant
                        && self.reader.related(self.rows[o].term, self.rows[k].term)
                }) {
                    self.accept(k, Reason::ListBesideKin, None, Some(kin));
                }
            } else if let Some(anchor) = anchor {
                self.accept(k, Reason::ListWith, None, Some(anchor));
            } else if standalone {
                let other = if i == 0 { chain[1] } else { chain[0] };
                self.accept(k, Reason::ListWith, None, Some(other));
            }
        }
    }

    /// A broad word right after a tool that qualifies it ("Python scripting"), or in a list
    /// of items that a cue phrase opens, whether the items are terms or not.
    fn qualified_or_listed(&mut self, pending: &[usize]) {
        let t = self.t;
        for &k in pending {
            let c = &self.rows[k];
            if !self.is_candidate(k) || !c.broad || c.case_variant {
                continue;
            }
            if k > 0 {
                let prev = &self.rows[k - 1];
                if self.status[k - 1] == Status::Accepted
                    && prev.tool
                    && prev.end < c.start
                    && c.start - prev.end <= 2
                    && t[prev.end..c.start]
                        .iter()
                        .all(|&ch| ch == ' ' || ch == '-')
                {
                    self.accept(k, Reason::QualifiedByTool, None, Some(k - 1));
                    continue;
                }
            }
            if let Some(cue) = self.reader.cue_before_list(t, c.start) {
                self.accept(k, Reason::ListAfterCue, Some(cue), None);
            }
        }
    }

    // ------------------------------------------------------------------ nested

    /// The accepted candidates by start, longest first (a stable sort of the rows' order).
    fn accepted_by_start(&self) -> Vec<usize> {
        let mut holders: Vec<usize> = (0..self.rows.len())
            .filter(|&k| self.status[k] == Status::Accepted)
            .collect();
        holders.sort_by_key(|&k| (self.rows[k].start, std::cmp::Reverse(self.rows[k].end)));
        holders
    }

    /// `Containers.holding`: the first of `holders` that starts at or before candidate `k`
    /// and ends at or after it (`k`, still pending, is none of them).
    fn holding(&self, holders: &[usize], k: usize) -> Option<usize> {
        let c = &self.rows[k];
        holders
            .iter()
            .copied()
            .find(|&o| self.rows[o].end >= c.end)
            .filter(|&o| self.rows[o].start <= c.start)
    }
}

impl EvidenceReader {
    /// Whether two terms are one family: one is the other's ancestor, or both have one parent.
    fn related(&self, a: usize, b: usize) -> bool {
        let (fa, fb) = (self.family(&a), self.family(&b));
        fb.contains(&a) || fa.contains(&b) || (fa.len() > 1 && fb.len() > 1 && fa[1] == fb[1])
    }

    fn family<'a>(&'a self, term: &'a usize) -> &'a [usize] {
        self.families
            .get(*term)
            .map_or(std::slice::from_ref(term), Vec::as_slice)
    }

    /// The phrase right before a candidate that introduces a technology ("experience with"),
    /// read from `before` (the text before it). `proper`: the candidate is written
    /// capitalised, so a bare verb ("use", "write") is a cue too ("We use Spark", not "use
    /// the arrow keys").
    fn cue_before(&self, before: &[char], proper: bool) -> Option<String> {
        let s = &before[before.len().saturating_sub(CUE_TAIL)..];
        let words = words_read_apart(s);
        let &(a, b) = words.last()?;
        if !self.may_end_a_cue(&lower(&s[a..b]), proper) {
            return None; // most words before a candidate: no need to read the words before them
        }
        let mut tail: Vec<String> = words[words.len().saturating_sub(self.longest_cue + 1)..]
            .iter()
            .map(|&(a, b)| lower(&s[a..b]))
            .collect();
        let last = tail.last_mut()?;
        if let Some(label) = last.strip_suffix(':') {
            if self.colon_words.contains(label) {
                return Some(last.clone()); // "Nice to have: R", "Stack: Go"
            }
            *last = label.to_string();
        }
        let n = tail.len();
        for m in (1..=n.min(self.longest_cue)).rev() {
            if self.cue_phrases.contains(&tail[n - m..]) {
                return Some(tail[n - m..].join(" "));
            }
        }
        if proper && self.cue_verbs.contains(&tail[n - 1]) {
            return Some(tail[n - 1].clone());
        }
        if ARTICLES.contains(&tail[n - 1].as_str()) && n > 2 {
            tail.pop(); // "experience with the"
        }
        let n = tail.len();
        if n >= 2
            && self.cue_prepositions.contains(&tail[n - 1])
            && self.cue_nouns.contains(&tail[n - 2])
        {
            return Some(tail[n - 2..].join(" "));
        }
        None
    }

    /// Whether `cue_before` can find a cue whose last word is `last` (lowercase, as written):
    /// a colon label, the end of a cue phrase, a cue verb (of a `proper` name), an article
    /// (read past) or a cue preposition. A quick test: `cue_before` decides.
    fn may_end_a_cue(&self, last: &str, proper: bool) -> bool {
        let word = match last.strip_suffix(':') {
            Some(label) if self.colon_words.contains(label) => return true,
            Some(label) => label,
            None => last,
        };
        self.cue_phrase_ends.contains(word)
            || (proper && self.cue_verbs.contains(word))
            || ARTICLES.contains(&word)
            || self.cue_prepositions.contains(word)
    }

    /// The cue phrase that opens the list a term at `start` stands in: read back over short
    /// items and list separators ("Exposure to alerting, logging, and monitoring").
    fn cue_before_list(&self, t: &[char], start: usize) -> Option<String> {
        let mut at = start;
        for _ in 0..LIST_ITEMS_BACK {
            let separator = (at.saturating_sub(ITEM_SEPARATOR_BACK)..at)
                .find(|&p| is_item_separator(&t[p..at]))?;
            let item = item_before(t, separator.saturating_sub(ITEM_BACK), separator)?;
            // The cue may end inside what reads as one item: "Exposure to logging".
            let words = item_words(t, item, separator);
            for &word in words.iter().rev() {
                if let Some(cue) = self.cue_before(window_before(t, word), false) {
                    return Some(cue);
                }
            }
            at = item;
        }
        None
    }

    /// One of the term's own context words near a candidate on its line (single words, or
    /// two or three words run together: "pivot tables" is looked up as "pivottables"); the
    /// least of those found.
    fn context_word_near(&self, t: &[char], c: &Row) -> Option<String> {
        let keys = self
            .context_keys
            .get(c.term)
            .filter(|keys| !keys.keys.is_empty())?;
        let mut lo = c.start.saturating_sub(WINDOW);
        if let Some(br) = (lo..c.start).rev().find(|&i| is_line_break(t[i])) {
            lo = br + 1;
        }
        let hi = (c.end + WINDOW).min(t.len());
        let stop = (c.end..hi).find(|&i| is_line_break(t[i])).unwrap_or(hi);
        let mut words = ascii_words(&t[lo..c.start], lo);
        words.extend(ascii_words(&t[c.end..stop], c.end));
        // the least key among the words, else among two words joined, else three (each
        // joined in one buffer: most grams are no key)
        let mut gram = String::new();
        for n in 1..=3 {
            let mut least: Option<&String> = None;
            for w in words.windows(n) {
                let len = w.iter().map(|&(a, b)| b - a).sum();
                if !keys.may_be(len, t[w[0].0].to_ascii_lowercase()) {
                    continue;
                }
                gram.clear();
                for &(a, b) in w {
                    gram.extend(t[a..b].iter().map(|c| c.to_ascii_lowercase()));
                }
                if let Some(key) = keys.keys.get(gram.as_str()) {
                    if least.is_none_or(|l| key < l) {
                        least = Some(key);
                    }
                }
            }
            if let Some(key) = least {
                return Some(key.clone());
            }
        }
        None
    }
}

/// The `WINDOW` characters before `at`.
fn window_before(t: &[char], at: usize) -> &[char] {
    &t[at.saturating_sub(WINDOW)..at]
}

/// The words of `s` split at Python whitespace and where scraped text glued two words
/// ("BazaarExperience with", "systems.Proficient in", "Skills:Exposure to"), as
/// `_GLUED_WORDS.sub(" ", s).split()` gives them: their (start, end).
fn words_read_apart(s: &[char]) -> Vec<(usize, usize)> {
    let glued_at = |p: usize| {
        // (?<=[a-z])(?=[A-Z][a-z]) | (?<=[a-z][.:;])(?=[A-Za-z])
        (s[p - 1].is_ascii_lowercase()
            && s[p].is_ascii_uppercase()
            && s.get(p + 1).is_some_and(|c| c.is_ascii_lowercase()))
            || (p >= 2
                && s[p - 2].is_ascii_lowercase()
                && matches!(s[p - 1], '.' | ':' | ';')
                && s[p].is_ascii_alphabetic())
    };
    let mut words = Vec::new();
    let mut open: Option<usize> = None;
    for (p, &c) in s.iter().enumerate() {
        if is_space(c) {
            if let Some(a) = open.take() {
                words.push((a, p));
            }
            continue;
        }
        if p > 0 && glued_at(p) {
            if let Some(a) = open.take() {
                words.push((a, p));
            }
        }
        open.get_or_insert(p);
    }
    if let Some(a) = open {
        words.push((a, s.len()));
    }
    words
}

/// `phrases` (a `cue_after`-style list, `[ \t]*(?:-[ \t]*)?` before it and `(?![\w])` after
/// it) matched at `at`, not reading at or past `hi`: what it matched, stripped.
fn phrase_after(phrases: &Phrases, t: &[char], at: usize, hi: usize) -> Option<String> {
    let folded: Vec<char> = t[at..hi].iter().map(|&c| fold(c)).collect();
    let n = folded.len();
    let skip_blanks = |mut i: usize| {
        while i < n && is_blank(folded[i]) {
            i += 1;
        }
        i
    };
    let after_blanks = skip_blanks(0);
    // The dash and the blanks after it are tried first (greedy), then the phrase at the dash.
    let mut starts = Vec::with_capacity(2);
    if folded.get(after_blanks) == Some(&'-') {
        starts.push(skip_blanks(after_blanks + 1));
    }
    starts.push(after_blanks);
    let ends_word = |e: usize| (e == n || !is_word(t[at + e])).then_some(e);
    starts.into_iter().find_map(|p| {
        if !phrases.may_start(&folded, p) {
            return None;
        }
        phrases
            .walk(&folded, p, n, &mut |e| ends_word(e))
            .map(|e| strip(&t[at..at + e]).iter().collect())
    })
}

/// `[ \t]+teams?\b` (any case) at `at`: "Agile teams".
fn teams_at(t: &[char], at: usize) -> bool {
    let n = t.len();
    let mut i = at;
    while i < n && is_blank(t[i]) {
        i += 1;
    }
    if i == at || !folded_is(t, i, "team") {
        return false;
    }
    let ends_word = |p: usize| p >= n || !is_word(t[p]);
    let e = i + 4;
    (e < n && fold(t[e]) == 's' && ends_word(e + 1)) || ends_word(e)
}

/// `[ \t]*:[ \t]+[A-Z]` at `at`: a label's colon, then a capitalised clause.
fn label_ends_at(t: &[char], at: usize) -> bool {
    let n = t.len();
    let mut i = at;
    while i < n && is_blank(t[i]) {
        i += 1;
    }
    if i == n || t[i] != ':' {
        return false;
    }
    let mut j = i + 1;
    while j < n && is_blank(t[j]) {
        j += 1;
    }
    j > i + 1 && j < n && t[j].is_ascii_uppercase()
}

/// Whether only a bullet and up to two capitalised words stand before `start` on its line,
/// as `_LABEL_START` (`(?:^|<line break>)[ \t]*[*<bullets>-]?[ \t]*(?:[A-Z][\w&/-]*[ \t]+){0,2}\Z`)
/// searched in the 40 characters before it finds. No part of it holds a line break, so only
/// the line's start can open it: the last line break in reach, or the text's start.
fn label_line_before(t: &[char], start: usize) -> bool {
    let lo = start.saturating_sub(LABEL_BACK);
    let line = match (lo..start).rev().find(|&i| is_line_break(t[i])) {
        Some(br) => br + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let skip_blanks = |mut i: usize| {
        while i < start && is_blank(t[i]) {
            i += 1;
        }
        i
    };
    let mut i = skip_blanks(line);
    if i < start && (matches!(t[i], '*' | '-') || is_bullet(t[i])) {
        i = skip_blanks(i + 1);
    }
    for _ in 0..2 {
        if i == start || !t[i].is_ascii_uppercase() {
            break;
        }
        i += 1;
        while i < start && (is_word(t[i]) || matches!(t[i], '&' | '/' | '-')) {
            i += 1;
        }
        let word_end = i;
        i = skip_blanks(i);
        if i == word_end {
            return false;
        }
    }
    i == start
}

/// Whether `t[start..end]` is separators only, at least one of them more than a space
/// ("Python, R", not "Veo Robotics"), and not an abbreviation in brackets ("electronic
/// medical records (EMR)"): `_LIST_SEP` fully matched, as the oracle's `_is_list_separator`.
fn is_list_separator(t: &[char], start: usize, end: usize) -> bool {
    if start >= end || end - start > SEPARATOR_GAP {
        return false;
    }
    let between = strip_by(&t[start..end], |c| matches!(c, ' ' | '\t' | '\u{a0}'));
    if between.is_empty() {
        return false;
    }
    if between == ['('] && closes_a_bracket(t, end) {
        return false;
    }
    let is_separator = |c: char| {
        is_space(c)
            || is_bullet(c)
            || matches!(
                c,
                ',' | ';'
                    | '/'
                    | '|'
                    | '&'
                    | '+'
                    | '*'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | ':'
                    | '-'
                    | '–'
                    | '—'
            )
    };
    let mut i = start;
    while i < end && is_separator(t[i]) {
        i += 1;
    }
    if i == end {
        return true;
    }
    // `\b` before the list word: separators are no word characters, and before `start` the
    // text is seen
    if i > 0 && is_word(t[i - 1]) {
        return false;
    }
    LIST_WORDS.iter().any(|w| {
        let e = i + w.chars().count();
        e <= end
            && folded_is(t, i, w)
            && (e == end || !is_word(t[e]))
            && t[e..end].iter().all(|&c| is_separator(c))
    })
}

/// `[^\s()]{1,40}\)` at `at`: one token, then the bracket closes ("(EMR)").
fn closes_a_bracket(t: &[char], at: usize) -> bool {
    let mut i = at;
    while i < t.len() && i - at < BRACKET_TOKEN && !is_space(t[i]) && !matches!(t[i], '(' | ')') {
        i += 1;
    }
    i > at && t.get(i) == Some(&')')
}

/// Whether a list item may start after `before`: after a separator, a list word, or nothing.
fn opens_slot(before: &[char]) -> bool {
    let tail = &before[..before.len() - before.iter().rev().take_while(|&&c| is_blank(c)).count()];
    let Some(&last) = tail.last() else {
        return true;
    };
    if SLOT_OPENERS.contains(&last) || is_bullet(last) {
        return true;
    }
    let tail = strip_by(&tail[tail.len().saturating_sub(SLOT_TAIL)..], is_space);
    let word = &tail[tail.iter().rposition(|&c| is_space(c)).map_or(0, |i| i + 1)..];
    // "such as" ends with "as", one of the words
    !word.is_empty() && SLOT_WORDS.contains(&lower(word).as_str())
}

/// `_SLOT_END` at `at`: what may close a list item (the text's end, a separator, a sentence's
/// end, "and"/"or"), after blanks.
fn slot_ends_at(t: &[char], at: usize) -> bool {
    let n = t.len();
    let mut q = at;
    while q < n && is_blank(t[q]) {
        q += 1;
    }
    let Some(&c) = t.get(q) else {
        return true;
    };
    if is_bullet(c)
        || matches!(
            c,
            ',' | ';' | '/' | '|' | '&' | '+' | ')' | ']' | ':' | '\n'
        )
    {
        return true;
    }
    if c == '.' {
        return t
            .get(q + 1)
            .is_none_or(|&d| is_space(d) || d.is_ascii_uppercase());
    }
    (q == 0 || !is_word(t[q - 1]))
        && ["and", "or"].iter().any(|w| {
            let e = q + w.len();
            folded_is(t, q, w) && (e == n || !is_word(t[e]))
        })
}

/// `_ITEM_SEP_BEFORE` matching all of `s`: a comma (then "and"/"or"), a spaced "and", "or",
/// "and/or" or "&", or a slash or "&".
fn is_item_separator(s: &[char]) -> bool {
    let n = s.len();
    let skip_blanks = |mut i: usize| {
        while i < n && is_blank(s[i]) {
            i += 1;
        }
        i
    };
    let word_then_blanks = |i: usize, w: &str| {
        let e = i + w.len();
        e <= n && s[i..e].iter().copied().eq(w.chars()) && skip_blanks(e) > e && skip_blanks(e) == n
    };
    if s.first() == Some(&',') {
        let i = skip_blanks(1);
        if i == n || ["and", "or"].iter().any(|w| word_then_blanks(i, w)) {
            return true;
        }
    }
    let i = skip_blanks(0);
    if i > 0
        && ["and", "or", "and/or", "&"]
            .iter()
            .any(|w| word_then_blanks(i, w))
    {
        return true;
    }
    i < n && matches!(s[i], '/' | '&') && skip_blanks(i + 1) == n
}

/// A character of a list item (`[\w.+#/()'’-]`).
fn is_item_char(c: char) -> bool {
    is_word(c) || matches!(c, '.' | '+' | '#' | '/' | '(' | ')' | '\'' | '’' | '-')
}

/// `_ITEM_BEFORE` searched in `t[lo..end]`: up to `ITEM_WORDS` words of item characters,
/// blank-separated, ending at `end`, not starting inside a word (a slash may stand before
/// it: "CI/CD"); where the leftmost such item starts.
fn item_before(t: &[char], lo: usize, end: usize) -> Option<usize> {
    if end == 0 || !is_item_char(t[end - 1]) {
        return None;
    }
    let mut reach = end;
    while reach > lo && (is_item_char(t[reach - 1]) || is_blank(t[reach - 1])) {
        reach -= 1;
    }
    let word_starts: Vec<usize> = (reach..end)
        .filter(|&i| is_item_char(t[i]) && (i == reach || is_blank(t[i - 1])))
        .collect();
    let mut next = 0; // the first of word_starts at or after p
    for p in reach..end {
        while next < word_starts.len() && word_starts[next] < p {
            next += 1;
        }
        if !is_item_char(t[p]) {
            continue;
        }
        let words = word_starts.len() - next + usize::from(word_starts.get(next) != Some(&p));
        // (?<![\w.+#()'’-]): the text before `lo` is seen
        if words <= ITEM_WORDS && (p == 0 || t[p - 1] == '/' || !is_item_char(t[p - 1])) {
            return Some(p);
        }
    }
    None
}

/// Where the words (runs of other than blanks) of `t[start..end]` start.
fn item_words(t: &[char], start: usize, end: usize) -> Vec<usize> {
    (start..end)
        .filter(|&i| !is_blank(t[i]) && (i == start || is_blank(t[i - 1])))
        .collect()
}

/// The ASCII words of `s` (which starts at `offset` of its text) as `words_key` reads text:
/// the (start, end) in the text of each run of ASCII letters and digits (any other
/// character, ASCII or not, separates them).
fn ascii_words(s: &[char], offset: usize) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut open: Option<usize> = None;
    for (p, c) in s.iter().enumerate() {
        match (c.is_ascii_alphanumeric(), open) {
            (true, None) => open = Some(p),
            (false, Some(a)) => {
                words.push((offset + a, offset + p));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(a) = open {
        words.push((offset + a, offset + s.len()));
    }
    words
}

/// Whether `t` holds `word` at `at`, compared as `re.IGNORECASE` does.
fn folded_is(t: &[char], at: usize, word: &str) -> bool {
    folded_at(t, at, word.chars()).is_some()
}

fn strip_by(s: &[char], strip: impl Fn(char) -> bool) -> &[char] {
    let a = s.iter().position(|&c| !strip(c)).unwrap_or(s.len());
    let b = s.iter().rposition(|&c| !strip(c)).map_or(a, |i| i + 1);
    &s[a..b]
}

/// `str.strip()`: Python whitespace off both ends.
fn strip(s: &[char]) -> &[char] {
    strip_by(s, is_space)
}
