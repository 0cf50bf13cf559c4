"""Clean listing text without moving a single character.

HTML tags, character entities, URLs, e-mail addresses, zero-width characters, NUL and the
tail of any run of more than ``MAX_RUN`` characters without whitespace are replaced by text
of the *same length*: a tag becomes spaces (a line break first for block tags, so list items stay
apart), a run of entities becomes its characters and spaces (the spaces first where the run
opens a word, so "&#67;++" reads "C++"), an address or a zero-width
character becomes spaces. Offsets found in the clean text are therefore offsets into the text as given; only
a match that ends (or starts) inside an entity needs that end moved to the entity's edge
(:func:`snap_end`, :func:`snap_start`).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["normalize", "snap_start", "snap_end", "MAX_RUN"]

# No prose, glued scraped text or line of CJK writes this many characters without a space, tab
# or line break; such a run is repeated symbols, base64, minified code or an attack, and only
# its first MAX_RUN characters are read (which keeps the cost of "C++C++C++..." linear and low).
MAX_RUN = 1000
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")

# A URL: (?:https?|ftp)://[^\s<>"']+ or www\.[^\s<>"']+ (found by _blank_urls)
_URL_BODY = re.compile(r"[^\s<>\"']+")
_SCHEMES = ("https", "http", "ftp")  # before "://", longest first
_INVISIBLE_CHARS = "\x00\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)


def normalize(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Return ``(clean, entity_spans)``: ``len(clean) == len(text)`` always.

    ``entity_spans`` lists the ``(start, end)`` of every decoded entity, in order.
    """
    invisible = any(c in text for c in _INVISIBLE_CHARS)  # several times faster than a search
    if not (invisible or "<" in text or "&" in text or "@" in text or "://" in text or "www." in text):
        return _cut_long_runs(text), ()
    entities: tuple[tuple[int, int], ...] = ()
    if "<" in text or "&" in text:  # comments, script and style bodies, tags, then entities
        text, entities = _markup_cleaner().clean(text, _decode_entity)
    if "://" in text or "www." in text:  # a URL or e-mail address names no skill
        text = _blank_urls(text)
    if "@" in text:
        text = _blank_mail_addresses(text)
    if invisible or "\x00" in text:  # an entity may have decoded to NUL
        text = _INVISIBLE.sub(" ", text)
    return _cut_long_runs(text), entities


def _cut_long_runs(text: str) -> str:
    """Blank all but the first ``MAX_RUN`` characters of every longer run without whitespace."""
    if len(text) <= MAX_RUN or not _may_hold_a_long_run(text):
        return text
    return _LONG_RUN.sub(lambda m: m.group()[:MAX_RUN] + " " * (len(m.group()) - MAX_RUN), text)


def _may_hold_a_long_run(text: str) -> bool:
    """Whether some aligned block of half ``MAX_RUN`` characters holds no space: any run longer
    than ``MAX_RUN`` covers such a block. One ``find`` per block, so ordinary text costs nothing."""
    step = MAX_RUN // 2
    find = text.find
    return any(find(" ", at, at + step) == -1 for at in range(0, len(text) - step + 1, step))


@lru_cache(maxsize=4096)
def _decode_entity(entity: str) -> str:
    return html.unescape(entity)


@lru_cache(maxsize=1)
def _markup_cleaner():
    """The compiled core's markup cleaner (native/src/cleaning.rs), built at first use: it
    blanks comments, script and style bodies and tags, and decodes runs of entities, as the
    Python it replaced did (tests/reference/normalize.py)."""
    from .. import _core  # at first use: the snapshot is written before the core exists

    return _core.MarkupCleaner(sorted(_BLOCK_TAGS))


def _blank_urls(text: str) -> str:
    """Every URL blanked, left to right, as a regex substitution of the pattern above would,
    but with the URLs' openings ("://", "www.") found by ``str.find`` (a regex scan of every
    position for the pattern's four openings was most of the cleaning's time), and found
    again only past the URL blanked last (so a run of URLs with no space is one)."""
    chunks, pos = [], 0
    at_scheme, at_www = text.find("://"), text.find("www.")
    while at_scheme != -1 or at_www != -1:
        scheme_start = -1
        if at_scheme != -1:
            scheme = next((s for s in _SCHEMES if text.startswith(s, at_scheme - len(s))), None)
            if scheme is None:
                at_scheme = text.find("://", at_scheme + 1)
                continue
            scheme_start = at_scheme - len(scheme)
        if at_www != -1 and (scheme_start == -1 or at_www < scheme_start):
            start, body = at_www, at_www + 4
            at_www = text.find("www.", at_www + 1)
        else:
            start, body = scheme_start, at_scheme + 3
            at_scheme = text.find("://", at_scheme + 1)
        m = _URL_BODY.match(text, body) if start >= pos else None
        if m is None:
            continue
        chunks.append(text[pos:start])
        chunks.append(_blank_url(text[start:m.end()]))
        pos = m.end()
        if -1 < at_scheme < pos:  # openings inside the URL open nothing
            at_scheme = text.find("://", pos)
        if -1 < at_www < pos:
            at_www = text.find("www.", pos)
    if not chunks:
        return text
    chunks.append(text[pos:])
    return "".join(chunks)


def _blank_url(url: str) -> str:
    """Spaces for a URL, but not for the punctuation that closes the sentence or bracket
    around it ("(www.acme.ai) is", "see acme.ai/jobs.")."""
    keep = len(url) - len(url.rstrip(".,;:!?)]"))
    while keep and url[len(url) - keep] == ")" and "(" in url[:len(url) - keep]:
        keep -= 1  # a bracket the URL itself opened ("wiki/Go_(language)") is part of it
    return " " * (len(url) - keep) + url[len(url) - keep:]


def _blank_mail_addresses(text: str) -> str:
    """Blank ``user@host.tld``: the addresses the compiled core finds from each "@"
    (native/src/cleaning.rs; a regex scan for them is slow, and so was a Python loop over
    every "@" of text full of them)."""
    from .. import _core  # at first use: the snapshot is written before the core exists

    spans = _core.mail_address_spans(text)
    if not spans:
        return text
    chunks, pos = [], 0
    for start, end in spans:
        chunks.append(text[pos:start])
        chunks.append(" " * (end - start))
        pos = end
    chunks.append(text[pos:])
    return "".join(chunks)


def snap_end(end: int, entities: tuple[tuple[int, int], ...]) -> int:
    """Move an end offset that falls inside a decoded entity to the entity's end."""
    k = _inside_entity(end, entities)
    return entities[k][1] if k is not None else end


def snap_start(start: int, entities: tuple[tuple[int, int], ...]) -> int:
    """Move a start offset that falls inside a decoded entity (whose text was put last) to
    the entity's start."""
    k = _inside_entity(start, entities)
    return entities[k][0] if k is not None else start


def _inside_entity(offset: int, entities: tuple[tuple[int, int], ...]) -> int | None:
    if entities:
        k = bisect_right(entities, (offset,)) - 1  # the last entity starting before ``offset``
        if k >= 0 and entities[k][0] < offset < entities[k][1]:
            return k
    return None
