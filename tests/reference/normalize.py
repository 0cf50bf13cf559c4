"""The Python the cleaning (comments, script and style bodies, tags, character entities, URLs,
e-mail addresses, invisible characters, long runs) was done with before the compiled core did
it (native/src/cleaning.rs): the oracle the core is held to. Nothing in the package imports it.
"""

from __future__ import annotations

import re

__all__ = ["normalize", "blank_mail_addresses", "clean_markup"]

# HTML names its tags in ASCII, whatever the case: "<ſcript>" opens nothing (re.IGNORECASE
# would read it as "<script>").
_OPENER = re.compile(r"<!--|<([sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE])\b")
_CLOSER = {
    "!--": re.compile(r"-->"),
    "script": re.compile(r"</[sS][cC][rR][iI][pP][tT]\s*>"),
    "style": re.compile(r"</[sS][tT][yY][lL][eE]\s*>"),
}
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"']+|www\.[^\s<>\"']+")
_INVISIBLE = re.compile("[\x00\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_MAIL_USER = re.compile(r"[\w.+-]{1,64}\Z")
_MAIL_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def normalize(text: str, decode, block_tags, max_run: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``(clean, entity_spans)``: the markup cleaned (:func:`clean_markup`), then the URLs,
    e-mail addresses and invisible characters blanked, then all but the first ``max_run``
    characters of every longer run without whitespace."""
    text, entities = clean_markup(text, decode, block_tags)
    text = _URL.sub(lambda m: blank_url(m.group()), text)
    text = blank_mail_addresses(text)
    text = _INVISIBLE.sub(" ", text)
    long_run = re.compile(rf"(?<!\S)\S{{{max_run + 1},}}")
    return long_run.sub(lambda m: m.group()[:max_run] + " " * (len(m.group()) - max_run), text), entities


def blank_url(url: str) -> str:
    """Spaces for a URL, but not for the punctuation that closes the sentence or bracket
    around it ("(www.acme.ai) is", "see acme.ai/jobs.")."""
    keep = len(url) - len(url.rstrip(".,;:!?)]"))
    while keep and url[len(url) - keep] == ")" and "(" in url[:len(url) - keep]:
        keep -= 1  # a bracket the URL itself opened ("wiki/Go_(language)") is part of it
    return " " * (len(url) - keep) + url[len(url) - keep:]


def blank_mail_addresses(text: str) -> str:
    """Blank ``user@host.tld``, found from each "@"."""
    chunks, pos = [], 0
    at = text.find("@")
    while at != -1:
        user = _MAIL_USER.search(text, max(pos, at - 64), at)
        host = _MAIL_HOST.match(text, at + 1)
        if user and host:
            chunks.append(text[pos:user.start()])
            chunks.append(" " * (host.end() - user.start()))
            pos = host.end()
        at = text.find("@", max(at + 1, pos))
    if not chunks:
        return text
    chunks.append(text[pos:])
    return "".join(chunks)


def clean_markup(text: str, decode, block_tags) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Comments and script or style bodies, then tags, blanked (a line break first for a
    comment, a body or a block tag in ``block_tags``); then each run of adjacent entities that
    decode (by ``decode``) to no more characters than they take replaced by its characters
    and spaces, the spaces first where the run opens a word. Returns the text, of the same
    length, and the (start, end) of each run of entities replaced."""
    if "<" in text:
        text = _strip_comments_and_raw_text(text)
        text = _TAG.sub(lambda m: _blank(m.group(), "\n" if m.group(1).lower() in block_tags else " "), text)
    entities: list[tuple[int, int]] = []
    if "&" in text:
        chunks, pos = [], 0
        for start, end, decoded in _entity_runs(text, decode):
            chunks.append(text[pos:start])
            pad = " " * (end - start - len(decoded))
            last = (start == 0 or not text[start - 1].isalnum()) and end < len(text) and not text[end].isspace()
            chunks.append(pad + decoded if last else decoded + pad)
            entities.append((start, end))
            pos = end
        if chunks:
            chunks.append(text[pos:])
            text = "".join(chunks)
    return text, tuple(entities)


def _blank(text: str, first: str) -> str:
    return first + "".join("\n" if c == "\n" else " " for c in text[1:]) if text else ""


def _entity_runs(text: str, decode) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, list[str]]] = []
    for m in _ENTITY.finditer(text):
        decoded = decode(m.group())
        if decoded == m.group() or len(decoded) > len(m.group()):
            continue
        if runs and runs[-1][1] == m.start():
            start, _, parts = runs[-1]
            parts.append(decoded)
            runs[-1] = (start, m.end(), parts)
        else:
            runs.append((m.start(), m.end(), [decoded]))
    return [(start, end, "".join(parts)) for start, end, parts in runs]


def _strip_comments_and_raw_text(text: str) -> str:
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()  # kinds whose closer no longer occurs: later openers stay text
    for m in _OPENER.finditer(text):
        kind = (m.group(1) or "!--").lower()
        if m.start() < pos or kind in unclosed:
            continue
        close = _CLOSER[kind].search(text, m.end())
        if close is None:
            unclosed.add(kind)
            continue
        out.append(text[pos:m.start()])
        out.append(_blank(text[m.start():close.end()], "\n"))
        pos = close.end()
    out.append(text[pos:])
    return "".join(out)
