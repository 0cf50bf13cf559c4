"""The built wheel carries the vocabulary and works outside the checkout."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (found,) = out.glob("skillterms-*.whl")
    return found


def test_wheel_contains_every_vocabulary_file(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.split("/")[-1] for n in names if n.startswith("skillterms/vocab/"))
    assert shipped == sorted(p.name for p in (ROOT / "vocab").glob("*.yaml"))
    assert "skillterms/py.typed" in names
    assert any(n.startswith("skillterms/_core.") for n in names)  # the compiled core, which embeds the snapshot


def test_installed_wheel_extracts_terms_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(pip + ["--no-deps", str(wheel)], check=True, timeout=300)
    subprocess.run(pip + ["pyyaml", "rapidfuzz"], check=True, timeout=300)  # spaCy is not needed to extract
    code = ("import skillterms, importlib.resources as r; "
            "assert 'site-packages' in skillterms.__file__, skillterms.__file__; "
            "assert (r.files('skillterms') / 'vocab').is_dir(); "
            "from skillterms.vocabulary.builtin import read_snapshot; from skillterms.vocabulary.load import builtin_files as _builtin_files, fingerprint_of as _fingerprint; "
            "assert read_snapshot(_fingerprint(_builtin_files())) is not None, 'snapshot not used'; "
            "print(sorted({m.term for m in skillterms.extract('Python, SQL and k8s')}))")
    out = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['Kubernetes', 'Python', 'SQL']"
