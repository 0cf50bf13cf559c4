"""Adversarial inputs: no crash, valid offsets, and cost that grows linearly.

Timings proper live in benchmarks/adversarial.py. Here each input is small and is timed only
against ordinary text of the same size with a wide margin: what this catches is quadratic
behaviour (a 200 KB input that takes a hundred times longer), not noise.
"""

import time

import pytest

import skillterms
from adversarial import DENSE, INPUTS, ordinary

SIZE = 200_000
MARGIN = 10  # times the cost of ordinary text of the same size


def _seconds(extractor, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extractor.extract(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.fixture(scope="module")
def extractor():
    return skillterms.Extractor()


@pytest.fixture(scope="module")
def ordinary_seconds(extractor):
    return _seconds(extractor, ordinary(SIZE))


@pytest.mark.parametrize("name", sorted(INPUTS) + sorted(DENSE))
def test_adversarial_input_gives_valid_mentions(extractor, name):
    text = {**INPUTS, **DENSE}[name](SIZE)
    mentions = extractor.extract(text)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert mentions == sorted(mentions)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_adversarial_input_costs_no_more_than_ordinary_text(extractor, ordinary_seconds, name):
    seconds = _seconds(extractor, INPUTS[name](SIZE))
    assert seconds <= MARGIN * ordinary_seconds + 0.05, f"{name}: {seconds:.3f} s vs {ordinary_seconds:.3f} s"


@pytest.mark.parametrize("name", sorted(DENSE))
def test_dense_input_costs_in_proportion_to_its_length(extractor, name):
    # four times the text, about four times the cost: a search within each short sentence that
    # read the word starts of the rest of the text once cost thirteen times as much
    small, large = _seconds(extractor, DENSE[name](SIZE // 2)), _seconds(extractor, DENSE[name](SIZE * 2))
    assert large <= 8 * small + 0.02, f"{name}: {large:.3f} s for 4x the text of {small:.3f} s"


def test_run_without_whitespace_is_read_only_to_its_limit(extractor):
    from skillterms.text.normalize import MAX_RUN

    glued = "Python,Java" + "," * (MAX_RUN - 11) + "Kubernetes," * 50
    found = {m.term for m in extractor.extract(glued)}
    assert found == {"Python", "Java"}
    assert "Kubernetes" in {m.term for m in extractor.extract("Python " + "Kubernetes " * 200)}
