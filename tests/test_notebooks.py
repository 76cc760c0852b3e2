"""The notebooks run top to bottom (nbclient, the venv's python3 kernel) so they never rot,
produce what their key cells promise, and are committed without outputs."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def run(name: str):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    # cwd = the repository root, as when someone runs `jupyter lab` there (the notebooks also
    # find the root themselves when opened from notebooks/).
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb


def outputs(nb, tag: str) -> tuple[str, dict]:
    """(stdout text, {mime type: data}) of the cell tagged `tag`."""
    cell = next(c for c in nb.cells if tag in c.metadata.get("tags", []))
    text, data = "", {}
    for o in cell.outputs:
        assert o.output_type != "error", f"{tag}: {o.get('ename')}: {o.get('evalue')}"
        if o.output_type == "stream" and o.name == "stdout":
            text += o.text
        for mime, value in o.get("data", {}).items():
            data.setdefault(mime, "")
            data[mime] += value if isinstance(value, str) else str(value)
    return text, data


@pytest.mark.parametrize("name", ["explore.ipynb", "lineage.ipynb"])
def test_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, f"{name}: clear outputs before committing"


def test_explore_notebook():
    nb = run("explore.ipynb")
    for c in nb.cells:
        if c.cell_type == "code":
            assert not [o for o in c.outputs if o.output_type == "error"], c.source[:80]
    text, _ = outputs(nb, "setup")
    assert "loaded 5 documents" in text
    text, data = outputs(nb, "tasks")
    assert "广东省质量技术监督局" in text and "甘肃省质量技术监督局" in text
    assert "提升" in data["text/html"] or "<td>" in data["text/html"]
    text, data = outputs(nb, "coordination-chart")
    assert data["image/svg+xml"].count("<svg") == 2 and "广东省质量技术监督局" in data["image/svg+xml"]
    _, data = outputs(nb, "jurisdiction-chart")
    assert "汕尾市" in data["image/svg+xml"]
    for tag in ("view", "agency-view"):
        _, data = outputs(nb, tag)
        assert "<iframe srcdoc=" in data["text/html"] and "new vis.Network(" in data["text/html"]
        assert "https://cdn" not in data["text/html"]


def test_lineage_notebook():
    nb = run("lineage.ipynb")
    text, _ = outputs(nb, "tree")
    assert text.startswith("贯彻落实广东省实施质量强省战略决定实施方案")
    assert "粤发〔2016〕9号" in text and "国办发〔2016〕18号" in text
    text, _ = outputs(nb, "chain")
    assert text.strip().endswith("国办发〔2016〕18号") and "implements ↑" in text
    _, data = outputs(nb, "view")
    assert "<iframe srcdoc=" in data["text/html"]
