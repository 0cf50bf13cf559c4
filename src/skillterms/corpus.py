"""Read listings from files: JSON Lines, JSON, CSV/TSV, plain text, directories, gzip, stdin.

Bad records never stop a run: each one is handed to ``on_error`` with its file and line
and skipped (pass ``strict=True`` to raise :class:`~skillterms.errors.CorpusError` instead).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import CorpusError

__all__ = ["Record", "CorpusReader", "read_corpus", "FORMATS"]

FORMATS = ("jsonl", "json", "csv", "tsv", "txt")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
             ".txt": "txt", ".text": "txt", ".md": "txt"}
csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True, slots=True)
class Record:
    """One listing: its text, where it came from, and its other fields (for grouping)."""

    text: str
    path: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)


ErrorHandler = Callable[[CorpusError], None]


def _format_of(path: str) -> str | None:
    p = Path(path[:-3] if path.endswith(".gz") else path)
    return _SUFFIXES.get(p.suffix.lower())


def _get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if isinstance(obj, dict) and part in obj:
            obj = obj[part]
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            raise KeyError(part)
    return obj


class _Reader:
    def __init__(self, *, field: str, column: str | None, lines: bool, strict: bool,
                 on_error: ErrorHandler | None):
        self.field = field
        self.column = column or field
        self.lines = lines
        self.strict = strict
        self.on_error = on_error
        self.errors = 0

    def bad(self, path: str, line: int, message: str, field: str | None = None, found: str = "") -> None:
        error = CorpusError(path, line, message, field=field, found=found)
        self.errors += 1
        if self.strict:
            raise error
        if self.on_error is not None:
            self.on_error(error)

    def text_of(self, obj: Any, path: str, line: int, what: str) -> str | None:
        try:
            value = _get(obj, what)
        except KeyError:
            keys = ", ".join(sorted(obj)[:8]) if isinstance(obj, dict) else type(obj).__name__
            self.bad(path, line, f"no field {what!r} (found: {keys}); choose one with --field", field=what, found=keys)
            return None
        if not isinstance(value, str):
            shown = "null (no text)" if value is None else f"{type(value).__name__}, not text"
            self.bad(path, line, f"field {what!r} is {shown}")
            return None
        return value

    # ------------------------------------------------------------------ per format

    def jsonl(self, lines: Iterable[bytes], path: str) -> Iterator[Record]:
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                self.bad(path, number, f"bytes that are not UTF-8 at column {exc.start + 1}")
                continue
            except json.JSONDecodeError as exc:
                self.bad(path, number, _json_problem(exc))
                continue
            if isinstance(obj, str):
                yield Record(obj, path, number)
                continue
            text = self.text_of(obj, path, number, self.field)
            if text is not None:
                yield Record(text, path, number, obj if isinstance(obj, dict) else {})

    def json(self, data: bytes, path: str) -> Iterator[Record]:
        try:
            obj = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self.bad(path, line, "bytes that are not UTF-8")
            return
        except json.JSONDecodeError as exc:
            self.bad(path, exc.lineno, _json_problem(exc))
            return
        items = obj if isinstance(obj, list) else [obj]
        for index, item in enumerate(items, 1):
            if isinstance(item, str):
                yield Record(item, path, index)
                continue
            text = self.text_of(item, path, index, self.field)
            if text is not None:
                yield Record(text, path, index, item if isinstance(item, dict) else {})

    def table(self, lines: Iterable[bytes], path: str, delimiter: str) -> Iterator[Record]:
        decoded = _decode_lines(lines, path, self)
        reader = csv.reader(decoded, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            self.bad(path, 1, f"malformed header: {exc}")
            return
        if self.column not in header:
            self.bad(path, 1, f"no column {self.column!r} (columns: {', '.join(header[:8])}); "
                     "choose one with --column", field=self.column, found=", ".join(header[:8]))
            return
        index = header.index(self.column)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.bad(path, reader.line_num, f"malformed CSV row: {exc}")
                return  # the csv module cannot resync after a broken quote
            if not row:
                continue
            if len(row) != len(header):
                self.bad(path, reader.line_num, f"row has {len(row)} fields, the header has {len(header)}")
                continue
            yield Record(row[index], path, reader.line_num, dict(zip(header, row)))

    def txt(self, lines: Iterable[bytes], path: str) -> Iterator[Record]:
        if self.lines:
            for number, text in _numbered(_decode_lines(lines, path, self)):
                if text.strip():
                    yield Record(text.rstrip("\r\n"), path, number)
            return
        chunks, bad_before = [], self.errors
        for text in _decode_lines(lines, path, self):
            chunks.append(text)
        if self.errors == bad_before:
            yield Record("".join(chunks), path, 1)


def _json_problem(exc: json.JSONDecodeError) -> str:
    # Some of json's messages end in "at" ("Unterminated string starting at"), before a position.
    return f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    return enumerate(lines, 1)


def _decode_lines(lines: Iterable[bytes], path: str, reader: _Reader) -> Iterator[str]:
    for number, raw in enumerate(lines, 1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            reader.bad(path, number, f"bytes that are not UTF-8 at column {exc.start + 1}")


def _byte_lines(stream: io.BufferedIOBase, path: str, reader: _Reader) -> Iterator[bytes]:
    number = 0
    try:
        for number, raw in enumerate(stream, 1):
            yield raw
    except (EOFError, OSError, zlib.error) as exc:
        reader.bad(path, number + 1, f"file is truncated or corrupt ({exc}); records before this line were read")


class CorpusReader:
    """The listings of some files, read lazily; knows how far it has got (for progress)."""

    def __init__(self, paths: Iterable[str], reader: _Reader, format: str | None):
        self.paths = [str(p) for p in paths]
        self._reader = reader
        self._format = format
        self._done_bytes = 0
        self._current = None  # the raw file being read

    @property
    def errors(self) -> int:
        """Bad records reported so far."""
        return self._reader.errors

    @property
    def total_bytes(self) -> int | None:
        """Size of all input files, or None when reading stdin."""
        total = 0
        for path in self.paths:
            if path == "-":
                return None
            p = Path(path)
            if p.is_dir():
                total += sum(_size(f) for f in _files_in(p))
            elif p.is_file():
                total += _size(p)
        return total

    @property
    def bytes_read(self) -> int:
        """Bytes of the input files consumed so far (compressed bytes for .gz)."""
        current = 0
        if self._current is not None and not self._current.closed:
            try:
                current = self._current.tell()
            except (OSError, ValueError):
                current = 0
        return self._done_bytes + current

    def __iter__(self) -> Iterator[Record]:
        for path in self.paths:
            yield from self._read_path(path, self._format)

    def _read_path(self, path: str, format: str | None) -> Iterator[Record]:
        reader = self._reader
        if path == "-":
            stdin = sys.stdin.buffer
            if not hasattr(stdin, "peek"):
                stdin = io.BufferedReader(stdin)
            if stdin.peek(2)[:2] == b"\x1f\x8b":  # gzip, told by its content: stdin has no name
                stdin = io.BufferedReader(gzip.GzipFile(fileobj=stdin))
            yield from _read_stream(stdin, "<stdin>", reader, format or None)
            return
        p = Path(path)
        if p.is_dir():
            def unreadable(exc: OSError) -> None:
                reader.bad(exc.filename or path, 0, f"cannot read the folder ({exc.strerror or exc}); its "
                           "listings are not counted")

            for f in sorted(_files_in(p, unreadable)):
                fmt = format or _format_of(f.name)
                if fmt is None:
                    reader.bad(str(f), 1, "skipped: not a known listing format (.jsonl .json .csv .tsv .txt, "
                               "optionally .gz)")
                    self._done_bytes += _size(f)
                    continue
                yield from self._read_path(str(f), fmt)
            return
        if not p.exists():
            reader.bad(path, 0, "no such file or directory")
            return
        fmt = format or _format_of(path)
        if fmt is None:
            reader.bad(path, 0, "unknown format; name the file .jsonl, .json, .csv, .tsv or .txt, "
                       "or pass --input-format")
            return
        try:
            raw = open(p, "rb")
            size = os.fstat(raw.fileno()).st_size  # the open file's: it may be deleted while read
        except OSError as exc:
            reader.bad(path, 0, f"cannot open: {exc.strerror}")
            return
        with raw:
            self._current = raw
            stream = gzip.GzipFile(fileobj=raw) if path.endswith(".gz") or _is_gzip(raw) else raw
            yield from _read_stream(stream, path, reader, fmt)
        self._current = None
        self._done_bytes += size


def _files_in(folder: Path, on_error: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """The files under ``folder``; a subfolder that cannot be listed goes to ``on_error``
    (``Path.rglob`` would pass over it without a word)."""
    for root, _dirs, names in os.walk(folder, onerror=on_error, followlinks=True):
        for name in names:
            f = Path(root) / name
            if f.is_file():
                yield f


def _size(path: Path) -> int:
    """The size of a file, 0 for one gone since it was listed (for progress only)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_corpus(paths: Iterable[str], *, field: str = "text", column: str | None = None, lines: bool = False,
                format: str | None = None, strict: bool = False,
                on_error: ErrorHandler | None = None) -> CorpusReader:
    """The good listings in ``paths`` ("-" is stdin) as :class:`Record` objects, lazily.

    ``field`` names the text of JSON records (dotted paths such as ``job.description``);
    ``column`` the text column of CSV/TSV (default: ``field``); ``lines`` makes each line of a
    text file one listing; ``format`` overrides the format taken from the file suffix. Bad
    records go to ``on_error`` (or raise with ``strict``) and are skipped.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    reader = _Reader(field=field, column=column, lines=lines, strict=strict, on_error=on_error)
    return CorpusReader(paths, reader, format)


def _is_gzip(raw: io.BufferedReader) -> bool:
    head = raw.peek(2)[:2]
    return head == b"\x1f\x8b"


def _read_stream(stream, path: str, reader: _Reader, fmt: str | None) -> Iterator[Record]:
    if fmt is None:  # stdin: JSON Lines when it starts with "{", else text
        buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
        head = buffered.peek(64)[:64].lstrip()
        fmt = "jsonl" if head.startswith(b"{") else "txt"
        stream = buffered
    lines = _byte_lines(stream, path, reader)
    if fmt == "jsonl":
        yield from reader.jsonl(lines, path)
    elif fmt == "json":
        yield from reader.json(b"".join(lines), path)
    elif fmt in ("csv", "tsv"):
        yield from reader.table(lines, path, "," if fmt == "csv" else "\t")
    else:
        yield from reader.txt(lines, path)
