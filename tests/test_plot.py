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
