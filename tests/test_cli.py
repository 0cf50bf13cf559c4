import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
MINI = ["--no-builtin", "--vocab", str(DATA / "mini_vocab.yaml")]


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "skillterms", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_extract_prints_a_table():
    out = run("extract", "Python, R and SQL on k8s", *MINI)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["term", "category", "span", "text"]
    assert [line.split()[0] for line in lines[1:]] == ["Python", "R", "SQL", "Kubernetes"]


def test_extract_json_reads_stdin():
    out = run("extract", "--json", *MINI, stdin="Experience with C++/C#")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["term"], r["start"], r["end"]) for r in rows] == [("C++", 16, 19), ("C#", 20, 22)]


def test_count_jsonl_table(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in ["Python and SQL", "Python", "Docker"]))
    out = run("count", str(path), *MINI)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "3 listings"
    assert out.stdout.splitlines()[2].split() == ["Python", "test", "tool", "2", "66.7%"]


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_count_output_formats(tmp_path, fmt):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Python"}\n{"text": "SQL and Python"}\n')
    out = run("count", str(path), "--format", fmt, *MINI)
    assert out.returncode == 0, out.stderr
    if fmt == "json":
        data = json.loads(out.stdout)
        assert data["documents"] == 2 and data["terms"][0] == {
            "term": "Python", "category": "test", "kind": "tool", "documents": 2, "share": 1.0}
    elif fmt == "csv":
        assert out.stdout.splitlines()[:2] == ["term,category,kind,documents,share", "Python,test,tool,2,1.0"]
    else:
        assert "| Python | test | tool | 2 | 100.0% |" in out.stdout


def test_count_filters_top_kind_and_min_share(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Python, SQL, CI/CD"}\n{"text": "Python"}\n')
    out = run("count", str(path), "--format", "csv", "--kind", "tool", "--top", "1", *MINI)
    assert out.stdout.splitlines()[1:] == ["Python,test,tool,2,1.0"]
    out = run("count", str(path), "--format", "csv", "--min-share", "0.6", *MINI)
    assert [line.split(",")[0] for line in out.stdout.splitlines()[1:]] == ["Python"]


def test_count_rollup(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Amazon SageMaker"}\n{"text": "S3"}\n')
    out = run("count", str(path), "--format", "csv", "--rollup", *MINI)
    assert "AWS,test,tool,2,1.0" in out.stdout.splitlines()


def test_bad_records_are_reported_skipped_and_exit_1(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Python"}\n{broken\n{"text": "SQL"}\n')
    out = run("count", str(path), "--format", "csv", *MINI)
    assert out.returncode == 1
    assert f"{path}:2" in out.stderr and "1 bad record skipped; 2 listings counted" in out.stderr
    assert "Python,test,tool,1,0.5" in out.stdout


def test_strict_stops_at_the_first_bad_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Python"}\n{broken\n')
    out = run("count", str(path), "--strict", *MINI)
    assert out.returncode == 1 and f"{path}:2" in out.stderr


def test_usage_error_exits_2():
    assert run("count").returncode == 2
    assert run("frobnicate").returncode == 2


def test_bad_vocabulary_exits_1_with_location():
    bad = DATA / "bad_vocab" / "unknown_term_key.yaml"
    out = run("extract", "x", "--vocab", str(bad))
    assert out.returncode == 1 and "unknown_term_key.yaml:5:5" in out.stderr


def test_vocab_check_reports_and_exits_1():
    out = run("vocab", "check", "--no-builtin", str(DATA / "bad_vocab" / "parent_cycle.yaml"))
    assert out.returncode == 1 and "parent_cycle.yaml:5:13: error: parent cycle" in out.stdout


def test_vocab_check_ok():
    out = run("vocab", "check", "--no-builtin", str(DATA / "mini_vocab.yaml"))
    assert out.returncode == 0 and out.stdout.startswith("ok: ")


def test_vocab_show_and_list():
    out = run("vocab", "show", "s3", *MINI)
    assert out.returncode == 0
    assert out.stdout.startswith("Amazon S3  (tool, test)") and "parent:     AWS" in out.stdout
    out = run("vocab", "list", "--kind", "concept", *MINI)
    assert [line.split()[0] for line in out.stdout.splitlines()[1:]][:3] == ["A/B", "Artificial", "CI/CD"]


def test_vocab_show_unknown_term_suggests():
    out = run("vocab", "show", "Kubernets", *MINI)
    assert out.returncode == 2 and "did you mean 'Kubernetes'" in out.stderr


def test_main_returns_exit_codes_in_process(capsys):
    from skillterms.cli import main

    assert main(["extract", "Python", *MINI]) == 0
    assert main(["nonsense"]) == 2
    assert "Python" in capsys.readouterr().out


def test_explain_shows_each_decision_and_its_reason():
    out = run("explain", "Machine Learning Engineer; R&D; spark joy; Pyhton", *MINI)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("tokens: Machine Learning Engineer")
    text = "\n".join(lines)
    assert "job title" in text and "not_terms phrase 'R&D'" in text
    assert "without confirming context" in text and "typo of 'python'" in text


def test_vocab_list_filters_by_category():
    out = run("vocab", "list", "--category", "languages")
    names = [line.split()[0] for line in out.stdout.splitlines()[1:]]
    assert "Python" in names and "Kubernetes" not in names


def test_vocab_show_builtin_term_by_alias():
    out = run("vocab", "show", "k8s")
    assert out.returncode == 0 and out.stdout.startswith("Kubernetes  (tool, devops)")
    assert "defined at: vocab/devops.yaml:" in out.stdout


def test_vocab_check_prints_warnings_but_exits_0(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("category: internal\nkind: tool\nterms:\n  - name: Acme Deploy\n    aliases: [AcmeDeploy]\n")
    out = run("vocab", "check", str(path))
    assert out.returncode == 0, out.stdout
    assert f"{path}:5:15: warning: 'AcmeDeploy' of 'Acme Deploy' is the same surface" in out.stdout
    assert out.stdout.splitlines()[-1].endswith("terms, 1 warning")


# ---------------------------------------------------------------------- analyst workflow

LISTINGS = [
    ("ml", "2024-01", "Python, PyTorch and Kubernetes; C++ a plus"),
    ("ml", "2024-01", "Python and Docker on AWS S3"),
    ("ml", "2024-02", "PyTorch, Python, SQL"),
    ("ds", "2024-01", "SQL, R and Python; Excel spreadsheets"),
    ("ds", "2024-02", "SQL and Tableau; A/B testing"),
    ("ds", "2024-02", "R and SQL"),
]


@pytest.fixture
def roles(tmp_path):
    path = tmp_path / "listings.jsonl"
    path.write_text("".join(json.dumps({"role": r, "meta": {"month": m}, "text": t}) + "\n"
                            for r, m, t in LISTINGS))
    return path


def test_python_dash_m_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "skillterms", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("skillterms ")


def test_count_group_by_gives_one_tidy_row_per_group_and_term(roles):
    out = run("count", str(roles), "--group-by", "role", "--format", "json")
    data = json.loads(out.stdout)
    assert data["documents"] == 6
    assert data["groups"] == [{"group": "ds", "documents": 3}, {"group": "ml", "documents": 3}]
    rows = {(r["group"], r["term"]): r for r in data["terms"]}
    assert (rows["ds", "SQL"]["share"], rows["ml", "SQL"]["share"]) == (1.0, 0.3333)
    assert rows["ml", "SQL"]["documents"] == 1


def test_count_group_by_dotted_field(roles):
    out = run("count", str(roles), "--group-by", "meta.month", "--format", "csv")
    lines = out.stdout.splitlines()
    assert lines[0] == "group,term,category,kind,documents,share"
    assert {line.split(",")[0] for line in lines[1:]} == {"2024-01", "2024-02"}


def test_compare_two_files_with_significance(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(["Python and SQL"] * 30 + ["Java"] * 10))
    b.write_text("\n".join(["SQL"] * 10 + ["Java"] * 30))
    out = run("compare", str(a), str(b), "--lines", "--labels", "ml,ds", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["a"] == {"label": "ml", "documents": 40} and data["b"] == {"label": "ds", "documents": 40}
    python = next(r for r in data["terms"] if r["term"] == "Python")
    assert python["share_a"] == 0.75 and python["share_b"] == 0.0 and python["p_value"] < 0.001
    assert python["ratio"] is None  # no listing of b mentions Python: JSON has no infinity


def test_compare_one_file_split_by_field_and_sorted(roles, tmp_path):
    chart = tmp_path / "compare.png"
    out = run("compare", str(roles), "--group-by", "role", "--groups", "ml,ds", "--sort", "share_a",
              "--plot", str(chart))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "ml: 3 listings; ds: 3 listings"
    assert lines[2].split()[0] == "Python"
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_compare_needs_two_groups(roles):
    out = run("compare", str(roles), "--group-by", "meta.month", "--groups", "2024-01,2030-12")
    assert out.returncode == 2 and "no listings with meta.month = '2030-12'" in out.stderr


def test_cooccur_around_one_term(roles):
    out = run("cooccur", str(roles), "--with", "sql", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = [line.split(",") for line in out.stdout.splitlines()[1:]]
    assert rows[0][:3] == ["SQL", "R", "2"]  # ties in listings go to the higher lift


def test_cooccur_matrix_chart(roles, tmp_path):
    chart = tmp_path / "pairs.png"
    out = run("cooccur", str(roles), "--top", "5", "--plot", str(chart))
    assert out.returncode == 0 and chart.stat().st_size > 1000


def test_count_plot_writes_a_bar_chart(roles, tmp_path):
    chart = tmp_path / "shares.png"
    assert run("count", str(roles), "--top", "5", "--plot", str(chart)).returncode == 0
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_count_reads_csv_txt_gz_folders_and_stdin(tmp_path):
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.csv").write_text('id,description\n1,"Python, SQL"\n')
    (folder / "b.txt").write_text("Docker and k8s")
    (folder / "c.jsonl.gz").write_bytes(gzip.compress(b'{"description": "Rust and Go, Kafka"}\n'))
    out = run("count", str(folder), "--column", "description", "--field", "description", "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert {line.split(",")[0] for line in out.stdout.splitlines()[1:]} >= {"Python", "Docker", "Apache Kafka"}
    out = run("count", "-", "--format", "csv", stdin='{"text": "Python"}\n{"text": "SQL"}\n')
    assert out.stdout.splitlines()[1:] == ["Python,languages,tool,1,0.5", "SQL,languages,tool,1,0.5"]


def test_progress_line_can_be_forced_and_is_cleared():
    import io

    from skillterms.progress import Progress, with_progress

    stream = io.StringIO()
    progress = Progress(total_bytes=100, bytes_read=lambda: 50, stream=stream, enabled=True, interval=0)
    assert list(with_progress(range(200), progress)) == list(range(200))
    text = stream.getvalue()
    assert "listings" in text and "50%" in text and "50.0/100" in text  # tqdm's bar: share and bytes
    assert text.rstrip(" ").endswith("\r") or text.endswith("\x1b[A")  # cleared at the end (leave=False)


def test_progress_is_off_when_stderr_is_not_a_terminal(roles):
    out = run("count", str(roles))
    assert "listings/s" not in out.stderr and "/s" not in out.stderr


def test_interrupted_count_prints_partial_results():
    import signal

    # Listings arrive on a pipe that stays open: once the write of 2 MB returns, the
    # reader has consumed most of it and is blocked waiting for more, so the interrupt
    # lands mid-count whatever the machine's speed (a timed sleep raced the cold start).
    line = json.dumps({"text": "Python, SQL and Docker. " * 20}) + "\n"
    proc = subprocess.Popen([sys.executable, "-m", "skillterms", "count", "-", "--format", "json", "--quiet"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write(line * 4_000)
    proc.stdin.flush()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    data = json.loads(stdout)
    assert data["partial"] is True and 0 < data["documents"] <= 4_000
    assert "PARTIAL" in stderr


def test_sigterm_to_a_parallel_count_prints_partial_results_and_ends_the_workers():
    import os
    import signal
    import time

    line = json.dumps({"text": "Python, SQL and Docker. " * 20}) + "\n"
    proc = subprocess.Popen([sys.executable, "-m", "skillterms", "count", "-", "--format", "json", "--quiet",
                             "--n-process", "2"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write(line * 4_000)  # returns once the workers are reading (see above)
    proc.stdin.flush()
    workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                              text=True).stdout.split()]
    proc.send_signal(signal.SIGTERM)
    try:
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 143, stderr
    data = json.loads(stdout)
    assert data["partial"] is True and 0 < data["documents"] <= 4_000
    assert "PARTIAL" in stderr and "Traceback" not in stderr
    assert workers
    time.sleep(0.5)
    assert not [p for p in workers if os.path.exists(f"/proc/{p}") and
                open(f"/proc/{p}/stat").read().split()[2] != "Z"], "workers outlived the command"


def _broken_inputs(tmp_path):
    """(name, path, listings that are good, locations that must be reported)."""
    import gzip

    good = [json.dumps({"text": f"Python and SQL, listing {i}"}) for i in range(6)]
    cases = []
    p = tmp_path / "bad_line_in_the_middle.jsonl"
    p.write_text("\n".join(good[:3] + ["{not json", '{"title": "no text field"}'] + good[3:]) + "\n")
    cases.append((p, 6, [f"{p.name}:4", f"{p.name}:5"]))
    p = tmp_path / "truncated.jsonl.gz"
    whole = gzip.compress(("\n".join(good) + "\n").encode() * 400)
    p.write_bytes(whole[: len(whole) // 2])
    cases.append((p, None, [f"{p.name}:", "truncated"]))
    p = tmp_path / "stray_quote.csv"
    p.write_text('text\n"Python and SQL"\nDocker and Kubernetes\n"Go, Rust and\n')
    cases.append((p, 2, [f"{p.name}:4"]))
    folder = tmp_path / "folder_with_binaries"
    folder.mkdir()
    (folder / "good.jsonl").write_text("\n".join(good[:2]) + "\n")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "notes.txt").write_bytes(b"\xff\xfe\x00\x81 Python")
    cases.append((folder, 2, ["image.png", "notes.txt:1"]))
    p = tmp_path / "empty.jsonl"
    p.write_text("")
    cases.append((p, 0, []))
    p = tmp_path / "one_100MB_line.jsonl"
    with open(p, "w") as f:
        f.write(json.dumps({"text": "Python, SQL and Docker " + "0123456789abcdef" * 6_250_000}) + "\n")
        f.write(good[0] + "\n")
    cases.append((p, 2, []))
    return cases


def test_broken_inputs_count_every_good_record_and_report_every_bad_one(tmp_path):
    for path, good, locations in _broken_inputs(tmp_path):
        out = run("count", str(path), "--format", "json")
        assert out.returncode == (1 if locations else 0), (path.name, out.stderr)
        data = json.loads(out.stdout)
        if good is not None:
            assert data["documents"] == good, (path.name, data["documents"], out.stderr)
        else:  # a truncated gzip: every record before the break
            assert 0 < data["documents"] < 2400, out.stderr
        if good:
            assert "Python" in {t["term"] for t in data["terms"]}
        for where in locations:
            assert where in out.stderr, (path.name, where, out.stderr)
        assert "Traceback" not in out.stderr


def test_broad_flag_counts_broad_concepts_named_in_passing(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in
                            ["You will own security and Python.", "Experience in security is required."]))

    def security_listings(*flags):
        out = run("count", str(path), *MINI, "--format", "json", *flags)
        assert out.returncode == 0, out.stderr
        return {row["term"]: row["documents"] for row in json.loads(out.stdout)["terms"]}["Information security"]

    assert security_listings() == 1  # only where it is asked for as a skill
    assert security_listings("--broad") == 2


# ---------------------------------------------------------------------- tag

def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_tag_prints_one_jsonl_record_per_listing_with_file_and_line_as_id(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"text": "Python and SQL"}, {"text": "no terms at all"},
                                           {"text": "k8s"}])
    out = run("tag", str(path), *MINI)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in records] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert records[0]["mentions"] == [
        {"term": "Python", "category": "test", "kind": "tool", "start": 0, "end": 6, "text": "Python"},
        {"term": "SQL", "category": "test", "kind": "tool", "start": 11, "end": 14, "text": "SQL"}]
    assert records[1]["mentions"] == []  # a listing without terms still has its record
    assert [m["term"] for m in records[2]["mentions"]] == ["Kubernetes"]


def test_tag_id_field_takes_the_id_from_the_record_dotted_paths_too(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"job": {"ref": 41}, "text": "Go and Rust"},
                                           {"job": {"ref": 42}, "text": "Docker"}])
    out = run("tag", str(path), "--id-field", "job.ref", *MINI)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["id"], [m["term"] for m in r["mentions"]]) for r in records] == [(41, ["Go", "Rust"]),
                                                                               (42, ["Docker"])]


def test_tag_csv_prints_one_row_per_mention_under_a_header(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("ref,body\nx1,Python and SQL\nx2,nothing\nx3,Docker\n")
    out = run("tag", str(path), "--column", "body", "--id-field", "ref", "--format", "csv", *MINI)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["id,term,category,kind,start,end,text",
                                       "x1,Python,test,tool,0,6,Python",
                                       "x1,SQL,test,tool,11,14,SQL",
                                       "x3,Docker,test,tool,0,6,Docker"]


def test_tag_record_without_its_id_is_a_bad_record_and_the_others_are_tagged(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"id": "a", "text": "Python"}, {"text": "SQL"},
                                           {"id": "c", "text": "Docker"}])
    out = run("tag", str(path), "--id-field", "id", *MINI)
    assert out.returncode == 1
    assert [json.loads(line)["id"] for line in out.stdout.splitlines()] == ["a", "c"]
    assert f"{path}:2: no id field 'id'" in out.stderr
    assert "1 bad record skipped; 2 listings tagged" in out.stderr


def test_tag_id_field_no_first_record_has_is_a_usage_error_before_any_output(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"ref": f"r{i}", "text": "Python"} for i in range(30)])
    out = run("tag", str(path), "--id-field", "rfe", *MINI)
    assert out.returncode == 2
    assert out.stdout == ""
    assert "no record has the id field 'rfe' (first records have: ref, text); did you mean 'ref'?" in out.stderr
    assert "Traceback" not in out.stderr


def test_tag_id_field_no_record_of_a_small_file_has_is_a_usage_error(tmp_path):
    path = _jsonl(tmp_path / "small.jsonl", [{"ref": "r1", "text": "Python"}, {"ref": "r2", "text": "SQL"}])
    out = run("tag", str(path), "--id-field", "rfe", *MINI)
    assert out.returncode == 2 and "no record has the id field 'rfe'" in out.stderr


def test_tag_id_field_no_record_has_is_one_line_not_one_per_record(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"ref": f"r{i}", "text": "Python"} for i in range(30)])
    out = run("tag", str(path), "--id-field", "rfe", *MINI)
    assert out.stderr.splitlines() == ["skillterms: no record has the id field 'rfe' (first records have: ref, text); "
                                       "did you mean 'ref'?"]


# ---------------------------------------------------------------------- checks before the corpus is read

def _unreadable(tmp_path):
    """A corpus whose reading would print 'skipped' lines: a check that passes it shows it came first."""
    path = tmp_path / "broken.jsonl"
    path.write_text('{not json\n{"text": "Python"}\n')
    return path


def _usage_error(out, message):
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert out.stdout == ""
    assert out.stderr.splitlines() == [f"skillterms: {message}"]


@pytest.mark.parametrize("command", ["count", "cooccur", "tag"])
def test_missing_input_file_is_a_usage_error_before_reading(tmp_path, command):
    missing = tmp_path / "nope.jsonl"
    out = run(command, str(_unreadable(tmp_path)), str(missing), *MINI)
    _usage_error(out, f"no such file or directory: {missing}")


def test_compare_missing_corpus_is_a_usage_error_before_reading(tmp_path):
    missing = tmp_path / "nope.jsonl"
    out = run("compare", str(_unreadable(tmp_path)), str(missing), *MINI)
    _usage_error(out, f"no such file or directory: {missing}")


@pytest.mark.parametrize("value", ["ml", "ml,ds,de", "ml,"])
def test_compare_labels_must_be_two_names(tmp_path, value):
    broken = str(_unreadable(tmp_path))
    out = run("compare", broken, broken, "--labels", value, *MINI)
    _usage_error(out, f"--labels takes two names, A,B (got {value!r})")


def test_compare_groups_must_be_two_names(tmp_path):
    out = run("compare", str(_unreadable(tmp_path)), "--group-by", "role", "--groups", "ml", *MINI)
    _usage_error(out, "--groups takes two names, A,B (got 'ml')")


def test_compare_groups_without_group_by_is_refused(tmp_path):
    out = run("compare", str(_unreadable(tmp_path)), str(_unreadable(tmp_path)), "--groups", "ml,ds", *MINI)
    _usage_error(out, "--groups names two values of --group-by FIELD; for two corpora A B use --labels A,B")


def test_compare_labels_with_group_by_is_refused(tmp_path):
    out = run("compare", str(_unreadable(tmp_path)), "--group-by", "role", "--labels", "ml,ds", *MINI)
    _usage_error(out, "--labels names two corpora; with --group-by name the groups with --groups A,B")


def test_unknown_category_is_refused_with_the_closest_name(tmp_path):
    out = run("count", str(_unreadable(tmp_path)), "--category", "tset", *MINI)
    _usage_error(out, "unknown category 'tset'; did you mean 'test'?")


def test_unknown_category_without_a_close_name_lists_the_categories(tmp_path):
    out = run("count", str(_unreadable(tmp_path)), "--category", "zzzz", *MINI)
    _usage_error(out, "unknown category 'zzzz' (categories: test)")


def test_cooccur_with_an_unknown_term_is_refused_with_the_closest_term(tmp_path):
    out = run("cooccur", str(_unreadable(tmp_path)), "--with", "Pyton", *MINI)
    _usage_error(out, "unknown term 'Pyton'; did you mean 'Python'?")


@pytest.mark.parametrize("command", ["count", "cooccur"])
def test_plot_in_a_folder_that_does_not_exist_is_refused_before_reading(tmp_path, command):
    chart = tmp_path / "no_such_folder" / "chart.png"
    out = run(command, str(_unreadable(tmp_path)), "--plot", str(chart), *MINI)
    _usage_error(out, f"chart {str(chart)!r}: no folder {str(chart.parent)!r} to write it in")
    assert not chart.parent.exists()


def test_plot_with_a_suffix_matplotlib_cannot_write_is_refused(tmp_path):
    chart = tmp_path / "chart.txt"
    out = run("count", str(_unreadable(tmp_path)), "--plot", str(chart), *MINI)
    _usage_error(out, f"chart {str(chart)!r}: name a file ending in .png, .svg, .pdf (the suffix picks the format)")
    assert not chart.exists()


# ---------------------------------------------------------------------- a field no record has

def test_text_column_no_record_has_is_one_usage_error_listing_the_columns(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("title,body\nEngineer,Python and SQL\nAnalyst,R and SQL\n")
    out = run("count", str(path), *MINI)
    _usage_error(out, "no record has the text field 'text' (first records have: title, body); "
                      "choose it with --field (or --column)")


def test_text_field_no_first_record_has_suggests_the_closest_field(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"role": "ml", "text": "Python"} for _ in range(30)])
    out = run("count", str(path), "--field", "txt", *MINI)
    _usage_error(out, "no record has the text field 'txt' (first records have: role, text); did you mean 'text'?")


def test_text_field_missing_from_some_records_only_skips_those(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"body": "SQL"}, {"text": "Python"}, {"text": "Docker"}])
    out = run("count", str(path), "--format", "csv", *MINI)
    assert out.returncode == 1
    assert f"{path}:1: no field 'text'" in out.stderr and "2 listings counted" in out.stderr
    assert out.stdout.splitlines()[1:] == ["Docker,test,tool,1,0.5", "Python,test,tool,1,0.5"]


@pytest.mark.parametrize("command", ["count", "compare"])
def test_group_by_field_no_record_has_is_a_usage_error_naming_the_fields(roles, command):
    out = run(command, str(roles), "--group-by", "rol", *MINI)
    _usage_error(out, "no record has the field 'rol' to group by (fields of the records: meta, role, text); "
                      "did you mean 'role'?")


# ---------------------------------------------------------------------- cooccur keys, extract of a file

def test_cooccur_json_and_csv_use_snake_case_keys(tmp_path):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"text": "Python and SQL"}, {"text": "Python, SQL, Docker"},
                                           {"text": "Docker"}, {"text": "Python"}])
    data = json.loads(run("cooccur", str(path), "--format", "json", *MINI).stdout)
    assert data["documents"] == 4 and data["partial"] is False
    assert data["pairs"][0] == {"term_a": "Python", "term_b": "SQL", "documents_both": 2, "documents_a": 3,
                                "documents_b": 2, "lift": 1.333}
    lines = run("cooccur", str(path), "--format", "csv", *MINI).stdout.splitlines()
    assert lines[:2] == ["term_a,term_b,documents_both,documents_a,documents_b,lift", "Python,SQL,2,3,2,1.333"]


@pytest.mark.parametrize("command", ["extract", "explain"])
def test_extract_of_a_file_path_points_to_tag_and_to_stdin(tmp_path, command):
    path = _jsonl(tmp_path / "jobs.jsonl", [{"text": "Python"}])
    out = run(command, str(path), *MINI)
    assert out.returncode == 2 and out.stdout == ""
    assert f"`skillterms tag {path}` gives the terms of each listing" in out.stderr
    assert f"`skillterms {command} - < {path}` reads it as one text" in out.stderr


def test_extract_of_a_path_that_is_no_file_reads_it_as_text(tmp_path):
    out = run("extract", str(tmp_path / "Python.jsonl"), *MINI)
    assert out.returncode == 0, out.stderr
    assert [line.split()[0] for line in out.stdout.splitlines()[1:]] == ["Python"]


# ---------------------------------------------------------------------- disabling a parent term

def test_disabling_a_parent_term_keeps_its_children_without_a_parent(tmp_path):
    user = tmp_path / "no_aws.yaml"
    user.write_text("category: x\nkind: tool\nterms:\n  - name: AWS\n    override: disable\n")
    vocab = ["--vocab", str(user)]
    out = run("vocab", "check", "--no-builtin", str(DATA / "mini_vocab.yaml"), str(user))
    assert out.returncode == 0, out.stdout
    warnings = [line for line in out.stdout.splitlines() if ": warning: " in line]
    assert warnings == [f"{user}:4:11: warning: disabling 'AWS' also drops it as the parent of 4 terms "
                        "(Amazon S3, Amazon SageMaker, Amazon EC2 and 1 more); they stay, without a parent "
                        "(disable them too to drop them)"]
    shown = run("vocab", "show", "S3", *MINI, *vocab)
    assert shown.returncode == 0 and "parent:" not in shown.stdout
    listings = _jsonl(tmp_path / "jobs.jsonl", [{"text": "S3 and EC2"}])
    out = run("count", str(listings), "--rollup", "--format", "csv", *MINI, *vocab)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1:] == ["Amazon EC2,test,tool,1,1.0", "Amazon S3,test,tool,1,1.0"]
    assert [line for line in out.stderr.splitlines() if "disabling 'AWS'" in line] == \
        [f"skillterms: {warnings[0]}"]  # said once, where the vocabulary is used too


# ---------------------------------------------------------------------- tables, gzip on stdin

def test_table_cuts_the_widest_text_column_to_fit_the_width(capsys):
    from skillterms.cli.output import print_table

    rows = [("Python", "a language with a long description here", "12"), ("SQL", "short", "3")]
    print_table(("term", "about", "documents"), rows, right=("documents",), width=32)
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["term    about          documents",
                     "Python  a language w…         12",
                     "SQL     short                  3"]
    assert max(map(len, lines)) <= 32


class _Terminal:
    def __init__(self):
        import io

        self.buffer = io.StringIO()

    def write(self, text):
        return self.buffer.write(text)

    def flush(self):
        pass

    def isatty(self):
        return True


def test_table_fits_the_terminal_when_stdout_is_a_tty(monkeypatch):
    from skillterms.cli.output import print_table

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "30")
    print_table(("term", "about"), [("Python", "x" * 60)])
    lines = terminal.buffer.getvalue().splitlines()
    assert lines[1] == "Python  " + "x" * 21 + "…"
    assert max(map(len, lines)) == 30


def test_piped_table_is_never_cut(capsys, monkeypatch):
    from skillterms.cli.output import print_table

    monkeypatch.setenv("COLUMNS", "30")
    print_table(("term", "about"), [("Python", "x" * 60)])
    assert capsys.readouterr().out.splitlines()[1] == "Python  " + "x" * 60


def test_gzip_on_stdin_is_told_by_its_content():
    import gzip

    data = gzip.compress(b'{"text": "Python and SQL"}\n{"text": "Docker"}\n')
    out = subprocess.run([sys.executable, "-m", "skillterms", "count", "-", "--format", "csv", *MINI],
                         input=data, capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode().splitlines() == ["term,category,kind,documents,share", "Docker,test,tool,1,0.5",
                                                "Python,test,tool,1,0.5", "SQL,test,tool,1,0.5"]


def test_one_listing_is_said_in_the_singular(tmp_path):
    path = _jsonl(tmp_path / "one.jsonl", [{"text": "Python"}])
    out = run("count", str(path), *MINI)
    assert out.returncode == 0 and out.stdout.splitlines()[0] == "1 listing"


def _one_line_error(out, code):
    assert out.returncode == code, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["count"], ["tag"], ["vocab", "show", "Python"], ["extract", "Python"]])
def test_a_full_disk_for_stdout_is_one_line_and_exit_1(tmp_path, command):
    listings = tmp_path / "a.jsonl"
    listings.write_text(json.dumps({"text": "Python and SQL"}) + "\n")
    args = command + [str(listings)] if command[0] in ("count", "tag") else command
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "skillterms", *args], stdout=full, stderr=subprocess.PIPE,
                             text=True, timeout=120)
    line = _one_line_error(out, 1)
    assert line == "skillterms: cannot write to standard output: No space left on device"


def test_a_chart_that_cannot_be_written_is_one_line_naming_it(tmp_path):
    listings = tmp_path / "a.jsonl"
    listings.write_text(json.dumps({"text": "Python and SQL"}) + "\n")
    chart = tmp_path / "chart.png"
    chart.symlink_to("/dev/full")
    out = run("count", str(listings), "--plot", str(chart))
    assert _one_line_error(out, 1) == f"skillterms: {chart}: No space left on device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "chart.png"]


def test_a_chart_goes_to_exactly_the_path_given_or_nowhere(tmp_path):
    listings = tmp_path / "a.jsonl"
    listings.write_text(json.dumps({"text": "Python and SQL"}) + "\n")
    out = run("count", str(listings), "--plot", str(tmp_path / "chart"))
    assert "name a file ending in .png" in _one_line_error(out, 2)
    out = run("count", str(listings), "--plot", str(tmp_path / "chart.PNG"))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "chart.PNG"]


def test_an_unreadable_vocabulary_file_is_one_problem_naming_it():
    out = run("extract", "Python", "--vocab", "/proc/self/mem")  # opens, then every read fails
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "/proc/self/mem:1:1: error: cannot read the file (Input/output error)" in out.stderr
