import math

import pytest

from skillterms.counting import TermCounts
from skillterms.report import PairCounter, compare, two_proportion_test


def test_two_proportion_test_matches_a_known_value():
    # 30/100 vs 50/100: z = -2.887..., two-sided p = 0.00389
    assert two_proportion_test(30, 100, 50, 100) == pytest.approx(0.00389, abs=1e-5)
    assert two_proportion_test(5, 10, 5, 10) == pytest.approx(1.0)


def test_two_proportion_test_is_safe_on_empty_or_constant_groups():
    assert two_proportion_test(0, 0, 3, 10) == 1.0
    assert two_proportion_test(0, 10, 0, 10) == 1.0


def test_compare_reports_shares_difference_ratio_and_sorts():
    a = TermCounts(10, {"Python": 8, "SQL": 2})
    b = TermCounts(20, {"Python": 4, "R": 10})
    rows = {r.term: r for r in compare(a, b)}
    assert (rows["Python"].share_a, rows["Python"].share_b) == (0.8, 0.2)
    assert rows["Python"].difference_pp == pytest.approx(60.0)
    assert rows["Python"].ratio == pytest.approx(4.0)
    assert rows["R"].share_a == 0.0 and rows["R"].ratio == 0.0
    assert rows["SQL"].ratio == math.inf
    assert [r.term for r in compare(a, b)][0] == "Python"  # largest difference first
    assert [r.term for r in compare(a, b, sort="term")] == ["Python", "R", "SQL"]


def test_compare_refuses_unknown_sort():
    with pytest.raises(ValueError, match="sort must be one of"):
        compare(TermCounts(), TermCounts(), sort="size")


def test_pairs_count_listings_with_both_and_lift():
    pairs = PairCounter()
    for terms in (["Python", "SQL"], ["Python", "SQL", "R"], ["Python"], ["Go"]):
        pairs.add(terms)
    (top,) = [r for r in pairs.table(top=3) if {r.term_a, r.term_b} == {"Python", "SQL"}]
    assert top.documents_both == 2
    assert top.lift == pytest.approx(2 * 4 / (3 * 2))
    around = pairs.table(with_term="R")
    assert {(r.term_a, r.term_b) for r in around} == {("R", "Python"), ("R", "SQL")}
