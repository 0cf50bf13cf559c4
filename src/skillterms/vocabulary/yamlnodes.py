"""Read a YAML document as plain data that remembers where each value stood.

``yaml.compose`` with the *safe* loader builds the node graph only: no constructor runs,
so no tag can create a Python object. Every tag outside YAML's plain-data set is refused,
and anchors/aliases are refused too, since a few of them can expand into gigabytes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Union

import yaml

from ..errors import Problem

try:  # libyaml's safe loader is ten times faster; its nodes carry the same marks
    SAFE_LOADER = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    SAFE_LOADER = yaml.SafeLoader  # type: ignore[misc]

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 2_000_000

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    _STR: "text",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing (null)",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(frozen=True, slots=True)
class Located:
    """A value from a YAML file with its 1-based line and column."""

    value: Union[str, list["Located"], dict[str, "KeyValue"], None]
    line: int
    column: int
    type_name: str  # "text", "a list", "a mapping", "a number", ...


@dataclass(frozen=True, slots=True)
class KeyValue:
    key: Located
    value: Located


def too_large(path: str, size: int | None) -> Problem:
    """The one message for a vocabulary file over :data:`MAX_FILE_BYTES` (``size`` None: a
    stream that ran past the limit, its full size unknown)."""
    shown = f"{size:,} bytes" if size is not None else f"more than {MAX_FILE_BYTES:,} bytes"
    return Problem(path, 1, 1, f"file is {shown}, larger than the {MAX_FILE_BYTES:,}-byte limit for a "
                   "vocabulary file; split it into several files")


def read_yaml(path: str, data: bytes) -> tuple[Located | None, list[Problem]]:
    """Parse ``data`` (the bytes of file ``path``) into located plain data, or report why not."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(path, len(data))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(path, line, column, f"byte 0x{data[exc.start]:02x} is not UTF-8; "
                              "save the file as UTF-8")]
    if not text.strip():
        return None, [Problem(path, 1, 1, "file is empty; a vocabulary file needs at least "
                              "`category:`, `kind:` and `terms:`")]
    lines = _Lines(text)
    builder = _Builder(path, lines)
    try:
        located = builder.build(yaml.parse(text, Loader=SAFE_LOADER))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc, lines)]
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line, column = lines.at(position)
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, [Problem(path, line, column, f"YAML syntax: {reason}; remove the character")]
    except _Stop:
        return None, builder.problems
    if located is None and not builder.problems:
        return None, [Problem(path, 1, 1, "file holds no YAML document; a vocabulary file needs "
                              "`category:`, `kind:` and `terms:`")]
    return (None if builder.problems else located), builder.problems


class _Lines:
    """Line and column as an editor shows them: YAML also breaks lines at U+0085, U+2028 and
    U+2029, which editors show inside a line, so where the text holds one of them the
    position is counted from the line feeds instead."""

    def __init__(self, text: str):
        self.text = text
        self.feeds: list[int] | None = None
        if any(ch in text for ch in _YAML_ONLY_BREAKS):
            self.feeds = self._feeds()

    def _feeds(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def at(self, index: int) -> tuple[int, int]:
        """1-based line and column of character ``index``, lines split at line feeds only."""
        if self.feeds is None:
            self.feeds = self._feeds()
        k = bisect_left(self.feeds, index)
        return k + 1, index - (self.feeds[k - 1] + 1 if k else 0) + 1

    def of(self, mark) -> tuple[int, int]:
        if self.feeds is None:  # the marks count the same lines
            return mark.line + 1, mark.column + 1
        return self.at(mark.index)


_YAML_ONLY_BREAKS = "\x85\u2028\u2029"


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError, lines: _Lines) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = lines.of(mark) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    detail = ""
    if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
        detail = "; indent with spaces, not tabs"
    elif exc.context_mark is not None and exc.context and exc.context_mark is not mark:
        opened_line, opened_column = lines.of(exc.context_mark)
        detail = f" ({exc.context} that starts at line {opened_line}, column {opened_column})"
    return Problem(path, line, column, f"YAML syntax: {problem}{detail}")


class _Stop(Exception):
    """Reading cannot go on: the one problem that says why is already noted."""


_RESOLVER = yaml.resolver.Resolver()
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Builder:
    """Located plain data straight from the parser's events, one pass: no node graph is
    built (composing one costs several times the parse and about 400 bytes a value), and
    past :data:`MAX_NODES` values only the count goes on."""

    def __init__(self, path: str, lines: _Lines):
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def note(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, message))

    def build(self, events) -> Located | None:
        where = self.lines.of
        root: Located | None = None
        # open collections: [line, column, type_name, items (list or dict), pending key]
        stack: list[list] = []
        anchors: dict[str, tuple[int, int]] = {}
        values = 0
        skipping = 0  # depth inside a collection whose tag was refused
        documents = 0
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                values += 1
                if values > MAX_NODES:
                    self._too_many(event, values, events)
                if skipping:
                    skipping += kind is not yaml.ScalarEvent
                    continue
                line, column = where(event.start_mark)
                if event.anchor is not None:
                    anchors[event.anchor] = (line, column)
                if kind is yaml.ScalarEvent:
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = _STR if tag == "!" else _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                    type_name = _PLAIN_TAGS.get(tag) if tag not in (_SEQ, _MAP) else None
                    if type_name is None:
                        self._refused_tag(tag, line, column)
                        value = Located(None, line, column, "nothing (null)")
                    else:
                        value = Located(event.value if tag == _STR else (None if tag.endswith(":null") else event.value),
                                        line, column, type_name)
                else:
                    tag = event.tag if event.tag not in (None, "!") else (_SEQ if kind is yaml.SequenceStartEvent else _MAP)
                    if tag not in _PLAIN_TAGS or tag != (_SEQ if kind is yaml.SequenceStartEvent else _MAP):
                        self._refused_tag(tag, line, column)
                        skipping = 1
                        value = Located(None, line, column, "nothing (null)")
                    else:
                        stack.append([line, column, _PLAIN_TAGS[tag], [] if tag == _SEQ else {}, None])
                        continue
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                if skipping:
                    skipping -= 1
                    continue
                line, column, type_name, items, _ = stack.pop()
                value = Located(items, line, column, type_name)
            elif kind is yaml.AliasEvent:
                if skipping:
                    continue
                line, column = anchors.get(event.anchor) or where(event.start_mark)
                self.note(line, column, "this value is reused through a YAML anchor and alias (&name ... *name), "
                          "which vocabulary files do not allow; write the value out")
                raise _Stop
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, column = where(event.start_mark)
                    self.note(line, column, "YAML syntax: the file holds more than one document (a second `---`); "
                              "keep one, or split it into several files")
                    raise _Stop
                continue
            else:
                continue
            if not stack:
                root = value
                continue
            top = stack[-1]
            if type(top[3]) is list:
                top[3].append(value)
            elif top[4] is None:
                top[4] = value  # a key, waiting for its value
            else:
                key, top[4] = top[4], None
                self._put(top[3], key, value)
        return root

    def _put(self, mapping: dict, key: Located, value: Located) -> None:
        if key.type_name != "text":
            self.note(key.line, key.column, f"a key must be text, not {key.type_name}")
        elif key.value in mapping:
            first = mapping[key.value].key
            self.note(key.line, key.column, f"key {key.value!r} appears twice in one mapping (first at "
                      f"line {first.line}); keep one")
        else:
            mapping[key.value] = KeyValue(key, value)

    def _refused_tag(self, tag: str, line: int, column: int) -> None:
        self.note(line, column, f"YAML tag {tag!r} is not allowed; vocabulary files hold plain text, lists and "
                  "mappings only")

    def _too_many(self, event, values: int, events) -> None:
        """One message for the whole file, not one per value past the limit: the values are
        counted to the end (cheap, nothing is built) and the first one past the limit named."""
        line, column = self.lines.of(event.start_mark)
        for later in events:
            kind = type(later)
            values += kind is yaml.ScalarEvent or kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent
        self.note(line, column, f"file holds {values:,} YAML values, more than the {MAX_NODES:,} a vocabulary file "
                  "may hold (this is the first one past the limit); split it into several files")
        raise _Stop
