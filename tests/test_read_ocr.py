"""OCR of scanned PDF pages (loaders.read_ocr), on a scan made from sample 000 by tools/make_scan.py.

Skipped without the `ocr` extra. OCR runs at about 2-3 s a page on two cores, so only the first
pages of the 23-page scan are read (once, shared by the tests). Measured when this was written:
0.998 on these pages, 0.9997 on the whole document (whitespace removed, NFKC-folded, page
numbers dropped)."""
import re
import statistics
import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")
pdfium = pytest.importorskip("pypdfium2")
Levenshtein = pytest.importorskip("rapidfuzz.distance").Levenshtein

from policygraph.loaders.read_ocr import ocr_available, ocr_page_lines, render_page  # noqa: E402

SCAN = Path(__file__).parent / "fixtures" / "formats" / "000_scan.pdf"
EXPECTED = SCAN.with_name("000_a_lo.expected.txt")  # sample 000's text as written
PAGES = 5  # the first pages: the cover letter and the start of the plan, about 2,500 characters

# The expected text has no page numbers (— 2 —); the reader drops those lines too.
_PAGE_NUMBER = re.compile(r"[\s—－\-–−~·]*\d{1,4}[\s—－\-–−~·]*")


@pytest.fixture(scope="module")
def pages() -> list[list[tuple[float, float, float, float, str]]]:
    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        return [ocr_page_lines(render_page(pdf[i])) for i in range(PAGES)]
    finally:
        pdf.close()


def _fold(text: str) -> str:
    """No whitespace, full-width forms folded as the project's texts are (NFKC: ， → ,)."""
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))


def test_fixture_is_a_scan():
    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        assert len(pdf) == 23
        assert all(not pdf[i].get_textpage().get_text_range().strip() for i in range(len(pdf)))
    finally:
        pdf.close()


def test_available():
    assert ocr_available()


def test_first_page_in_reading_order(pages):
    lines = pages[0]
    texts = [t for *_, t in lines]
    assert "广东省人民政府办公厅文件" in texts[0]
    assert "粤府办" in texts[1] and "2016" in texts[1]
    assert texts[2].startswith("各地级以上市人民政府")
    assert any("省府办公厅" in t for t in texts) and "2016年10月12日" in _fold("".join(texts))
    tops = [top for _, top, *_ in lines]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    assert all(left < right and top < bottom for left, top, right, bottom, _ in lines)


def test_deskewed_left_margin(pages):
    # Page 2 of the scan is turned by about a degree: its first and last body lines start
    # ~30 px apart in the image (almost an indent), at one margin in the deskewed coordinates.
    lefts = {t[:6]: left for left, _, _, _, t in pages[1]}
    assert abs(lefts["纲要2016"] - lefts["升出口商品质"]) < 8


def test_heights_are_the_type_size(pages):
    # A paragraph's last line of two characters (与) on page 5) is as high as a full line: the
    # reader takes a line's height for its font size, and a larger one for a heading.
    lines = pages[4]
    body = statistics.median(bottom - top for _, top, _, bottom, _ in lines)
    short = [bottom - top for _, top, _, bottom, t in lines if t == "与)"]
    assert len(short) == 1 and abs(short[0] - body) < 0.2 * body, (short, body)


def test_character_accuracy(pages):
    ocr = _fold("".join(t for page in pages for *_, t in page if not _PAGE_NUMBER.fullmatch(t)))
    expected = _fold(EXPECTED.read_text(encoding="utf-8"))
    # The pages read end somewhere in the expected text: compare with the prefix that fits best.
    distance, end = min((Levenshtein.distance(ocr, expected[:n]), n)
                        for n in range(max(1, len(ocr) - 100), len(ocr) + 100))
    accuracy = 1 - distance / end
    assert end > 2000
    assert accuracy >= 0.98, f"character accuracy {accuracy:.4f} over {end} characters"
