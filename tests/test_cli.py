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


def _broken_inputs(tmp_path):
    """(name, path, listings that are good, locations that must be reported)."""
    import gzip
    import os

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
