"""The package builds cleanly: no setuptools warning, its data inside, an sdist without the test suite."""
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_builds_without_a_warning_and_carries_its_data(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout + r.stderr
    assert "warning" not in out.lower(), out[-3000:]
    (wheel,) = tmp_path.glob("policygraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("policygraph/base/jurisdictions.yaml", "policygraph/registry/agency_types.yaml",
                 "policygraph/registry/named_bodies.yaml", "policygraph/queries/task_detail.cypher",
                 "policygraph/viz/template.html", "policygraph/viz/vendor/vis-network.min.js"):
        assert data in names, data
    assert not any(n.startswith(("policygraph/tests/", "policygraph/bench/")) for n in names)


def test_the_sdist_holds_the_package_and_not_the_test_suite(tmp_path):
    r = subprocess.run([sys.executable, "-m", "build", "--sdist", "-o", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    (sdist,) = tmp_path.glob("policygraph-*.tar.gz")
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"LICENSE", "README.md", "setup.cfg", "cli.py", "pipeline.py", "graph/sync.py",
            "base/jurisdictions.yaml"} <= names
    assert not any(n.startswith(("tests/", "bench/", "notebooks/")) for n in names)


def test_an_editable_install_prints_no_setuptools_warning(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # A current pip: it shows what the build backend warns about even with --quiet.
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    r = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "-e", str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "warning" not in (r.stdout + r.stderr).lower(), (r.stdout + r.stderr)[-3000:]
