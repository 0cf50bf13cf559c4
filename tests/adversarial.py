"""Adversarial inputs, each built to a requested size: shared by tests/test_adversarial.py
(small sizes) and benchmarks/adversarial.py (10 MB each)."""

from __future__ import annotations

from typing import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


INPUTS: dict[str, Callable[[int], str]] = {
    "plus signs": _repeat("+"),
    "hash signs": _repeat("#"),
    "C++ without spaces": _repeat("C++"),
    "C/C++/C# without spaces": _repeat("C/C++/C#/"),
    "one huge token": _repeat("a"),
    "camel case without spaces": _repeat("AbCdEfGh"),
    "nested html": _repeat("<div><ul><li>"),
    "unclosed html": lambda size: "<div class='" + "x" * max(size - 12, 0),
    "html comment never closed": lambda size: "<!--" + ordinary(max(size - 4, 0)),
    "entities": _repeat("&amp;&#x41;&nbsp;"),
    "commas": _repeat(","),
    "spaces then a term": lambda size: "C++" + " " * max(size - 3, 0),
    "mixed scripts": _repeat("Pythonпитон数据Kubernetes한국어"),
    "lone surrogates": lambda size: _sprinkled("\udcff\udc80", size),
    "NUL bytes": lambda size: _sprinkled("\x00", size),
    "dots": _repeat("."),
    "digits": _repeat("1"),
    "angle brackets": _repeat("<"),
    "ampersands": _repeat("&"),
    "e-mail like": _repeat("a@b.c@"),
    "url like": _repeat("http://x"),
    # Each repeat once opened a local window that ran the Python piece matcher (9.5x ordinary).
    "dense mixed input": _repeat("Python\u200b\u00a0İ<li>&nbsp;R&D/C#/"),
}

# Not hostile, only dense: real terms every 7 to 14 characters (ordinary listings have about
# one per 100). What they cost is the cost of each mention, reported apart.
DENSE: dict[str, Callable[[int], str]] = {
    "dense list of terms": _repeat("Python, SQL, R, Go, AWS, "),
    "glued terms (camel case words)": _repeat("KubernetesDocker PythonJava "),
}

ORDINARY = ("We are hiring a data engineer. You will build pipelines in Python and SQL on AWS, "
            "orchestrate them with Airflow, and ship services in Docker and Kubernetes. Experience "
            "with Spark, Kafka or dbt is a plus; knowledge of R and statistics is welcome.\n")


def _sprinkled(chars: str, size: int) -> str:
    """Ordinary prose with ``chars`` at the start of every word (what a bad decode leaves)."""
    return _repeat(ORDINARY.replace(" ", " " + chars))(size)


def ordinary(size: int) -> str:
    """Listing-like prose of about ``size`` characters, written for the tests."""
    return _repeat(ORDINARY)(size)
