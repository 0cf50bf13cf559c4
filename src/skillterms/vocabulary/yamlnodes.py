"""Read a YAML document as plain data that remembers where each value stood.

``yaml.compose`` with the *safe* loader builds the node graph only: no constructor runs,
so no tag can create a Python object. Every tag outside YAML's plain-data set is refused,
and anchors/aliases are refused too, since a few of them can expand into gigabytes.
"""

from __future__ import annotations

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


def read_yaml(path: str, data: bytes) -> tuple[Located | None, list[Problem]]:
    """Parse ``data`` (the bytes of file ``path``) into located plain data, or report why not."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"file is {len(data):,} bytes, larger than the "
                              f"{MAX_FILE_BYTES:,}-byte limit for a vocabulary file; split it into several files")]
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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc)]
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, [Problem(path, line, column, f"YAML syntax: {reason}; remove the character")]
    if node is None:
        return None, [Problem(path, 1, 1, "file holds no YAML document; a vocabulary file needs "
                              "`category:`, `kind:` and `terms:`")]
    problems: list[Problem] = []
    seen: set[int] = set()
    try:
        located = _convert(path, node, problems, seen)
    except _AnchorFound:
        return None, problems
    return (None if problems else located), problems


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    detail = ""
    if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
        detail = "; indent with spaces, not tabs"
    elif exc.context_mark is not None and exc.context and exc.context_mark is not mark:
        opened = exc.context_mark
        detail = f" ({exc.context} that starts at line {opened.line + 1}, column {opened.column + 1})"
    return Problem(path, line, column, f"YAML syntax: {problem}{detail}")


class _AnchorFound(Exception):
    pass


def _convert(path: str, node: yaml.Node, problems: list[Problem], seen: set[int]) -> Located:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:  # composed aliases share their node: stop before any expansion
        problems.append(Problem(path, line, column, "this value is reused through a YAML anchor and alias "
                                "(&name ... *name), which vocabulary files do not allow; write the value out"))
        raise _AnchorFound
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        problems.append(Problem(path, line, column, "file has too many YAML values; split it"))
        return Located(None, line, column, "nothing (null)")
    tag = node.tag
    if tag not in _PLAIN_TAGS:
        problems.append(Problem(path, line, column, f"YAML tag {tag!r} is not allowed; vocabulary "
                                "files hold plain text, lists and mappings only"))
        return Located(None, line, column, "nothing (null)")
    type_name = _PLAIN_TAGS[tag]
    if isinstance(node, yaml.ScalarNode):
        value = node.value if tag == _STR else (None if tag.endswith(":null") else node.value)
        return Located(value, line, column, type_name)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(path, item, problems, seen) for item in node.value], line, column, type_name)
    mapping: dict[str, KeyValue] = {}
    for key_node, value_node in node.value:
        key = _convert(path, key_node, problems, seen)
        value = _convert(path, value_node, problems, seen)
        if key.type_name != "text":
            problems.append(Problem(path, key.line, key.column, f"a key must be text, not {key.type_name}"))
            continue
        if key.value in mapping:
            first = mapping[key.value].key
            problems.append(Problem(path, key.line, key.column, f"key {key.value!r} appears twice in "
                                    f"one mapping (first at line {first.line}); keep one"))
            continue
        mapping[key.value] = KeyValue(key, value)
    return Located(mapping, line, column, type_name)
