"""Reading files into text: the format told by the content (magic bytes), encodings detected (not
guessed); .txt, .html, .docx, .doc (Word 97-2003), PDF (text layer, or OCR for scans); directories
walked, with what was skipped said."""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import LoadError

SUPPORTED = (".txt", ".text", ".html", ".htm", ".docx", ".doc", ".pdf")
FORMATS = ".txt, .html, .docx, .doc or .pdf"
# Bump when a reader's output changes, so stores load the affected documents again.
READER_VERSION = "2"

_PDF, _OLE, _ZIP = b"%PDF-", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04"

# Chinese encodings we accept from detection, mapped to the widest codec of their family:
# a GBK file may hold GB18030-only characters, and Big5 files often use HKSCS extensions.
_FAMILIES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030",
    "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
    "utf_8": "utf-8", "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
    "utf_32": "utf-32", "ascii": "utf-8",
}


@dataclass
class RawDocument:
    source: str          # the path as given
    text: str            # decoded text, before any normalisation (offsets point into it)
    encoding: str
    format: str          # txt | html | docx | doc | pdf
    page_starts: list[int] = field(default_factory=list)   # PDF: offset where each page begins
    ocr: bool = False    # some pages were read by OCR: a misread name is possible


class Skipped(LoadError):
    """A file a directory walk left out, and why (not a failure to read a document)."""


def expand_paths(paths) -> tuple[list[str], list[LoadError]]:
    """Files named, plus every supported file under a directory (sorted, so runs are reproducible)."""
    files: list[str] = []
    errors: list[LoadError] = []
    for p in paths:
        p = str(p)
        if os.path.isdir(p):
            found = []
            for f in sorted(Path(p).rglob("*")):
                if not f.is_file() or f.name.startswith(".") or f.name.endswith(".meta.json"):
                    continue
                if f.suffix.lower() in SUPPORTED:
                    found.append(str(f))
                else:
                    errors.append(Skipped(str(f), "skipped: not a document format policygraph reads",
                                          f"give {FORMATS} files"))
            if not found:
                errors.append(LoadError(p, f"directory holds no {FORMATS} files"))
            files.extend(found)
        elif os.path.isfile(p):
            files.append(p)
        elif os.path.exists(p):
            # A named pipe, socket or device would block or never end when read.
            errors.append(LoadError(p, "not a regular file (a pipe, socket or device)",
                                    "save the document to a file and load that"))
        else:
            errors.append(LoadError(p, "no such file or directory", "check the path"))
    return files, errors


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding). Raises LoadError for binary or unknown data."""
    if not data.strip():
        raise LoadError(source, "file is empty", "nothing to extract")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise LoadError(source, f"starts like {enc} but does not decode as it",
                                "re-save the file as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise LoadError(source, "binary file, not text", f"give a {FORMATS} policy document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise LoadError(source, "unreadable encoding (not UTF-8, GB18030/GBK or Big5)",
                        "re-save the file as UTF-8")
    enc = _FAMILIES.get(best.encoding.lower(), best.encoding)
    if enc not in ("gb18030", "big5hkscs") and not enc.startswith("utf"):
        # Detection settled on a non-Chinese code page: try the Chinese ones strictly before giving up.
        for cand in ("gb18030", "big5hkscs"):
            try:
                return data.decode(cand), cand
            except UnicodeDecodeError:
                continue
        # Detection cannot tell the single-byte European code pages apart (cp1252 text is
        # often called cp1250): name the family, not a guess.
        family = ("a single-byte European code page (cp125x / Latin-n)"
                  if re.fullmatch(r"cp125\d|latin_\d+|iso8859_\d+|mac_\w+", best.encoding) else best.encoding)
        raise LoadError(source, f"unreadable encoding: not Chinese text in UTF-8, GB18030/GBK or Big5 "
                                f"(looks like {family})", "re-save the file as UTF-8")
    return data.decode(enc, errors="replace"), enc


def _html_text(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for sel in ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form"):
        for node in tree.css(sel):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    # Block elements become line breaks so that numbered items stay on their own lines.
    return root.text(separator="\n", deep=True)


def _docx_text(path: str, data: bytes) -> str:
    import io

    import docx  # python-docx

    try:
        d = docx.Document(io.BytesIO(data))
        lines = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                lines.append(" ".join(c.text for c in row.cells))
    except Exception as e:
        # A .docx is a zip of XML: a truncated or damaged one fails in zipfile, zlib, lxml or
        # python-docx, each with its own exception. All mean the same to the user.
        raise LoadError(path, f"damaged or truncated .docx file ({e.__class__.__name__})",
                        "open and re-save it in Word or LibreOffice, or download it again") from None
    return "\n".join(lines)


def read_document(path: str, ocr=None) -> RawDocument:
    """Read one file into text. The format is told by the content, not the name: a PDF saved as
    .txt is read as a PDF, a .doc that is really an RTF or HTML file as what it is."""
    ext = Path(path).suffix.lower()
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise LoadError(path, f"cannot read file ({e.strerror})", "check permissions") from None
    pages: list[int] = []
    used_ocr = False
    if data.startswith(_PDF):
        from .read_pdf import pdf_text

        got = pdf_text(data, path, ocr=ocr if ocr is not None else _ocr_reader())
        text, enc, fmt, pages, used_ocr = got.text, "pdf", "pdf", got.page_starts, bool(got.ocr_pages)
    elif data.startswith(_OLE):
        from .read_doc import doc_text

        text, enc, fmt = doc_text(data, path), "doc", "doc"
    elif data.startswith(_ZIP):
        if ext not in (".docx", ".zip") and b"word/" not in data[:65536]:
            raise LoadError(path, "a zip archive, not a document", f"unpack it and give the {FORMATS} files")
        text, enc, fmt = _docx_text(path, data), "docx", "docx"
    elif ext in (".doc", ".pdf", ".docx", ".wps") and not _looks_like_html(data[:2000].decode("latin-1").lower()):
        # (Word's "web page" .doc is HTML: read as such below.)
        raise LoadError(path, f"not a {ext} file (its content is something else)",
                        f"open it and save it as one of {FORMATS}")
    else:
        text, enc = decode(data, path)
        fmt = "html" if ext in (".html", ".htm") or _looks_like_html(text) else "txt"
        if fmt == "html":
            text = _html_text(text)
    if not text.strip():
        raise LoadError(path, "file has no text", "nothing to extract")
    return RawDocument(source=path, text=text, encoding=enc, format=fmt, page_starts=pages, ocr=used_ocr)


def _ocr_reader():
    """page → text lines by OCR when the ocr extra (rapidocr) is installed, else None."""
    try:
        from .read_ocr import ocr_available, ocr_page_lines, render_page
    except ImportError:
        return None
    if not ocr_available():
        return None
    return lambda page: ocr_page_lines(render_page(page))


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
