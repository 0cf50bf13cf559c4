//! The phrase matcher behind `skillterms.text.rulewords.phrase_pattern`, without a regex.
//!
//! `phrase_pattern` compiles a list of phrases into a trie-shaped alternation: at each level
//! the words are tried longest first, then in code-point order, each followed by
//! `\s+(?:<the next level>)`, optional where a phrase may end there (greedy: the longer
//! phrase first). Python's `re` returns the first match of that backtracking search, so the
//! same depth-first walk, trying alternatives in the same order and asking the rest of the
//! pattern (the caller's continuation) at each possible end, finds the same match.
use crate::pychars::{fold, is_space, is_word};

#[derive(Default)]
struct Node {
    /// (word, what may follow it), in the order the alternation tries them
    children: Vec<(Vec<char>, Node)>,
    /// a phrase ends here
    ends: bool,
}

impl Node {
    fn insert(&mut self, words: &[Vec<char>]) {
        match words.split_first() {
            None => self.ends = true,
            Some((word, rest)) => {
                let at = match self.children.iter().position(|(w, _)| w == word) {
                    Some(at) => at,
                    None => {
                        self.children.push((word.clone(), Node::default()));
                        self.children.len() - 1
                    }
                };
                self.children[at].1.insert(rest);
            }
        }
    }

    /// Orders every level as `_words_alternation` does: longer words first, then by code
    /// point (its key is `(-len(word), word)`; Rust compares `Vec<char>` the same way).
    fn order(&mut self) {
        self.children
            .sort_by(|(a, _), (b, _)| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        for (_, child) in &mut self.children {
            child.order();
        }
    }

    /// Folds the words for case-insensitive matching, after ordering (the order is the
    /// pattern's, which sorts the lowercased words, not their folds).
    fn fold_words(&mut self) {
        for (word, child) in &mut self.children {
            for c in word.iter_mut() {
                *c = fold(*c);
            }
            child.fold_words();
        }
    }
}

/// A root word in the first-character index: its place among the root's words, and its
/// second character (`None` for a one-character word), checked before the word is read.
#[derive(Clone, Copy)]
struct Head {
    index: u32,
    second: Option<char>,
}

/// One compiled phrase list.
pub struct Phrases {
    root: Node,
    /// matched against folded text (`re.IGNORECASE`) rather than the text as given
    pub ignore_case: bool,
    /// the first characters of the first words (as compared), for a quick scan: ASCII ones
    /// by table, as a search asks at every position of a text
    first_ascii: [bool; 128],
    first_other: Vec<char>,
    /// for an ASCII first character, the ASCII second characters a root word may have there
    /// (every bit set where a one-character word, or one with a non-ASCII second, starts so)
    second_ascii: [u128; 128],
    /// the root's words by first character (as compared), each list in the root's order: a
    /// walk tries only the words that can match at all, in the order the alternation does
    by_first_ascii: [Vec<Head>; 128],
    by_first_other: Vec<(char, Vec<Head>)>,
    /// every phrase starts with a word character
    pub word_first: bool,
    /// `may_start` for each pair of ASCII first characters (see `pair_code`), one bit each
    pairs: Vec<u64>,
}

/// `pair_code` of a position whose first two characters are not both ASCII.
pub const NO_PAIR: u16 = u16::MAX;

/// The first two characters at `pos` of `cmp` as one number when both are ASCII (else
/// `NO_PAIR`): what `Phrases::may_start_pair` reads, computed once per word start of a text
/// for every phrase list that searches it.
pub fn pair_code(cmp: &[char], pos: usize) -> u16 {
    match (cmp.get(pos), cmp.get(pos + 1)) {
        (Some(&c), Some(&d)) if (c as u32) < 128 && (d as u32) < 128 => {
            ((c as u16) << 7) | d as u16
        }
        _ => NO_PAIR,
    }
}

impl Phrases {
    /// `phrases` are the lowercased words of each phrase, as `phrase_pattern` splits them.
    pub fn new(phrases: &[Vec<String>], ignore_case: bool) -> Self {
        let mut root = Node::default();
        for phrase in phrases {
            let words: Vec<Vec<char>> = phrase.iter().map(|w| w.chars().collect()).collect();
            if !words.iter().any(|w| w.is_empty()) {
                root.insert(&words);
            }
        }
        root.order();
        if ignore_case {
            root.fold_words();
        }
        let mut first_ascii = [false; 128];
        let mut first_other = Vec::new();
        for c in root.children.iter().filter_map(|(w, _)| w.first().copied()) {
            match first_ascii.get_mut(c as usize) {
                Some(slot) => *slot = true,
                None => first_other.push(c),
            }
        }
        let mut by_first_ascii: [Vec<Head>; 128] = std::array::from_fn(|_| Vec::new());
        let mut by_first_other: Vec<(char, Vec<Head>)> = Vec::new();
        for (i, (w, _)) in root.children.iter().enumerate() {
            let Some(&c) = w.first() else { continue };
            let head = Head {
                index: i as u32,
                second: w.get(1).copied(),
            };
            match by_first_ascii.get_mut(c as usize) {
                Some(list) => list.push(head),
                None => match by_first_other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, list)) => list.push(head),
                    None => by_first_other.push((c, vec![head])),
                },
            }
        }
        by_first_other.sort_by_key(|(c, _)| *c);
        let mut second_ascii = [0u128; 128];
        for (w, _) in &root.children {
            let Some(slot) = w.first().and_then(|&c| second_ascii.get_mut(c as usize)) else {
                continue;
            };
            match w.get(1) {
                Some(&d) if (d as u32) < 128 => *slot |= 1u128 << (d as u32),
                _ => *slot = u128::MAX,
            }
        }
        let word_first = root
            .children
            .iter()
            .all(|(w, _)| w.first().is_some_and(|&c| is_word(c)));
        first_other.sort_unstable();
        first_other.dedup();
        let mut pairs = vec![0u64; 128 * 128 / 64];
        for c in 0..128usize {
            for d in 0..128u32 {
                if first_ascii[c] && second_ascii[c] >> d & 1 != 0 {
                    let code = (c << 7) | d as usize;
                    pairs[code >> 6] |= 1 << (code & 63);
                }
            }
        }
        Phrases {
            pairs,
            root,
            ignore_case,
            first_ascii,
            first_other,
            second_ascii,
            by_first_ascii,
            by_first_other,
            word_first,
        }
    }

    /// Whether a phrase could start at `pos` of `cmp` (the text as this list compares it): a
    /// quick filter, `walk` decides.
    pub fn may_start(&self, cmp: &[char], pos: usize) -> bool {
        match cmp.get(pos) {
            None => false,
            Some(&c) => match self.first_ascii.get(c as usize) {
                Some(&ascii) => {
                    // the second character too: a word start rarely passes both
                    ascii
                        && match cmp.get(pos + 1) {
                            Some(&d) if (d as u32) < 128 => {
                                self.second_ascii[c as usize] >> (d as u32) & 1 != 0
                            }
                            _ => true,
                        }
                }
                None => self.first_other.binary_search(&c).is_ok(),
            },
        }
    }

    /// `may_start` at a position with this `pair_code`, when it tells (both characters ASCII).
    #[inline]
    pub fn may_start_pair(&self, code: u16) -> Option<bool> {
        (code != NO_PAIR).then(|| self.pairs[(code >> 6) as usize] >> (code & 63) & 1 != 0)
    }

    /// The first match of the alternation at `pos` for which `cont` (the rest of the
    /// pattern, given where the phrase ends) succeeds, as Python's backtracking finds it.
    /// `cmp` is the text as compared (folded or lowercased); nothing at or past `hi` is read.
    pub fn walk<T>(
        &self,
        cmp: &[char],
        pos: usize,
        hi: usize,
        cont: &mut dyn FnMut(usize) -> Option<T>,
    ) -> Option<T> {
        let hi = hi.min(cmp.len());
        let &c = cmp.get(pos)?;
        let heads: &[Head] = match self.by_first_ascii.get(c as usize) {
            Some(list) => list,
            None => match self.by_first_other.binary_search_by_key(&c, |(o, _)| *o) {
                Ok(at) => &self.by_first_other[at].1,
                Err(_) => return None,
            },
        };
        let next = cmp.get(pos + 1).copied();
        for head in heads {
            if head.second.is_some() && head.second != next {
                continue;
            }
            let (word, child) = &self.root.children[head.index as usize];
            if let Some(found) = try_word(word, child, cmp, pos, hi, cont) {
                return Some(found);
            }
        }
        None
    }
}

fn walk<T>(
    node: &Node,
    cmp: &[char],
    pos: usize,
    hi: usize,
    cont: &mut dyn FnMut(usize) -> Option<T>,
) -> Option<T> {
    let first = cmp.get(pos)?;
    for (word, child) in &node.children {
        // the first character settles most attempts, without a slice comparison
        if word.first() != Some(first) {
            continue;
        }
        if let Some(found) = try_word(word, child, cmp, pos, hi, cont) {
            return Some(found);
        }
    }
    None
}

/// One alternative of a level: `word` at `pos`, then what may follow it, then `cont`.
fn try_word<T>(
    word: &[char],
    child: &Node,
    cmp: &[char],
    pos: usize,
    hi: usize,
    cont: &mut dyn FnMut(usize) -> Option<T>,
) -> Option<T> {
    let end = pos + word.len();
    // words are short: an element loop beats a call to memcmp
    if end > hi || !cmp[pos..end].iter().zip(word).all(|(a, b)| a == b) {
        return None;
    }
    if !child.children.is_empty() {
        let mut most = end;
        while most < hi && is_space(cmp[most]) {
            most += 1;
        }
        // `\s+` is greedy: the longest run first, then shorter ones
        for at in (end + 1..=most).rev() {
            if let Some(found) = walk(child, cmp, at, hi, cont) {
                return Some(found);
            }
        }
        if !child.ends {
            return None;
        }
    }
    cont(end)
}
