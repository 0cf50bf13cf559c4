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
    /// what the root words' first four characters may be, read from a position's
    /// `head_code` (see `HeadFilter`)
    heads: HeadFilter,
}

/// `head_code` of a position whose first four characters are not all ASCII.
pub const NO_HEAD: u32 = u32::MAX;

/// The first four characters at `pos` of `cmp` as one number, seven bits each, the first
/// highest, when they are ASCII (past the end of `cmp`, 0; else `NO_HEAD`): what
/// `Phrases::may_start_head` reads, computed once per word start of a text for every phrase
/// list that searches it.
pub fn head_code(cmp: &[char], pos: usize) -> u32 {
    let mut code = 0u32;
    for k in 0..4 {
        let c = cmp.get(pos + k).map_or(0, |&c| c as u32);
        if c >= 128 {
            return NO_HEAD;
        }
        code = (code << 7) | c;
    }
    code
}

/// Which head codes a root word may start at, one set per length of word: a word of one,
/// two or three characters by those (its only characters), a longer one by its first four.
/// The one- and two-character sets are exact, the others hashed (a shared bit only lets a
/// walk be tried that then fails). A word with a character past ASCII among its first four
/// needs no bit: where it matches, the head code is `NO_HEAD`, which is always tried.
struct HeadFilter {
    ones: u128,
    twos: Vec<u64>,
    threes: Vec<u64>,
    fours: Vec<u64>,
}

/// Bits of the hashed sets: 2^12, 512 bytes a set (a list has tens of words; the sets of the
/// lists a text is searched for stay in the first-level cache).
const HEAD_HASH_BITS: u32 = 12;

fn head_hash(code: u32) -> usize {
    (code.wrapping_mul(0x9E37_79B1) >> (32 - HEAD_HASH_BITS)) as usize
}

fn set_bit(bits: &mut [u64], at: usize) {
    bits[at >> 6] |= 1 << (at & 63);
}

fn bit_at(bits: &[u64], at: usize) -> bool {
    bits[at >> 6] >> (at & 63) & 1 != 0
}

impl HeadFilter {
    fn new<'a>(words: impl Iterator<Item = &'a [char]>) -> Self {
        let mut heads = HeadFilter {
            ones: 0,
            twos: vec![0; (1 << 14) / 64],
            threes: vec![0; (1 << HEAD_HASH_BITS) / 64],
            fours: vec![0; (1 << HEAD_HASH_BITS) / 64],
        };
        for word in words {
            let head = &word[..word.len().min(4)];
            if head.is_empty() || !head.iter().all(char::is_ascii) {
                continue;
            }
            let code = head.iter().fold(0u32, |code, &c| (code << 7) | c as u32);
            match head.len() {
                1 => heads.ones |= 1 << code,
                2 => set_bit(&mut heads.twos, code as usize),
                3 => set_bit(&mut heads.threes, head_hash(code)),
                _ => set_bit(&mut heads.fours, head_hash(code)),
            }
        }
        heads
    }

    fn may_start(&self, code: u32) -> bool {
        self.ones >> (code >> 21) & 1 != 0
            || bit_at(&self.twos, (code >> 14) as usize)
            || bit_at(&self.threes, head_hash(code >> 7))
            || bit_at(&self.fours, head_hash(code))
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
        let heads = HeadFilter::new(root.children.iter().map(|(w, _)| w.as_slice()));
        Phrases {
            heads,
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

    /// `may_start` at a position with this `head_code`, when it tells (its first four
    /// characters ASCII).
    #[inline]
    pub fn may_start_head(&self, code: u32) -> Option<bool> {
        (code != NO_HEAD).then(|| self.heads.may_start(code))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_word_passes_the_head_filter_wherever_it_starts() {
        let phrases: Vec<Vec<String>> = [
            "a b",
            "we",
            "our",
            "investors like",
            "equal opportunity",
            "ex-",
            "naïve x",
            "é",
        ]
        .iter()
        .map(|p| p.split(' ').map(String::from).collect())
        .collect();
        let list = Phrases::new(&phrases, false);
        for phrase in &phrases {
            for tail in ["", " ", "x", "'s ", "é"] {
                let text: Vec<char> = format!("{}{}", phrase.join(" "), tail).chars().collect();
                let code = head_code(&text, 0);
                assert_ne!(list.may_start_head(code), Some(false), "{text:?}");
            }
        }
        // a word start that no root word may have is passed by
        let other: Vec<char> = "zebra crossing".chars().collect();
        assert_eq!(list.may_start_head(head_code(&other, 0)), Some(false));
    }
}
