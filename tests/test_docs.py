"""Every code sample in README.md and docs/*.md runs, and prints what it says it prints.

The samples of one file run in order, in a scratch folder that holds the example listings
(``examples/``, and ``listings.jsonl``: the 40 listings of ``examples/ml_vs_ds.jsonl``) and
every vocabulary file a ``yaml`` block names in its first line (``# acme_tools.yaml``).

- ``python`` blocks run with the names the earlier blocks of the file defined, and ``texts``
  (the texts of ``listings.jsonl``); a block written as a session (``>>>``) is a doctest:
  what it prints is checked;
- ``bash`` blocks run line by line and must exit 0; ``console`` blocks hold ``$ command``
  lines, each followed by the output it prints (a line ``...`` ends the part that is checked);
- ``yaml`` blocks load as vocabulary files: over the built-in ones when they override
  built-in terms, alone otherwise;
- ``text`` blocks are synopses and are not run.

A block preceded by ``<!-- not run: reason -->`` is not run; the reason must say why (the
commands that install software or run minutes-long benchmarks).
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import skillterms

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(?:<!-- not run: (?P<why>[^>]*?) -->\n(?:<!--[^\n]*-->\n)*)?^```(?P<info>[\w-]*)\n(?P<body>.*?)^```$",
                   re.S | re.M)
LANGUAGES = {"python", "bash", "console", "yaml", "text"}


def blocks(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    found = []
    for m in BLOCK.finditer(text):
        found.append({"info": m.group("info"), "body": m.group("body"), "why": m.group("why"),
                      "line": text.count("\n", 0, m.start("info")) + 1})
    return found


def test_every_block_says_its_language():
    for path in DOCS:
        for b in blocks(path):
            assert b["info"] in LANGUAGES, f"{path.name}:{b['line']}: a code block needs one of {sorted(LANGUAGES)}"


def test_every_skipped_block_says_why():
    for path in DOCS:
        for b in blocks(path):
            if b["why"] is not None:
                assert len(b["why"].split()) >= 3, f"{path.name}:{b['line']}: say why the block is not run"


@pytest.fixture()
def scratch(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copy(ROOT / "examples" / "ml_vs_ds.jsonl", tmp_path / "listings.jsonl")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _texts() -> list[str]:
    return [json.loads(line)["text"] for line in (ROOT / "examples" / "ml_vs_ds.jsonl").open(encoding="utf-8")]


def _env() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "200"  # a piped table is never cut, but say so anyway
    env["PYTHONHASHSEED"] = "0"
    return env


def _run(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=300, env=_env(),
                          executable="/bin/bash")


def _commands(body: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", body)
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _check_console(body: str, where: str) -> None:
    parts = re.split(r"^\$ ", body, flags=re.M)[1:]
    assert parts, f"{where}: a console block starts with a `$ command` line"
    for part in parts:
        command, _, expected = part.partition("\n")
        out = _run(command)
        assert out.returncode == 0, f"{where}: `{command}` exited {out.returncode}: {out.stderr[-500:]}"
        want = expected.rstrip("\n").splitlines()
        if "..." in want:
            want = want[:want.index("...")]
            got = out.stdout.splitlines()[:len(want)]
        else:
            got = out.stdout.rstrip("\n").splitlines()
        assert [g.rstrip() for g in got] == [w.rstrip() for w in want], f"{where}: `{command}` printed otherwise"


def _run_file(path: Path) -> None:
    names: dict = {"skillterms": skillterms, "texts": _texts(), "__name__": "__docs__"}
    for b in blocks(path):
        where = f"{path.name}:{b['line']}"
        if b["why"] is not None or b["info"] == "text":
            continue
        body = b["body"]
        if b["info"] == "yaml":
            first = body.splitlines()[0]
            name = first[2:].strip() if first.startswith("# ") and first.endswith(".yaml") else "block.yaml"
            Path(name).write_text(body, encoding="utf-8")
            # A file that overrides terms extends the built-in files; any other must load alone.
            skillterms.load_vocabulary(name, builtin="override:" in body)  # raises with file:line:col
        elif b["info"] == "python":
            if ">>>" in body:
                test = doctest.DocTestParser().get_doctest(body, names, where, str(path), b["line"])
                runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
                runner.run(test, out=lambda s: pytest.fail(f"{where}: the sample printed otherwise\n{s}"),
                           clear_globs=False)
                names.update(test.globs)  # the names it defines are there for the next blocks
            else:
                exec(compile(body, where, "exec"), names)  # noqa: S102 - the project's own docs
        elif b["info"] == "bash":
            for command in _commands(body):
                out = _run(command)
                assert out.returncode == 0, f"{where}: `{command}` exited {out.returncode}: {out.stderr[-500:]}"
        elif b["info"] == "console":
            _check_console(body, where)


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_samples_run_and_print_what_they_claim(path, scratch):
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    _run_file(path)


def _figures_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("doc_figures", ROOT / "tools" / "doc_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIGURES = json.loads((ROOT / "docs" / "figures.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_quoted_figures_are_those_of_figures_json(path):
    text = path.read_text(encoding="utf-8")
    assert _figures_tool().rewrite(text, FIGURES, path.name) == text, \
        f"{path.name} quotes a figure otherwise than docs/figures.json: run python tools/doc_figures.py"


def test_vocabulary_figures_are_those_of_the_built_in_vocabulary():
    measured = _figures_tool().vocabulary_figures()
    assert {k: FIGURES.get(k) for k in measured} == measured, "run python tools/doc_figures.py"


def test_accuracy_figures_are_what_score_py_measures():
    tool = _figures_tool()
    if not (tool.SHARED / "score.py").is_file():
        pytest.skip("../shared/eval is not here: the dev gold sets cannot be scored")
    measured = tool.accuracy_figures()
    assert {k: FIGURES.get(k) for k in measured} == measured, "run python tools/doc_figures.py"
