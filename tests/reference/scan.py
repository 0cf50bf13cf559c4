"""The former fast path (``skillterms.find.scan`` before the compiled core): candidates found
with a handful of C-level passes over the whole text. Kept as the oracle of the core's typo
gate and of the candidates the production path gave before the core; nothing in the package
imports it.

The piece-level matcher (:mod:`skillterms.find.tables`) reads every piece in Python. Here the
text is read as bytes instead: one translation lowercases ASCII letters and turns every
other byte into a space, ``split`` gives the words, and set lookups run inside ``map``.
Python code runs only where something can match:

* a word that is a key, or may begin one together with the next word (the word pairs are
  built and looked up in C too), is followed word by word while the words still spell the
  start of a key; a key spelled across plain spaces or hyphens becomes a candidate here;
* anything subtler is handed to the piece-level matcher on a short window, so the rules
  stay in one place: keys with symbols ("C++", ".NET", "CI/CD"), other separators
  ("Node.js", "Power  BI"), and words that hold case or digit changes
  ("ExperienceKubernetes", "Python3", "k8s").

``encode("ascii", "replace")`` keeps one byte per character, so byte offsets are
character offsets. A test runs both paths over generated and real text and asserts that
they find the same candidates.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from itertools import compress, count
from typing import NamedTuple

from reference.fuzzy import FuzzyMatcher
from reference.pieces import key_tables, piece_candidates
from skillterms.find.tables import CUE_PIECES, FUNCTION_WORDS, Candidate, CompiledVocabulary, Entry, fitting_entry
from skillterms.text.tokenize import ASCII_WORDS, LINE_BREAK_CLASS, PIECE, words_key

__all__ = ["Scanner"]

_SHAPE = bytes(97 if 97 <= c <= 122 else 65 if 65 <= c <= 90 else 48 if 48 <= c <= 57 else 32 for c in range(256))
# Case and letter-to-digit changes inside a word: "ExperienceKubernetes", "PostgreSQLWe", "Python3".
_GLUED = (b"aA", b"AAa", b"a0", b"A0")
_SYMBOL_AFTER = frozenset("+#")  # "C++", "C#", "Notepad++"
_PLAIN_SEPARATORS = " -_\t\xa0"  # one of these between two words keeps a key on the fast path
WINDOW = 60  # characters after the last word looked at that a local window also takes
LONG_WORD = 200  # a glued "word" longer than this is read whole by the piece matcher
BLANK_RUN = 1000  # this many spaces in a row end any term
GLUED_CACHE_SIZE = 20_000  # distinct glued words kept (about 12 MB when full)
_BLANK_RUN = " " * BLANK_RUN
_NOT_SPACE = re.compile(r"[^ ]")


class Scanner:
    """Candidates of one compiled vocabulary, by the fast path."""

    def __init__(self, compiled: CompiledVocabulary, fuzzy: FuzzyMatcher | None = None):
        self.compiled = compiled
        self.fuzzy = fuzzy
        plain: dict[bytes, str] = {}  # words that spell a key with nothing else ("machinelearning")
        subtle: set[bytes] = set()  # words of keys that also hold symbols or other letters ("c" of "c++")
        prefixes: set[bytes] = set()
        for key in compiled.keys:
            word = words_key(key)
            if not word:
                continue
            if word.decode() == key:
                plain[word] = key
            else:
                subtle.add(word)
            prefixes.update(word[:n] for n in range(1, len(word) + 1))
        cues = {p.lower().encode() for p in CUE_PIECES}
        self._plain = plain
        self._subtle = frozenset(subtle)
        self._prefixes = frozenset(prefixes)  # every prefix of every key's words
        # A key may start only at a word the piece matcher would start at (not at "car" of "CART").
        self._firsts = frozenset(s.encode() for s in key_tables(compiled)[1] if s.isascii())
        self._cues = frozenset(cues)
        self._interesting = frozenset(set(plain) | subtle | cues)
        self._starts = key_tables(compiled)[1]
        self._glued: dict[str, _GluedWord] = {}  # glued words read so far (a cache; results never depend on it)

    def without_typos(self) -> "Scanner":
        """The same scanner with typo matching off, sharing these tables."""
        other = copy.copy(self)
        other.fuzzy = None
        return other

    def scan(self, clean: str) -> tuple[list[Candidate], list[int]]:
        """Candidates (case and boundary checked) and degree-cue offsets in ``clean``.

        The text is read one stretch at a time between runs of ``BLANK_RUN`` spaces (a
        blanked script, padding, the cut tail of a huge token): no term spans one, and the
        word list below would otherwise hold an entry per space."""
        at = clean.find(_BLANK_RUN) if len(clean) > len(_BLANK_RUN) else -1
        if at == -1:
            return self._scan_stretch(clean)
        cands: list[Candidate] = []
        cues: list[int] = []
        start = 0
        while start < len(clean):
            stop = at if at != -1 else len(clean)
            found, found_cues = self._scan_stretch(clean[start:stop])
            for c in found:
                c.start += start
                c.end += start
            cands += found
            cues += (q + start for q in found_cues)
            if at == -1:
                break
            after = _NOT_SPACE.search(clean, at)
            if after is None:
                break
            start = after.start()
            at = clean.find(_BLANK_RUN, start)
        return cands, cues

    def _scan_stretch(self, clean: str) -> tuple[list[Candidate], list[int]]:
        ascii_text = clean.encode("ascii", "replace")
        # One separator after each element, so element e starts at sum(len(before)) + e.
        lowered = ascii_text.translate(ASCII_WORDS)
        elems = lowered.split(b" ")
        where = list(compress(count(), elems))  # element index of each word
        where.append(len(elems) + 1)
        words = list(filter(None, elems))
        words.append(b"")  # every word has a next one
        prefixes = self._prefixes
        wanted = set(compress(count(), map(self._interesting.__contains__, words)))
        firsts = list(compress(count(), map(self._firsts.__contains__, words)))
        if firsts:  # a word that may begin a longer key, if the next word continues it
            pairs = map(bytes.__add__, map(words.__getitem__, firsts),
                        map(words.__getitem__, map((1).__add__, firsts)))
            longer = set(compress(firsts, map(prefixes.__contains__, pairs)))
            wanted |= longer
        else:
            longer = _NONE
        typos = self.fuzzy.find(words) if self.fuzzy is not None else {}
        if typos:
            wanted.update(compress(count(), map(typos.__contains__, words)))
        cands: list[Candidate] = []
        cues: list[int] = []
        windows: list[tuple[int, int, int]] = []  # for the piece matcher: (start, first_end, last_end)
        foreign = _foreign_letters(clean, ascii_text)
        symbols = _symbol_ends(ascii_text) if b"+" in ascii_text or b"#" in ascii_text else _NONE
        read, glued = self._glued_words(clean, ascii_text, lowered, foreign, cands, cues, windows)
        subtle, cue_words, plain, keys = self._subtle, self._cues, self._plain, self.compiled.keys
        start = element = 0
        for k in sorted(wanted):
            word = words[k]
            e = where[k]
            start += sum(map(len, elems[element:e])) + e - element
            element = e
            end = start + len(word)
            if start in read:
                continue  # the piece matcher has read this word already
            if word in cue_words:
                cues.append(start)
            if (word in subtle and _opening_dot(clean, start)) or (foreign and (start - 1 in foreign or end in foreign)):
                windows.append((start, end, end))
            elif k not in longer and word in plain and end not in symbols and word not in subtle:
                self._add(clean, start, end, keys[plain[word]], cands)  # a key by itself: most words
            elif not self._follow(clean, words, where, k, start, end, glued, foreign, symbols, cands, windows) \
                    and word in typos:
                self._typo(clean, start, end, *typos[word], cands)
        if windows:
            self._read_windows(clean, windows, cands, cues)
        if windows or glued:
            cands.sort(key=_by_start)
        return cands, cues

    def _follow(self, clean: str, words: list[bytes], where: list[int], k: int, start: int, end: int,
                glued: set[int], foreign: set[int], symbols: set[int], cands: list[Candidate],
                windows: list[tuple[int, int, int]]) -> bool:
        """Read words from ``words[k]`` on while they spell the start of a key; add the
        candidates found. Returns whether any key was seen."""
        plain, subtle, prefixes = self._plain, self._subtle, self._prefixes
        acc = words[k]
        last_end = end
        j = k
        found: list[tuple[int, str]] = []
        while True:
            if (j > k and acc in subtle) or last_end in symbols or last_end in foreign:
                # "CI/CD"-like keys, symbols glued on ("MISRA C++"), letters the ASCII view lost
                windows.append((start, end, last_end))
                return True
            key = plain.get(acc)
            if key is not None:
                found.append((last_end, key))
            nxt = words[j + 1]
            if not nxt:
                break
            width = where[j + 1] - where[j]
            gap = clean[last_end:last_end + width]
            into_glued = last_end + width in glued
            if into_glued:  # only the first piece of a glued word may continue the key
                nxt = _first_piece(clean, last_end + width)
            if width == 1 and gap in _PLAIN_SEPARATORS and not into_glued:
                if acc + nxt not in prefixes:
                    break
                acc += nxt
                last_end += 1 + len(nxt)
                j += 1
                continue
            if acc + nxt in prefixes and _may_join(gap):
                windows.append((start, end, last_end))
                return True
            break
        for stop, key in found:
            self._add(clean, start, stop, self.compiled.keys[key], cands)
        return bool(found)

    @staticmethod
    def _add(clean: str, start: int, end: int, entries: list[Entry], cands: list[Candidate]) -> None:
        written = clean[start:end]
        if written.isalnum():  # one word: the common case
            entry = entries[0]
            if entry.exact_forms is None or written in entry.exact_forms:
                cands.append(Candidate(start, end, entry, written))
                return
            entry = fitting_entry(entries, written)
            if entry is not None:
                cands.append(Candidate(start, end, entry, written, case_variant=entry.exact_forms is not None
                                       and written not in entry.exact_forms))
            return
        words = written.replace("-", " ").replace("_", " ").split()
        form = "".join(words)
        entry = fitting_entry(entries, form)
        if entry is None:
            return
        c = Candidate(start, end, entry, written,
                      case_variant=entry.exact_forms is not None and form not in entry.exact_forms)
        if len(words) > 1 and not entry.edge_words:
            for edge in (words[0], words[-1]):
                if edge.islower() and edge in FUNCTION_WORDS:
                    c.status, c.reason = "rejected", f"would take in the word {edge!r}"
        cands.append(c)

    def _glued_words(self, clean: str, ascii_text: bytes, lowered: bytes, foreign: set[int],
                     cands: list[Candidate], cues: list[int], windows: list) -> tuple[set[int], set[int]]:
        """Hand words that hold several pieces to the piece matcher. Returns the starts of the
        words it read and the starts of the glued words."""
        shape = ascii_text.translate(_SHAPE)
        spans: dict[int, int] = {}
        for pattern in _GLUED:
            at = shape.find(pattern)
            while at != -1:
                start = shape.rfind(b" ", 0, at) + 1
                if start not in spans:
                    end = shape.find(b" ", at)
                    spans[start] = end if end != -1 else len(shape)
                at = shape.find(pattern, at + 1)
        if not spans:
            return _NONE, _NONE
        prefixes, known = self._prefixes, self._glued
        read = set(spans)  # the fast path never reads a glued word as one piece
        for start in sorted(spans):
            end = spans[start]
            if end - start > LONG_WORD:  # one huge "word": read it in one pass, no tail checks
                windows.append((start, end, end))
                continue
            word = clean[start:end]
            glued = known.get(word)
            if glued is None:
                glued = self._learn_glued(word)
            # A key may also begin in the word before and run into this one ("T-SQLExperience",
            # "network managementExperience").
            before = start - 1
            while before >= 0 and shape[before] == 32:
                before -= 1
            first = lowered.rfind(b" ", 0, before) + 1 if before >= 0 else start
            if first < start and lowered[first:before + 1] + glued.head in prefixes:
                read.add(first)
                windows.append((first, end, end))
            elif glued.opens:
                following = _next_word(lowered, end, spans, clean)
                if (following and any(t + following in prefixes for t in glued.tails)) or _opening_dot(clean, start) \
                        or _symbol_after(clean, end) or end in foreign or start - 1 in foreign:  # runs on past the word
                    windows.append((start, end, end))
                elif glued.found is not None:
                    cands.extend(Candidate(c.start + start, c.end + start, c.entry, c.surface, c.glued, c.absorbed,
                                           c.note, c.status, c.reason, c.case_variant) for c in glued.found)
                    cues.extend(q + start for q in glued.cues)
        return read, set(spans)

    def _learn_glued(self, word: str) -> "_GluedWord":
        """What the scanner needs to know of one glued word, read once and kept: the same
        words ("JavaScript", "PostgreSQL", "DevOps") recur across a corpus."""
        pieces = PIECE.findall(word)  # never empty: the word holds ASCII letters or digits
        lows = [p.lower() for p in pieces]
        opens = any(low in self._starts or p in CUE_PIECES for p, low in zip(pieces, lows)) or \
            any("".join(lows[i:]) in self.compiled.keys for i in range(len(lows) - 1))  # "AirFlow"
        found = cues = None
        if opens and self._holds_key(pieces):
            found, cues = piece_candidates(self.compiled, word)
        glued = _GluedWord(lows[0].encode(), opens, tuple("".join(lows[i:]).encode() for i in range(len(lows))),
                           found, cues)
        if len(self._glued) >= GLUED_CACHE_SIZE:
            self._glued.clear()
        self._glued[word] = glued
        return glued

    def _holds_key(self, pieces: list[str]) -> bool:
        """Whether the pieces of one glued word spell a key or a cue somewhere."""
        firsts, keys, prefixes = self._starts, self.compiled.keys, key_tables(self.compiled)[0]
        lows = [p.lower() for p in pieces]
        for i, piece in enumerate(pieces):
            if piece in CUE_PIECES or (i < len(pieces) - 1 and "".join(lows[i:]) in keys):
                return True
            if lows[i] not in firsts:
                continue
            acc = lows[i]
            if acc in keys:
                return True
            for low in lows[i + 1:]:
                acc += low
                if acc in keys:
                    return True
                if acc not in prefixes:
                    break
        return False

    def _read_windows(self, clean: str, windows: list[tuple[int, int, int]], cands: list[Candidate],
                      cues: list[int]) -> None:
        """The piece matcher on every window, overlapping windows merged into one read (dense
        text such as "C++C++C++..." would otherwise be read once per word). Only candidates
        that start where a window asked for them are kept; the rest were the fast path's."""
        spans = []
        for start, first_end, last_end in windows:
            if _opening_dot(clean, start):
                start -= 1  # ".NET"
            while start and not clean[start - 1].isascii() and clean[start - 1].isalnum():
                start -= 1  # letters the ASCII view cannot see: "µC/OS"
            spans.append((start, first_end, last_end))
        spans.sort()
        region: list[tuple[int, int]] = []
        region_start = reach = -1
        for start, first_end, last_end in spans:
            if start > reach and region:
                self._read_region(clean, region_start, reach, region, cands, cues)
                region = []
            if not region:
                region_start = start
            region.append((start, first_end))
            reach = max(reach, _window_end(clean, last_end))
        self._read_region(clean, region_start, reach, region, cands, cues)

    def _read_region(self, clean: str, start: int, reach: int, asked: list[tuple[int, int]],
                     cands: list[Candidate], cues: list[int]) -> None:
        found, found_cues = piece_candidates(self.compiled, clean[start:reach], start)
        cues.extend(found_cues)
        intervals = _merge(asked)
        lows = [lo for lo, _ in intervals]
        for c in found:
            k = bisect_right(lows, c.start) - 1
            if k >= 0 and c.start < intervals[k][1]:
                cands.append(c)

    @staticmethod
    def _typo(clean: str, start: int, end: int, key: str, entry: Entry, cands: list[Candidate]) -> None:
        if clean[start].isupper():  # product names are written capitalised; "pytohn" stays a word
            cands.append(Candidate(start, end, entry, clean[start:end], note=f"typo of {key!r}"))


_NONE: frozenset = frozenset()


class _GluedWord(NamedTuple):
    head: bytes  # the first piece, lowercase: a key from the word before may run into it
    opens: bool  # some piece may start a key or is a degree cue
    tails: tuple[bytes, ...]  # the word from each piece on, lowercase: a key may run on past it
    found: list[Candidate] | None  # the candidates of the word read alone, at offset 0
    cues: list[int] | None


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def _by_start(c: Candidate) -> tuple[int, int]:
    return c.start, -c.end


# No key holds one of these: a character that is neither part of a piece nor of a soft gap
# (a comma, a bracket), or a line break (see tokenize.is_soft_gap).
_ENDS_EVERY_KEY = re.compile(r"[^\w\s.+#/&\-]|" + LINE_BREAK_CLASS)


def _window_end(clean: str, last_end: int) -> int:
    """Where a local window after the last word looked at (ending at ``last_end``) may stop:
    at the first character no key holds, else at the first space after ``WINDOW`` more
    characters (a margin for keys that run on), but never far: a text without spaces must
    not make the read run to its end."""
    hard = _ENDS_EVERY_KEY.search(clean, last_end, last_end + WINDOW)
    if hard is not None:
        return hard.start()
    reach = last_end + WINDOW
    stop = clean.find(" ", reach, reach + WINDOW)
    return stop if stop != -1 else reach + WINDOW


def _first_piece(clean: str, start: int) -> bytes:
    m = PIECE.match(clean, start)
    return m.group().lower().encode("ascii", "replace") if m else b""


def _next_word(lowered: bytes, end: int, glued: dict[int, int], clean: str) -> bytes:
    """What may continue a key after offset ``end``: the next lowercase word, or only the
    first piece of it when it is glued ("PytorchMachine LearningPython")."""
    n = len(lowered)
    while end < n and lowered[end] == 32:
        end += 1
    if end in glued:
        return _first_piece(clean, end)
    stop = lowered.find(b" ", end)
    return lowered[end:stop if stop != -1 else n]


def _foreign_letters(clean: str, ascii_text: bytes) -> set[int]:
    """Offsets of letters and digits outside ASCII ("一2FA", "Café"): words touching one are
    not whole words to the piece matcher."""
    if clean.isascii():
        return _NONE
    out = set()
    at = ascii_text.find(b"?")
    while at != -1:
        if clean[at].isalnum():
            out.add(at)
        at = ascii_text.find(b"?", at + 1)
    return out


def _symbol_ends(ascii_text: bytes) -> set[int]:
    """Offsets right after words that a "+" or "#" follows, spaces and soft separators
    allowed in between: where "C++", "C #" and "MISRA C++" end their words."""
    out = set()
    for symbol in (b"+", b"#"):
        at = ascii_text.find(symbol)
        while at != -1:
            end = at
            while end > 0 and ascii_text[end - 1] in b" \t.-_" and at - end < 2:
                end -= 1
            out.add(end)
            at = ascii_text.find(symbol, at + 1)
    return out


def _symbol_after(clean: str, end: int) -> bool:
    """A "+" or "#" right after offset ``end``, spaces allowed: "C++", "Q #"."""
    return clean[end:end + 3].lstrip(" \t\xa0.-_")[:1] in _SYMBOL_AFTER


def _may_join(gap: str) -> bool:
    """Whether a term may span this gap: soft separators, symbols of keys ("CI/CD", "R&D"), or
    letters the ASCII view turned into separators ("Naïve")."""
    return not gap.strip(" \t\xa0-._/+#&") or any(not ch.isascii() and ch.isalnum() for ch in gap)


def _opening_dot(clean: str, start: int) -> bool:
    """A dot right before this word that opens it (".NET"), not one inside a word ("ASP.NET")."""
    return start >= 1 and clean[start - 1] == "." and (start < 2 or not clean[start - 2].isalnum())
