"""The Python implementation of ``skillterms.resolve.regions.find_regions``: the oracle the
compiled core (native/src/regions.rs) is compared with, as it was before the port. Not a
runtime path: only the tests and tools/core_diff.py import it.

What each region is and why is told in that module's docstring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

from skillterms.resolve.regions import Region, Regions
from reference.rule_patterns import patterns
from skillterms.text.rulewords import RuleWords, lowercase
from skillterms.text.tokenize import BULLETS, LINE_BREAK, LINE_BREAK_CLASS
from skillterms.text.wordlist import common_words

__all__ = ["find_regions"]

HEADER_LINE_MAX = 600  # a header line is the first line, read up to this many characters
HEADER_FIELD_MAX = 120  # the last header field ends within this many characters of its "|"
TITLE_LINE_MAX = 100  # a title label covers its line up to this many characters
MENTION_ITEMS_MAX = 12  # names read after one employer-mention cue


# Where scraped text glued two runs of words: "Full-TimeNeo.Tax builds", "comJuniper is".
_GLUE = re.compile(r"(?<=[a-z0-9.)])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z]{2,})")
_LINE_END = LINE_BREAK
_BLANK_RUN = re.compile(r"[ \t\xa0]{2,}")
# Sentences end at a full stop, a line break or a bullet, and where scraped text glued one
# onto a word before it ("Full-timeWe build", "SQL-likeGerdau believes"): a lowercase run
# of three letters, then a capitalised word that stands whole (so "GitLab," stays a word).
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'’”)\]]|[A-Z][a-z]|$)|" + LINE_BREAK_CLASS + rf"|[{BULLETS}]|\s[*-]\s")
_SENTENCE_GLUE = re.compile(r"(?:[a-z]{3}|\))(?=[A-Z][a-z]+[ \t'’])")  # the sentence ends where the match does
_LEAD = re.compile(rf"[\s*{BULLETS}>#-]*")
# A name: capitalised words (digits, dots and & allowed inside: "Neo.Tax", "AT&T"), at most four.
_NAME_WORD = r"(?:[\w&'’+-]|\.(?=\w))*"  # a dot only inside a name ("Neo.Tax"), not a full stop
_NAME = re.compile(rf"[A-Z]{_NAME_WORD}(?:[ \t]+(?:[A-Z0-9]{_NAME_WORD}|of|for|and|&)){{0,3}}")
_PARENTHETICAL = re.compile(r"[ \t]*\([^()\n]{0,100}\)")
_NOT_A_DESCRIPTION = re.compile(r"[ \t]+(?:plus|must|bonus|requirement|big|huge|strong|key|great|core|"
                                r"preferred|required|nice|definite|good|major)\b", re.IGNORECASE)
_MENTION_LEAD = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:including|include|includes|such as|like|are|:)[ \t]+)?"
                           r"(?:the[ \t]+)?")
_MENTION_ITEM = re.compile(rf"[A-Z0-9]{_NAME_WORD}(?:[ \t]+[A-Z0-9]{_NAME_WORD}){{0,3}}")
_MENTION_SEP = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*|[ \t]*/[ \t]*)"
                          r"(?:the[ \t]+)?")
_HEADING_TAIL = re.compile(r"[ \t]*:|[ \t]*$|[ \t\xa0]{2,}|(?=[A-Z][a-z])", re.MULTILINE)
# Any other short line that reads as a heading ("What You'll Work On", "Tech:") ends a block.
_ANY_HEADING = re.compile(r"(?:[A-Z][\w'’&/-]*(?:[ \t]+[\w'’&/-]+){0,6}[ \t]*:|"
                          r"(?:[A-Z][\w'’&/-]*|a|an|the|of|to|and|for|in|on|at|with|you|we)"
                          r"(?:[ \t]+(?:[A-Z][\w'’&/-]*|a|an|the|of|to|and|for|in|on|at|with|you|we)){0,6})[ \t]*$",
                          re.MULTILINE)
_BULLETS = re.compile(rf"[ \t*{BULLETS}>#-]*")
# Where a heading may also start in scraped text that lost its line breaks: right after a
# full stop, colon or bracket, or a lowercase letter, with no space ("investors.What You'll
# Do:", "About Tennr:Today", "Role DescriptionThis").
_GLUED_STARTS = re.compile(r"[a-z.:;!?)](?=[A-Z])")  # the start is one past the match
_BAR = "|"


def find_regions(text: str, words: RuleWords, term_starts: frozenset[int] = frozenset()) -> Regions:
    """Every region of ``text`` (clean text, as normalize gives it).

    ``term_starts`` are the offsets where candidate terms start: a name that starts with a
    term ("Python is a must") is not a company describing itself.
    """
    sentences = list(_sentence_spans(text))
    low = lowercase(text)
    regions: list[Region] = _header(text, words)
    lead_from = regions[-1].end if regions else None  # after a header line comes the company's pitch
    lines, glued = _line_starts(text), _glued_starts(text)
    regions += _title_lines(text, words, lines, glued)
    regions += _team_lists(text, words)
    regions += _sections(text, words, sentences, lines, glued)
    company = _sentences(text, low, words, term_starts, sentences, lead_from)
    regions += company
    regions += _employer_names(text, words, sentences, term_starts)
    regions += _mentions(text, low, patterns(words).mention_cues)
    regions += [r for r in _mentions(text, low, patterns(words).company_mention_cues)
                if any(c.start <= r.start < c.end for c in company if c.concepts_only)]
    return Regions(regions)


def _header(text: str, words: RuleWords) -> list[Region]:
    stop = _LINE_END.search(text, 0, HEADER_LINE_MAX)
    line = text[:stop.start() if stop else HEADER_LINE_MAX]
    bars = [i for i, ch in enumerate(line) if ch == _BAR]
    if len(bars) < 2 or not patterns(words).header_words.search(line):
        return []
    last = bars[-1] + 1
    end = last + HEADER_FIELD_MAX
    lead = last + 1 if text[last:last + 1] in (" ", "\t") else last
    blank = _BLANK_RUN.search(text, lead, end)
    for found in (_GLUE.search(text, lead + 1, end), blank, _LINE_END.search(text, last, end),
                  re.compile(r"\.(?=\s)").search(text, lead, end)):
        if found is not None and found.start() < end:
            end = found.start()
    if blank is not None and blank.start() == lead:  # the last field is a blanked address
        end = blank.end()
    end = min(end, len(text))
    return [Region(0, bars[0], "the employer field of a header line", False),
            Region(bars[0], end, "a header line (role, place, terms)", True)]


def _title_lines(text: str, words: RuleWords, lines: list[int], glued: list[int]) -> list[Region]:
    """"Role: AI/ML Engineer" to the end of its line; in glued text ("Job ClassSoftware
    EngineeringJob Category") to the next glue point."""
    out = []
    starts = [(at, False) for at in lines] + [(at, True) for at in glued]
    for start, glued in starts:
        m = patterns(words).title_labels.match(text, start)
        if m is None:
            continue
        limit = min(len(text), m.end() + TITLE_LINE_MAX)
        stop = _LINE_END.search(text, m.end(), limit)
        end = stop.start() if stop else limit
        if glued or text[m.end() - 1:m.end()] != ":":
            glue = _GLUED_STARTS.search(text, m.end(), end)
            end = glue.end() if glue else end
        out.append(Region(m.end(), end, "a job title or team name, not a skill", True))
    return out


def _team_lists(text: str, words: RuleWords) -> list[Region]:
    """A list that names teams: "engineering teams (data engineering, pricing)", "teams
    including perception, control and software engineering"."""
    out = []
    for m in patterns(words).team_lists.finditer(text):
        group = "bracket" if m.group("bracket") is not None else "list"
        out.append(Region(m.start(group), m.end(group), "a list of team names", True))
    return out


def _line_starts(text: str) -> list[int]:
    """Where each line's text starts, past bullets and indentation."""
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    return [_BULLETS.match(text, at).end() for at in starts]


def _glued_starts(text: str) -> list[int]:
    """Where scraped text glued a capitalised word onto the one before ("investors.What")."""
    return [m.end() for m in _GLUED_STARTS.finditer(text)]


def _heading_at(text: str, at: int, words: RuleWords) -> tuple[str, int] | None:
    """The kind of section heading that starts at ``at`` and where it ends, or None."""
    for kind in ("job", "company", "benefits", "legal"):
        m = patterns(words).sections[kind].match(text, at)
        if m is not None and (m.end() == len(text) or not text[m.end()].isalnum() or text[m.end()].isupper()):
            tail = _HEADING_TAIL.match(text, m.end())
            if tail is not None:
                return kind, tail.end()
    m = patterns(words).company_named.match(text, at)
    if m is not None:
        name = _NAME.match(text, m.end())
        if name is not None:
            tail = _HEADING_TAIL.match(text, name.end())
            if tail is not None and (tail.group().strip() or text[tail.end():tail.end() + 1] in ("\n", "\r", "")):
                return "company", tail.end()
    return None


# (reason, concepts only, longest block): a block whose closing heading went unseen must not
# swallow the listing, and no about-us, benefits or legal section runs longer than this.
_BLOCK_KINDS = {
    "company": ("text about the company", True, 1500),
    "benefits": ("benefits and pay", False, 2000),
    "legal": ("legal or privacy text", False, 3000),
}
LEGAL_REACH = 300  # a legal phrase marks its sentence, at most this many characters each side


def _sections(text: str, words: RuleWords, sentences: list[tuple[int, int]], lines: list[int],
              glued: list[int]) -> list[Region]:
    headings = []
    for start in lines:
        found = _heading_at(text, start, words)
        if found is not None:
            headings.append((start, *found))
        elif headings and _ANY_HEADING.match(text, start) is not None:
            headings.append((start, "job", start))
    seen = {h[0] for h in headings}
    for at in glued:
        if at not in seen:
            found = _heading_at(text, at, words)
            if found is not None:
                headings.append((at, *found))
    headings.sort()
    out = []
    for i, (start, kind, _end) in enumerate(headings):
        if kind == "job":
            continue
        stop = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        label, concepts_only, longest = _BLOCK_KINDS[kind]
        stop = min(stop, start + longest, _first_job_sentence(text, words, sentences, _end, stop))
        out.append(Region(start, stop, label, concepts_only))
    return out


def _first_job_sentence(text: str, words: RuleWords, sentences: list[tuple[int, int]], after: int,
                        stop: int) -> int:
    """Where the first sentence that speaks of the job starts, between ``after`` (the end of a
    heading) and ``stop``; ``stop`` if there is none."""
    k = bisect_right(sentences, (after, 1 << 62)) - 1
    for start, end in sentences[max(k, 0):]:
        if start >= stop:
            break
        start = max(start, after)
        if end <= start:
            continue
        if _is_job_sentence(text, words, start, end):
            return start
    return stop


def _sentence_spans(text: str) -> Iterable[tuple[int, int]]:
    ends = [m.span() for m in _SENTENCE_END.finditer(text)]
    if any(c.isupper() for c in text):  # cheap before a scan for glued sentences
        ends += [(m.end(), m.end()) for m in _SENTENCE_GLUE.finditer(text)]
        ends.sort(key=lambda span: span[1])
    start = 0
    for first, end in ends:
        if end <= start:
            continue
        if first > start:
            yield start, end
        start = end
    if start < len(text):
        yield start, len(text)


def _is_job_sentence(text: str, words: RuleWords, start: int, end: int) -> bool:
    """A sentence that speaks of the job or the candidate ("you will", "we're looking for",
    "Experience with ...", "we use ...")."""
    sentence = text[start:end]  # a slice: a sentence glued to the word before it starts a word here
    lead = _LEAD.match(sentence).end()
    return patterns(words).job_sentence_words.search(sentence) is not None or \
        patterns(words).job_sentence_starts.match(sentence, lead) is not None


def _describes_company(text: str, words: RuleWords, start: int, end: int,
                       term_starts: frozenset[int]) -> str | None:
    """Whether a sentence starts by describing the company ("We are a ...", "Our mission ...",
    "Acme (acme.com) is the ...", "At Acme, we build ..."): the company's name where the
    sentence gives one, "" where it does not, None for any other sentence."""
    at = _LEAD.match(text, start, end).end()
    if patterns(words).company_starts.match(text, at, end):
        return ""
    if text.startswith(("At ", "at "), at):  # "At Acme, we ..."
        at += 3
        name = _NAME.match(text, at, end)
        if name is not None and _AT_NAME_WE.match(text, name.end(), end):
            return name.group()
    name = _NAME.match(text, at, end)
    if name is None or at in term_starts:
        return None
    first = text[at:name.end()].split()[0].lower().strip(".,")
    if first in common_words() and " " not in text[at:name.end()].strip():
        return None  # "Experience is a plus": a common word alone is no company name
    after = name.end()
    paren = _PARENTHETICAL.match(text, after, end)
    if paren is not None:
        after = paren.end()
    if after < end and text[after] not in " \t'’":
        return None
    verb = patterns(words).company_name_verbs.match(text, after + 1 if text[after:after + 1] in " \t" else after, end)
    if verb is None or _NOT_A_DESCRIPTION.match(text, verb.end(), end) is not None:
        return None
    return name.group()


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_AT_NAME_WE = re.compile(r",?[ \t]+(?:we|our|you)\b", re.IGNORECASE)


def _sentences(text: str, low: str, words: RuleWords, term_starts: frozenset[int],
               sentences: list[tuple[int, int]], lead_from: int | None) -> list[Region]:
    """Legal sentences, and runs of sentences about the company. A run starts at a sentence
    that describes the company (or, after a header line, at the text that follows it) and
    holds the sentences after it up to the first that speaks of the job, a paragraph break,
    or, past the listing's lead, a sentence that no longer refers to the company."""
    out = []
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    run = lead = False
    first = True  # the listing's first sentence: a company description there opens its lead
    names: list[str] = []
    prev_end = 0
    for start, end in sentences:
        opening, first = first and any(ch.isalpha() for ch in text[start:end]), first and \
            not any(ch.isalpha() for ch in text[start:end])
        if breaks:
            k = bisect_right(breaks, start) - 1
            if k >= 0 and breaks[k] >= prev_end - 1:
                run = False
        prev_end = end
        legal = patterns(words).legal_phrases.search(low, start, end)
        if legal is not None:
            out.append(Region(max(start, legal.start() - LEGAL_REACH), min(end, legal.end() + LEGAL_REACH),
                              "legal or privacy text", False))
            continue
        if lead_from is not None and start >= lead_from:
            run = lead = True
            lead_from = None
        name = _describes_company(text, words, start, end, term_starts)
        if name is not None:
            lead = lead or opening
            run = True
            if name:
                names.append(name)
        elif run and _is_job_sentence(text, words, start, end):
            run = False
        elif run and not lead and not _refers_to_company(text, words, start, end, names):
            run = False
        if not run:
            lead = False
        if run:
            out.append(Region(start, end, "text about the company", True))
    return out


def _employer_names(text: str, words: RuleWords, sentences: list[tuple[int, int]],
                    term_starts: frozenset[int]) -> list[Region]:
    """The name in "At Acme, we ..." or "Acme is seeking ...": the employer, whatever else it
    names (a name that starts with a term, "Python is seeking", is none)."""
    out = []
    for start, end in sentences:
        at = _LEAD.match(text, start, end).end()
        if text.startswith(("At ", "at "), at):
            name = _NAME.match(text, at + 3, end)
            if name is not None and _AT_NAME_WE.match(text, name.end(), end):
                out.append(Region(name.start(), name.end(), "the employer's name", False))
            continue
        name = _NAME.match(text, at, end)
        if name is None or at in term_starts or (" " not in name.group() and name.group().lower() in common_words()):
            continue  # "Engineers are seeking ...": a common word alone is no company name
        if patterns(words).employer_verbs.match(text, name.end(), end) is not None:
            out.append(Region(name.start(), name.end(), "the employer's name", False))
    return out


def _refers_to_company(text: str, words: RuleWords, start: int, end: int, names: list[str]) -> bool:
    sentence = text[start:end]
    return patterns(words).company_references.search(sentence) is not None or any(name in sentence for name in names)


def _mentions(text: str, low: str, cues: re.Pattern) -> list[Region]:
    out = []
    for cue in cues.finditer(low):
        at = _MENTION_LEAD.match(text, cue.end()).end()
        end = at
        for _ in range(MENTION_ITEMS_MAX):
            item = _MENTION_ITEM.match(text, at)
            if item is None:
                break
            end = item.end()
            sep = _MENTION_SEP.match(text, end)
            if sep is None or sep.end() == end:
                break
            at = sep.end()
        if end > cue.end():
            out.append(Region(cue.start(), end, "an employer, customer or investor named", False))
    return out
