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

try:  # libyaml is several times faster; its nodes carry the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader  # type: ignore[misc]

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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc, lines)]
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line, column = lines.at(position)
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, [Problem(path, line, column, f"YAML syntax: {reason}; remove the character")]
    if node is None:
        return None, [Problem(path, 1, 1, "file holds no YAML document; a vocabulary file needs "
                              "`category:`, `kind:` and `terms:`")]
    converter = _Converter(path, lines, node)
    try:
        located = converter.convert(node)
    except _Stop:
        return None, converter.problems
    return (None if converter.problems else located), converter.problems


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
    """Converting cannot go on: the one problem that says why is already noted."""


class _Converter:
    def __init__(self, path: str, lines: _Lines, root: yaml.Node):
        self.path = path
        self.root = root
        self.lines = lines
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def note(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, message))

    def convert(self, node: yaml.Node) -> Located:
        line, column = self.lines.of(node.start_mark)
        seen = self.seen
        if id(node) in seen:  # composed aliases share their node: stop before any expansion
            self.note(line, column, "this value is reused through a YAML anchor and alias (&name ... *name), "
                      "which vocabulary files do not allow; write the value out")
            raise _Stop
        seen.add(id(node))
        if len(seen) > MAX_NODES:  # one message for the whole file, not one per value past the limit
            self.note(line, column, f"file holds {_count_nodes(self.root):,} YAML values, more than the "
                      f"{MAX_NODES:,} a vocabulary file may hold (this is the first one past the limit); split "
                      "it into several files")
            raise _Stop
        tag = node.tag
        if tag not in _PLAIN_TAGS:
            self.note(line, column, f"YAML tag {tag!r} is not allowed; vocabulary files hold plain text, "
                      "lists and mappings only")
            return Located(None, line, column, "nothing (null)")
        type_name = _PLAIN_TAGS[tag]
        if isinstance(node, yaml.ScalarNode):
            value = node.value if tag == _STR else (None if tag.endswith(":null") else node.value)
            return Located(value, line, column, type_name)
        if isinstance(node, yaml.SequenceNode):
            return Located([self.convert(item) for item in node.value], line, column, type_name)
        mapping: dict[str, KeyValue] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node)
            value = self.convert(value_node)
            if key.type_name != "text":
                self.note(key.line, key.column, f"a key must be text, not {key.type_name}")
                continue
            if key.value in mapping:
                first = mapping[key.value].key
                self.note(key.line, key.column, f"key {key.value!r} appears twice in one mapping (first at "
                          f"line {first.line}); keep one")
                continue
            mapping[key.value] = KeyValue(key, value)
        return Located(mapping, line, column, type_name)


def _count_nodes(root: yaml.Node) -> int:
    """The values of a document, each node once (an alias names a node counted already)."""
    counted: set[int] = set()
    stack = [root]
    while stack:
        n = stack.pop()
        if id(n) in counted:
            continue
        counted.add(id(n))
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for pair in n.value:
                stack.extend(pair)
    return len(counted)
