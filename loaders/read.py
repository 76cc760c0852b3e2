"""Reading files into text: encodings detected (not guessed), .txt/.html/.docx, directories walked."""
from __future__ import annotations

import codecs
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import LoadError

SUPPORTED = (".txt", ".text", ".html", ".htm", ".docx")

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
    format: str          # txt | html | docx


def expand_paths(paths) -> tuple[list[str], list[LoadError]]:
    """Files named, plus every supported file under a directory (sorted, so runs are reproducible)."""
    files: list[str] = []
    errors: list[LoadError] = []
    for p in paths:
        p = str(p)
        if os.path.isdir(p):
            found = sorted(
                str(f) for f in Path(p).rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED and not f.name.startswith(".")
            )
            if not found:
                errors.append(LoadError(p, "directory holds no .txt, .html or .docx files"))
            files.extend(found)
        elif os.path.exists(p):
            files.append(p)
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
        raise LoadError(source, "binary file, not text", "give a .txt, .html or .docx policy document")
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
        raise LoadError(source, f"unreadable encoding (looks like {best.encoding})",
                        "re-save the file as UTF-8")
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


def _docx_text(path: str) -> str:
    import docx  # python-docx

    try:
        d = docx.Document(path)
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(path, f"not a valid .docx file ({e.__class__.__name__})",
                        "open and re-save it in Word or LibreOffice") from None
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append(" ".join(c.text for c in row.cells))
    return "\n".join(lines)


def read_document(path: str) -> RawDocument:
    """Read one file of any supported format into text."""
    ext = Path(path).suffix.lower()
    try:
        if ext == ".docx":
            text, enc, fmt = _docx_text(path), "docx", "docx"
        else:
            with open(path, "rb") as fh:
                data = fh.read()
            text, enc = decode(data, path)
            fmt = "html" if ext in (".html", ".htm") or _looks_like_html(text) else "txt"
            if fmt == "html":
                text = _html_text(text)
    except OSError as e:
        raise LoadError(path, f"cannot read file ({e.strerror})", "check permissions") from None
    if not text.strip():
        raise LoadError(path, "file has no text", "nothing to extract")
    return RawDocument(source=path, text=text, encoding=enc, format=fmt)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
