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
from bisect import bisect_right
from functools import lru_cache

__all__ = ["normalize", "core_cleaner", "snap_start", "snap_end", "MAX_RUN"]

# No prose, glued scraped text or line of CJK writes this many characters without a space, tab
# or line break; such a run is repeated symbols, base64, minified code or an attack, and only
# its first MAX_RUN characters are read (which keeps the cost of "C++C++C++..." linear and low).
MAX_RUN = 1000
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)


def normalize(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Return ``(clean, entity_spans)``: ``len(clean) == len(text)`` always.

    ``entity_spans`` lists the ``(start, end)`` of every decoded entity, in order. The
    compiled core cleans (native/src/cleaning.rs), in one call: comments, script and style
    bodies and tags, then entities, then URLs, e-mail addresses, invisible characters and the
    tails of long runs, as the Python it replaced did (tests/reference/normalize.py).
    """
    return _cleaner().normalize(text, _decode_entity)


def core_cleaner():
    """The compiled core's cleaner and the entity decoder it calls: what a core call that
    cleans as :func:`normalize` does (``Resolver.mentions``) is given."""
    return _cleaner(), _decode_entity


@lru_cache(maxsize=4096)
def _decode_entity(entity: str) -> str:
    return html.unescape(entity)


@lru_cache(maxsize=1)
def _cleaner():
    """The compiled core's cleaner, built at first use."""
    from .. import _core  # at first use: the snapshot is written before the core exists

    return _core.Cleaner(sorted(_BLOCK_TAGS), MAX_RUN)


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
