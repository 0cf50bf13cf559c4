"""Charts are written and show what they say (sizes checked here; the images were also
looked at when the tests were written)."""

import pytest

pytest.importorskip("matplotlib")

from skillterms.plot import comparison_chart, cooccurrence_chart, share_chart  # noqa: E402
from skillterms.report import Comparison, Cooccurrence  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def _size(path):
    import struct

    data = path.read_bytes()
    assert data[:8] == PNG
    return struct.unpack(">II", data[16:24])


def test_share_chart_grows_with_the_number_of_terms(tmp_path):
    small = share_chart([("Python", 0.8), ("SQL", 0.5)], tmp_path / "a.png")
    big = share_chart([(f"T{i}", 0.1) for i in range(20)], tmp_path / "b.png")
    assert _size(big)[1] > _size(small)[1]


def test_comparison_chart(tmp_path):
    rows = [Comparison("Python", 8, 0.8, 4, 0.2, 60.0, 4.0, 0.001), Comparison("SQL", 2, 0.2, 10, 0.5, -30, 0.4, 0.1)]
    width, height = _size(comparison_chart(rows, tmp_path / "c.png", label_a="A", label_b="B"))
    assert width > 500 and height > 200


def test_cooccurrence_chart(tmp_path):
    rows = [Cooccurrence("Python", "SQL", 3, 5, 4, 1.5), Cooccurrence("Python", "R", 1, 5, 2, 0.5)]
    width, height = _size(cooccurrence_chart(rows, tmp_path / "d.png"))
    assert width > 200 and height > 200


def test_share_chart_takes_counts_and_caps_them(tmp_path, mini):
    counts = mini.count([f"Python and SQL {i}" for i in range(5)] + ["Docker"])
    width, height = _size(share_chart(counts, tmp_path / "e.png", top=2))
    assert width > 500 and height < _size(share_chart(counts, tmp_path / "f.png"))[1]


@pytest.mark.parametrize("bad", [[("Python", 696)], [("Python", -0.1)], [("Python", "80%")]])
def test_share_chart_refuses_counts_given_as_shares(tmp_path, bad):
    with pytest.raises(ValueError, match="shares between 0 and 1"):
        share_chart(bad, tmp_path / "g.png")


def test_grouped_chart_draws_one_bar_per_group(tmp_path, mini):
    from skillterms.plot import grouped_share_chart

    groups = {"a": mini.count(["Python", "SQL"]), "b": mini.count(["Python", "Python and Docker"])}
    one = _size(grouped_share_chart(["Python", "SQL"], {"a": groups["a"]}, tmp_path / "h.png"))
    two = _size(grouped_share_chart(["Python", "SQL"], groups, tmp_path / "i.png"))
    assert two[1] > one[1]


def test_lift_chart_draws_the_one_row(tmp_path):
    from skillterms.plot import lift_chart

    rows = [Cooccurrence("Python", "SQL", 3, 5, 4, 1.5), Cooccurrence("Python", "R", 1, 5, 2, 0.5)]
    width, height = _size(lift_chart(rows, tmp_path / "j.png"))
    assert width > 500 and height < 400


def test_a_chart_goes_to_exactly_the_path_given(tmp_path):
    from skillterms.errors import UsageError

    path = share_chart([("Python", 0.5)], tmp_path / "k.svg")
    assert path.read_bytes().lstrip().startswith(b"<?xml") and not (tmp_path / "k.svg.png").exists()
    with pytest.raises(UsageError, match="ending in"):
        share_chart([("Python", 0.5)], tmp_path / "k.txt")
    with pytest.raises(UsageError, match="is a folder"):
        share_chart([("Python", 0.5)], tmp_path)
