"""PDF → the text of the document as written, with the page each character is on.

pypdfium2 gives each page's text in order with a box per character. Published PDFs are
hard-wrapped at every visual line and carry running headers, page numbers (`— 3 —`) and, from
some producers, Kangxi-radical glyphs (`⼴东省⼈⺠政府`). The layout normaliser here rebuilds
paragraphs from the geometry: a line that reaches the right margin continues on the next one
unless that one is indented (a new paragraph) or starts a numbered item; lines repeated at the
top or bottom of most pages and page-number lines are dropped. A page with no text layer (a
scan) is read by OCR when the `ocr` extra is installed (loaders.read_ocr).
"""
from __future__ import annotations

import contextlib
import os
import re
import statistics
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .errors import LoadError

# A line: its text and where it sits (PDF points, y upwards for text pages; image pixels for OCR).
Box = tuple[float, float, float, float]          # left, top, right, bottom (top < bottom: reading order)


@dataclass
class PdfText:
    text: str
    page_starts: list[int] = field(default_factory=list)   # offset in text where each page begins
    ocr_pages: int = 0                                      # pages read by OCR


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float
    char_width: float


# Page numbers: — 3 —, －3－, - 3 -, 第3页, 3/12, a bare 3.
# (OCR reads a dash as 一 at times: — 4 — → -4一.)
_PAGE_NUMBER = re.compile(r"^[\s—－\-–−~·一]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d{1,4})?[\s—－\-–−~·一]*$")
# A line that opens a numbered item or an annex starts a paragraph whatever the layout says.
_OPENS = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十百]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,3}[.．、]|"
                    r"[(（]\d{1,3}[)）]|附件|附表|抄送[:：])")
# Spaces the text layer puts between characters (justified lines, 2016 年, ( 三 十 一 )) mean
# nothing in Chinese: only a space between two Latin letters or digits is kept (WTO TBT).
_GAP = re.compile(r"(?<![A-Za-z0-9])[ \t]+|[ \t]+(?![A-Za-z0-9])")

# Punctuation that typesetting never puts at the start of a line (kinsoku).
_NO_LINE_START = set(",，。.、；;：:？?！!)）]】」』”’…%")

# Glyphs some producers emit for ideographs. Kangxi radicals (U+2F00–U+2FD5) have compatibility
# mappings to the ideographs; the CJK Radicals Supplement forms PDFs use for simplified
# components do not, so their equivalents (Unicode's EquivalentUnifiedIdeograph) are listed.
_RADICAL_SUPPLEMENT = {
    "\u2e8c": "小", "\u2e8d": "小", "\u2e95": "彐", "\u2e9c": "日", "\u2e9f": "母", "\u2ea0": "民",
    "\u2ea7": "牛", "\u2eab": "目", "\u2eb6": "羊", "\u2eb7": "羊", "\u2ebc": "肉", "\u2ec5": "见",
    "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2ecb": "车", "\u2ecd": "辶", "\u2ed1": "长",
    "\u2ed2": "长", "\u2ed4": "门", "\u2ed8": "青", "\u2edc": "风", "\u2edd": "食", "\u2ede": "食",
    "\u2edf": "食", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼",
    "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉",
    "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙", "\u2ef2": "亀",
    "\u2ef3": "龟",
}


def _ideographs(s: str) -> str:
    if not re.search(r"[\u2e80-\u2fdf]", s):
        return s
    return "".join(_RADICAL_SUPPLEMENT.get(c) or (unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fd5"
                                                   else c) for c in s)


def pdf_text(data: bytes, source: str, ocr=None) -> PdfText:
    """The document's text; pages without a text layer through `ocr` (read_ocr.read_page), or a
    LoadError saying how to read them."""
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-2048:]:
        # pdfium would repair a cut file and read what is left: part of a document, silently.
        raise LoadError(source, "the PDF is truncated (it has no end)", "download the file again")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise LoadError(source, "the PDF is encrypted (password-protected)",
                            "open it in a PDF reader and save a copy without the password") from None
        raise LoadError(source, "the PDF is damaged or truncated", "download the file again") from None
    try:
        pages: list[list[_Line] | None] = [_text_lines(pdf[i]) for i in range(len(pdf))]
        scans = [i for i, lines in enumerate(pages) if not _has_text(lines or [])]
        if scans and ocr is None:
            raise LoadError(source, "this PDF has no text layer (a scan)", "install policygraph[ocr] to read scans")
        with _ocr_progress(source, len(scans)) as advance:
            for i in scans:
                pages[i] = [_Line(t, *_box_to_line(b)) for *b, t in ocr(pdf[i])]
                advance()
    finally:
        pdf.close()
    ocr_pages = len(scans)
    text, starts = _join_pages([p or [] for p in pages])
    if not text.strip():
        raise LoadError(source, "the PDF holds no text", "is this a policy document?")
    return PdfText(text, starts, ocr_pages)


@contextlib.contextmanager
def _ocr_progress(source: str, total: int):
    """A progress bar for OCR'd pages (a second or two each), on a terminal only."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"OCR {os.path.basename(source)}", total=total)
        yield lambda: bar.advance(task)


def _box_to_line(b) -> tuple[float, float, float, float]:
    left, top, right, bottom = b
    # OCR boxes are drawn to the ink, about 0.95 of the type size: the box height gives the size.
    return left, right, top, max(1.0, (bottom - top) * 1.05)


def _text_lines(page) -> list[_Line]:
    """The text page's lines with their extent; y is turned so that top < bottom reads downward."""
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        text = tp.get_text_range()
        height = page.get_size()[1]
        out: list[_Line] = []
        start = 0
        for end in [i for i, c in enumerate(text) if c == "\n"] + [len(text)]:
            chunk = text[start:end].rstrip("\r")
            idx = [k for k in range(start, min(start + len(chunk), n)) if not text[k].isspace()]
            boxes = [tp.get_charbox(k) for k in idx]
            if chunk.strip() and boxes:
                # The font size, from the ideographs alone (digits and punctuation are narrower).
                widths = [b[2] - b[0] for k, b in zip(idx, boxes) if "\u4e00" <= text[k] <= "\u9fff"] \
                    or [r - le for le, _, r, _ in boxes if r > le]
                out.append(_Line(chunk, min(b[0] for b in boxes), max(b[2] for b in boxes),
                                 height - max(b[3] for b in boxes),
                                 statistics.median(widths) if widths else 10.0))
            start = end + 1
        return out
    finally:
        tp.close()


def _has_text(lines: list[_Line]) -> bool:
    """A page whose text layer says something: readable characters, not a handful of glyph junk."""
    chars = "".join(ln.text for ln in lines)
    good = sum(1 for c in chars if "\u4e00" <= c <= "\u9fff" or c.isalnum())
    return good >= 10 and good >= 0.5 * len(chars.replace(" ", ""))


def _repeated(pages: list[list[_Line]]) -> set[str]:
    """Running headers and footers: lines at the top or bottom of most pages (digits ignored)."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        edge = {_shape(ln.text) for ln in lines[:2] + lines[-2:]}
        seen.update(edge)
    return {k for k, c in seen.items() if c >= max(3, 0.5 * len(pages))}


def _shape(s: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", s))


def _join_pages(pages: list[list[_Line]]) -> tuple[str, list[int]]:
    repeated = _repeated(pages)
    out: list[str] = []
    starts: list[int] = []
    length = 0
    prev: _Line | None = None
    prev_margin = 0.0
    for lines in pages:
        starts.append(length)
        body = [ln for ln in lines if not _PAGE_NUMBER.match(ln.text) and _shape(ln.text) not in repeated]
        if not body:
            continue
        right = _right_margin(body)
        left = min(ln.left for ln in body)
        font = statistics.median(ln.char_width for ln in body)    # the body text's size
        for ln in body:
            indent = len(ln.text) - len(ln.text.lstrip("\u3000"))
            text = ln.text[:indent] + _GAP.sub("", _ideographs(ln.text[indent:]))
            if prev is not None and _continues(prev, prev_margin, ln, left, font):
                piece = text.lstrip()
            else:
                piece = ("\n" if out else "") + text.rstrip()
            out.append(piece)
            length += len(piece)
            prev, prev_margin = ln, right
    return "".join(out), starts


def _right_margin(lines: list[_Line]) -> float:
    rights = sorted(ln.right for ln in lines if len(ln.text.strip()) >= 8) or [max(ln.right for ln in lines)]
    return rights[int(0.9 * (len(rights) - 1))]


def _continues(prev: _Line, prev_margin: float, ln: _Line, left: float, font: float) -> bool:
    """Does ln carry on prev's paragraph? prev must reach its page's right margin; ln must not be
    indented (a new paragraph: 　　…, two characters in) nor open a numbered item or an annex, nor
    stand far to the right (a signature, a date) — unless it is in a heading's larger type (the
    rest of a title wrapped onto a centred second line)."""
    if ln.text.lstrip()[:1] in _NO_LINE_START:
        return True                         # 、，。 … never open a line of their own
    if prev.right < prev_margin - 1.6 * prev.char_width:
        return False                        # a short line ends its paragraph (a closing 、 or ” is
                                            # drawn in half its box: allow for it)
    if abs(prev.char_width - ln.char_width) > 0.25 * max(prev.char_width, ln.char_width):
        return False                        # another font size: a heading, the red header
    if _OPENS.match(ln.text) or ln.text[:1] in ("\u3000", " ", "\t"):
        return False
    indent = ln.left - left
    if 1.2 * ln.char_width <= indent <= 3.5 * ln.char_width:
        return False                        # an indent: a new paragraph
    if indent > 3.5 * ln.char_width:
        return ln.char_width > 1.1 * font   # centred or right-aligned: only a heading goes on
    return True
