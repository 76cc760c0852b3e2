"""Scans read end to end (OCR through the ocr extra): the tasks and roles of the seed, from noisy,
skewed image-only PDFs made by tools/make_scan.py from the typeset seeds 000 (Simplified) and
002 (Traditional). OCR costs 2-3 s a page: this module takes a few minutes."""
import json

import pytest
from seedcheck import FIXTURES, ROLES, role_names

pytest.importorskip("rapidocr")

from policygraph.loaders.extract import extract_file  # noqa: E402

FORMATS = FIXTURES.parent / "formats"


def _f1(expected: set, got: set) -> float:
    tp = len(expected & got)
    return 2 * tp / (len(expected) + len(got)) if expected or got else 1.0


@pytest.mark.parametrize("scan,seed", [("000_scan.pdf", "000"), ("002_scan.pdf", "002")])
def test_a_scan_reads_the_seeds_tasks_and_roles(scan, seed):
    expected = json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))
    got = extract_file(str(FORMATS / scan))
    assert got["ocr"] is True and got["format"] == "pdf"
    tasks = lambda p: {(tuple(t["path"]), t["number"], t["title"]) for t in p["tasks"]}  # noqa: E731
    roles = lambda p: {(t["number"], r, n) for t in p["tasks"] for r in ROLES for n in role_names(t, r)}  # noqa: E731
    assert _f1(tasks(expected), tasks(got)) >= 0.97
    assert _f1(roles(expected), roles(got)) >= 0.95
