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
        assert out.stdout.splitlines()[:2] == ["term,category,kind,documents,share", "Python,test,tool,2,1.0000"]
    else:
        assert "| Python | test | tool | 2 | 100.0% |" in out.stdout


def test_count_filters_top_kind_and_min_share(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Python, SQL, CI/CD"}\n{"text": "Python"}\n')
    out = run("count", str(path), "--format", "csv", "--kind", "tool", "--top", "1", *MINI)
    assert out.stdout.splitlines()[1:] == ["Python,test,tool,2,1.0000"]
    out = run("count", str(path), "--format", "csv", "--min-share", "0.6", *MINI)
    assert [line.split(",")[0] for line in out.stdout.splitlines()[1:]] == ["Python"]


def test_count_rollup(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Amazon SageMaker"}\n{"text": "S3"}\n')
    out = run("count", str(path), "--format", "csv", "--rollup", *MINI)
    assert "AWS,test,tool,2,1.0000" in out.stdout.splitlines()


def test_bad_records_are_reported_skipped_and_exit_1(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Python"}\n{broken\n{"text": "SQL"}\n')
    out = run("count", str(path), "--format", "csv", *MINI)
    assert out.returncode == 1
    assert f"{path}:2" in out.stderr and "1 bad record skipped; 2 listings counted" in out.stderr
    assert "Python,test,tool,1,0.5000" in out.stdout


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
    assert [line.split()[0] for line in out.stdout.splitlines()[1:]][:2] == ["A/B", "CI/CD"]


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
