"""PDFs from producers other than LibreOffice, typeset as published documents (hard-wrapped and
justified lines, 2em / U+3000 indents, centred titles, running headers, page numbers, an annex
table): each must read exactly like its seed. Made by tools/make_pdf_fixtures.py:

  pdf_000_chromium   headless Chromium, TrueType web fonts (CID fonts in the PDF), header and
                     — 3 — page numbers from @page margin boxes, odd/even placement, annex table
  pdf_002_chromium   headless Chromium, system Noto CJK TC (Type 3 fonts in the PDF), header as a
                     position: fixed element drawn last on each page, 第 3 頁 共 10 頁
  pdf_004_reportlab  reportlab, 16K page, STSong-Light CID font (not embedded), - 3 - numbers
  pdf_000_reportlab  reportlab, A4, Noto CJK as embedded TrueType subsets, - 3 - numbers
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from seedcheck import FIXTURES, ROOT, diff

from policygraph.loaders.extract import extract_file
from policygraph.loaders.normalize import normalize
from policygraph.loaders.read import read_document

FORMATS = FIXTURES.parent / "formats"

# pdf_000_reportlab: the notice's last line (…请径向省质监局反映。) ends within 1.6 characters of
# the right margin, and the signature 省府办公厅 stands far right on the next line: a right-aligned
# line in body type ends the paragraph (it once ran into it, losing the issuer). The line
# 印发给你们… is an ordinary wrapped line, not the colophon's 印发.
PDFS = [
    pytest.param("pdf_000_chromium", "000", id="000-chromium"),
    pytest.param("pdf_002_chromium", "002", id="002-chromium"),
    pytest.param("pdf_004_reportlab", "004", id="004-reportlab"),
    pytest.param("pdf_000_reportlab", "000", id="000-reportlab"),
]


def _expected(seed: str) -> dict:
    return json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))


def _page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


@pytest.mark.parametrize("name,seed", PDFS)
def test_pdf_reads_exactly_like_its_seed(name, seed):
    got = extract_file(str(FORMATS / f"{name}.pdf"))
    assert got["format"] == "pdf" and got["ocr"] is False
    assert diff(_expected(seed), got) == []


@pytest.mark.parametrize("name", ["pdf_000_chromium", "pdf_002_chromium", "pdf_004_reportlab", "pdf_000_reportlab"])
def test_each_task_knows_its_page(name):
    path = FORMATS / f"{name}.pdf"
    n = _page_count(path)
    got = extract_file(str(path))
    pages = [t["page"] for t in got["tasks"]]
    assert got["tasks"] and all(1 <= p <= n for p in pages), (pages, n)
    assert pages == sorted(pages)
    # and it is the right page: the one whose text holds the task's number and title's start
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = [re.sub(r"\s+", "", normalize(pdf[i].get_textpage().get_text_range()).text) for i in range(n)]
    finally:
        pdf.close()
    for t in got["tasks"]:
        key = t["number"] + t["title"][:6]
        assert [i + 1 for i, s in enumerate(texts) if key in s] == [t["page"]], key


def _typeset_paragraphs(name: str) -> list[str]:
    """The paragraphs the generator typeset (before any annex), from its own document model."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_pdf_fixtures as M
    finally:
        sys.path.pop(0)
    blocks = {"000": M.doc_000, "002": M.doc_002, "004": M.doc_004}[name.split("_")[1]]()
    out = [x for b in blocks for x in (b.lines if b.kind in ("title", "sign") else b.lines[:1])]
    return out + ([M.ANNEX_NOTE] if name == "pdf_000_chromium" else [])


def _squeeze(s: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", s))


@pytest.mark.parametrize("name,seed", PDFS)
def test_pdf_text_comes_back_one_paragraph_per_line(name, seed):
    """Hard wraps joined, headers and page numbers gone, every paragraph on a line of its own
    (titles typeset on two lines stay two lines, as the seed has them)."""
    want = [_squeeze(p) for p in _typeset_paragraphs(name)]
    got = [_squeeze(ln) for ln in read_document(str(FORMATS / f"{name}.pdf")).text.splitlines() if ln.strip()]
    assert got[:len(want)] == want


def test_annex_table_stays_out_of_the_last_task():
    """pdf_000_chromium ends with the note 附件：… and a contact table on a page of its own."""
    got = extract_file(str(FORMATS / "pdf_000_chromium.pdf"))["tasks"][-1]
    ref = extract_file(str(ROOT / "data" / "seeds" / "000_aa28b4d85b00b654.txt"))["tasks"][-1]
    assert got["number"] == ref["number"] == "(三十六)"
    assert (got["text"], got["clause"], got["targets"]) == (ref["text"], ref["clause"], ref["targets"])


@pytest.mark.parametrize("name", ["pdf_000_chromium", "pdf_002_chromium", "pdf_004_reportlab", "pdf_000_reportlab"])
def test_fixture_is_small(name):
    assert (FORMATS / f"{name}.pdf").stat().st_size < 1_000_000
