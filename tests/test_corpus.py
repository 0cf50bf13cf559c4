import gzip
import json

import pytest

from skillterms.corpus import read_corpus
from skillterms.errors import CorpusError


def read(paths, **kw):
    errors = []
    records = list(read_corpus([str(p) for p in paths], on_error=errors.append, **kw))
    return records, errors


def test_jsonl_with_a_bad_line_in_the_middle_keeps_the_good_ones(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "one"}\n{not json\n{"text": "three"}\n{"title": "no text"}\n\n{"text": 5}\n')
    records, errors = read([path])
    assert [r.text for r in records] == ["one", "three"]
    assert [(e.line, e.path.endswith("a.jsonl")) for e in errors] == [(2, True), (4, True), (6, True)]
    assert "not valid JSON" in errors[0].message and "no field 'text'" in errors[1].message


def test_strict_mode_raises_at_the_first_bad_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "one"}\n{bad\n')
    with pytest.raises(CorpusError, match=r"a.jsonl:2"):
        list(read_corpus([str(path)], strict=True))


def test_dotted_field_paths(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"job": {"description": "nested"}}) + "\n")
    records, errors = read([path], field="job.description")
    assert [r.text for r in records] == ["nested"] and not errors


def test_undecodable_bytes_are_reported_with_their_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    records, errors = read([path])
    assert len(records) == 1 and errors[0].line == 2 and "UTF-8" in errors[0].message


def test_json_array(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": "a"}, {"text": "b"}, "c"]))
    assert [r.text for r in read([path])[0]] == ["a", "b", "c"]


def test_csv_and_tsv_columns(tmp_path):
    (tmp_path / "a.csv").write_text('id,description\n1,"Python, SQL"\n2,"multi\nline"\n')
    (tmp_path / "b.tsv").write_text("id\tdescription\n1\tJava\n")
    records, errors = read([tmp_path / "a.csv", tmp_path / "b.tsv"], column="description")
    assert [r.text for r in records] == ["Python, SQL", "multi\nline", "Java"] and not errors


def test_csv_missing_column_is_reported(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,x\n")
    records, errors = read([path])
    assert records == [] and "no column 'text'" in errors[0].message


def test_csv_stray_quote_reports_the_line_and_keeps_earlier_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('text\nfine\n"unclosed quote\nmore\n')
    records, errors = read([path])
    assert [r.text for r in records] == ["fine"]
    assert errors and errors[0].line >= 3


def test_txt_whole_file_or_lines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Python\nSQL\n")
    assert [r.text for r in read([path])[0]] == ["Python\nSQL\n"]
    assert [r.text for r in read([path], lines=True)[0]] == ["Python", "SQL"]


def test_gzip_and_truncated_gzip(tmp_path):
    good = tmp_path / "a.jsonl.gz"
    payload = "".join(json.dumps({"text": f"listing {i}"}) + "\n" for i in range(2000)).encode()
    good.write_bytes(gzip.compress(payload))
    assert len(read([good])[0]) == 2000
    cut = tmp_path / "b.jsonl.gz"
    cut.write_bytes(gzip.compress(payload)[:-200])
    records, errors = read([cut])
    assert 0 < len(records) < 2000
    assert "truncated" in errors[-1].message


def test_directory_skips_unknown_files_and_reports_them(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("two")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    records, errors = read([tmp_path])
    assert sorted(r.text for r in records) == ["one", "two"]
    assert len(errors) == 1 and errors[0].path.endswith("image.png")


def test_missing_path_is_reported(tmp_path):
    records, errors = read([tmp_path / "missing.jsonl"])
    assert records == [] and "no such file" in errors[0].message


def test_empty_file_yields_nothing_and_no_error(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("")
    assert read([path]) == ([], [])


def test_records_keep_their_fields_for_grouping(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "x", "month": "2024-01"}) + "\n")
    (record,) = read([path])[0]
    assert record.fields["month"] == "2024-01" and record.line == 1


def _stdin(monkeypatch, data: bytes):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_gzip_on_stdin_is_told_by_its_content(monkeypatch):
    _stdin(monkeypatch, gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    records, errors = read(["-"])
    assert [(r.text, r.path, r.line) for r in records] == [("one", "<stdin>", 1), ("two", "<stdin>", 2)]
    assert errors == []


def test_gzip_text_on_stdin_is_read_as_lines(monkeypatch):
    _stdin(monkeypatch, gzip.compress(b"Python here\nSQL there\n"))
    assert [r.text for r in read(["-"], lines=True)[0]] == ["Python here", "SQL there"]


def test_plain_stdin_is_not_taken_for_gzip(monkeypatch):
    _stdin(monkeypatch, b'{"text": "plain"}\n')
    assert [r.text for r in read(["-"])[0]] == ["plain"]


def test_missing_field_error_names_the_field_and_the_fields_found(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "x", "body": "y"}\n{"text": null}\n')
    _, errors = read([path])
    assert (errors[0].field, errors[0].found) == ("text", "body, title")
    assert errors[1].field is None  # present but no text: a bad record, not a missing field


def test_missing_csv_column_error_names_the_column_and_the_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,body\nx,y\n")
    _, errors = read([path])
    assert (errors[0].field, errors[0].found, errors[0].line) == ("text", "title, body", 1)


def _listings(n, word="Python"):
    return "".join(json.dumps({"text": f"{word} listing {i}"}) + "\n" for i in range(n))


def test_a_file_deleted_while_it_is_read_is_counted_and_its_size_kept(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(_listings(3))
    b.write_text(_listings(2, "SQL"))
    errors = []
    reader = read_corpus([str(a), str(b)], on_error=errors.append)
    texts = []
    for record in reader:
        if not texts:
            a.unlink()  # the open file is still read to its end
        texts.append(record.text)
    assert len(texts) == 5 and not errors
    assert reader.bytes_read == len(_listings(3)) + len(_listings(2, "SQL"))


def test_a_file_deleted_before_it_is_opened_is_one_bad_input_with_its_name(tmp_path):
    folder = tmp_path / "listings"
    folder.mkdir()
    (folder / "a.jsonl").write_text(_listings(2))
    (folder / "b.jsonl").write_text(_listings(2, "SQL"))
    (folder / "c.jsonl").write_text(_listings(2, "Go"))
    errors = []
    reader = read_corpus([str(folder)], on_error=errors.append)
    assert reader.total_bytes > 0
    texts = []
    for record in reader:
        if not texts:
            (folder / "b.jsonl").unlink()
        texts.append(record.text)
    assert [t.split()[0] for t in texts] == ["Python", "Python", "Go", "Go"]
    (error,) = errors
    assert error.path.endswith("b.jsonl") and "no such file" in error.message


def test_a_file_truncated_while_it_is_read_gives_what_it_still_holds(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(_listings(20_000))  # more than one read buffer
    errors = []
    texts = []
    for record in read_corpus([str(path)], on_error=errors.append):
        if not texts:
            with open(path, "r+") as f:
                f.truncate(100_000)
        texts.append(record.text)
    assert 0 < len(texts) < 20_000
    assert all(e.path == str(path) for e in errors)


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    import os

    folder = tmp_path / "listings"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.jsonl").write_text(_listings(1))
    (folder / "locked" / "b.jsonl").write_text(_listings(1))
    real = os.scandir

    def scandir(path="."):  # as a folder without read permission answers (root reads any)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    records, errors = read([folder])
    assert [r.text for r in records] == ["Python listing 0"]
    (error,) = errors
    assert error.path.endswith("locked") and "cannot read the folder (Permission denied)" in error.message


def test_json_errors_name_the_position_once(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "unterminated')
    _, errors = read([path])
    assert "Unterminated string starting at column 10" in errors[0].message
    assert "at at" not in errors[0].message
