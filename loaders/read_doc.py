"""Text of a legacy Word 97-2003 .doc file, read from its piece table ([MS-DOC] FIB → Clx → PlcPcd)."""
from __future__ import annotations

import io
import re
import struct

from .errors import LoadError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RESAVE = "open it in Word or LibreOffice and save it as .docx or PDF"

# FibBase.flags (offset 0x0A)
_F_ENCRYPTED = 0x0100
_F_WHICH_TBL_STM = 0x0200
_CCP_TEXT = 3        # FibRgLw97 index of ccpText (main document only; footnotes, headers... follow it)
_FC_CLX = 33         # FibRgFcLcb97 index of the fcClx/lcbClx pair (the 67th 32-bit field)
_COMPRESSED = 0x40000000

_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
# Table marks: a row's last cell mark is followed by the row-end mark, so a run of two or more
# 0x07 ends a row. (An empty cell can fake that: without the paragraph properties it is ambiguous.)
_ROW_END = re.compile("\x07{2,}")
# Control characters with no text of their own (pictures, footnote/comment anchors, soft hyphen...).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def doc_text(data: bytes, source: str) -> str:
    """The main text of a Word 97-2003 document, one paragraph per line. Raises LoadError."""
    import olefile

    if not data.strip():
        raise LoadError(source, "file is empty", "nothing to extract")
    if not data.startswith(_OLE_MAGIC):
        raise LoadError(source, "not a Word 97-2003 .doc file", _not_ole_hint(data))
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise LoadError(source, "an OLE file but not a Word document (an Excel or WPS file?)", _RESAVE)
            word = ole.openstream("WordDocument").read()
            ident, nfib, flags = struct.unpack_from("<HHxxxxxxH", word, 0)
            if ident != 0xA5EC:
                raise LoadError(source, "the WordDocument stream has no Word file header", _RESAVE)
            if flags & _F_ENCRYPTED:
                raise LoadError(source, "the .doc is password-protected",
                                "remove the password in Word and save it again, or save it as .docx")
            if nfib <= 0x68:  # Word 6.0/95: a different FIB layout and no Unicode piece table
                raise LoadError(source, "a Word 6.0/95 .doc, older than Word 97", _RESAVE)
            table_name = "1Table" if flags & _F_WHICH_TBL_STM else "0Table"
            if not ole.exists(table_name):
                raise LoadError(source, f"the .doc file is damaged or truncated (no {table_name} stream)",
                                "get an intact copy of the file")
            table = ole.openstream(table_name).read()
        ccp_text, fc_clx, lcb_clx = _fib(word)
        pieces = _pieces(table, fc_clx, lcb_clx)
        raw = _join(word, pieces, ccp_text)
    except LoadError:
        raise
    except (OSError, ValueError, struct.error, IndexError, EOFError):
        # olefile's own errors (OleFileError is an OSError) and our reads past a short stream.
        raise LoadError(source, "the .doc file is damaged or truncated", "get an intact copy of the file") from None
    return _clean(raw)


def _not_ole_hint(data: bytes) -> str:
    if data.startswith(b"PK"):
        return "it is a zip file: if it is really a .docx, rename it to .docx"
    if data.lstrip()[:5].lower() == b"{\\rtf":
        return "it is an RTF file: save it as .docx or PDF"
    return "give a Word 97-2003 .doc, or save the document as .docx or PDF"


def _fib(word: bytes) -> tuple[int, int, int]:
    """(ccpText, fcClx, lcbClx), found by walking the FIB's counted blocks rather than fixed offsets."""
    pos = 32                                          # after FibBase
    csw = struct.unpack_from("<H", word, pos)[0]
    pos += 2 + 2 * csw                                # FibRgW97
    cslw = struct.unpack_from("<H", word, pos)[0]
    if cslw <= _CCP_TEXT:
        raise ValueError("FibRgLw97 too short")
    ccp_text = struct.unpack_from("<i", word, pos + 2 + 4 * _CCP_TEXT)[0]
    pos += 2 + 4 * cslw                               # FibRgLw97
    cb_rg_fc_lcb = struct.unpack_from("<H", word, pos)[0]
    if cb_rg_fc_lcb <= _FC_CLX:
        raise ValueError("FibRgFcLcb too short")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, pos + 2 + 8 * _FC_CLX)
    if ccp_text < 0 or lcb_clx == 0:
        raise ValueError("no text or no piece table")
    return ccp_text, fc_clx, lcb_clx


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int]]:
    """(cp_start, cp_end, fc) per piece, from the Pcdt in the Clx."""
    clx = table[fc_clx:fc_clx + lcb_clx]
    if len(clx) < lcb_clx:
        raise ValueError("Clx past the end of the table stream")
    pos = 0
    while clx[pos] == 0x01:                           # Prc: formatting of fast-saved edits, not text
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if clx[pos] != 0x02:
        raise ValueError("no Pcdt in the Clx")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5:pos + 5 + lcb]
    n = (lcb - 4) // 12                               # n+1 CPs (4 bytes) and n PCDs (8 bytes)
    if len(plc) < lcb or n <= 0 or 4 + 12 * n != lcb:
        raise ValueError("malformed PlcPcd")
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    if cps[0] != 0 or any(b < a for a, b in zip(cps, cps[1:])):
        raise ValueError("piece table CPs out of order")
    fcs = [struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0] for i in range(n)]
    return [(cps[i], cps[i + 1], fcs[i]) for i in range(n)]


def _join(word: bytes, pieces: list[tuple[int, int, int]], ccp_text: int) -> str:
    parts = []
    for cp_start, cp_end, fc in pieces:
        if cp_start >= ccp_text:
            break                                     # the rest is footnotes, headers, comments...
        count = min(cp_end, ccp_text) - cp_start
        if fc & _COMPRESSED:                          # 8-bit cp1252, at half the stored offset
            start = (fc & ~_COMPRESSED) // 2
            text = word[start:start + count].decode("cp1252", errors="replace")
        else:
            text = word[fc:fc + 2 * count].decode("utf-16-le", errors="replace")
        if len(text) < count:
            raise ValueError("piece past the end of the WordDocument stream")
        parts.append(text)
    return "".join(parts)


def _clean(raw: str) -> str:
    out = []
    fields: list[bool] = []                           # per open field: True once in its result
    for ch in raw:
        if ch == _FIELD_BEGIN:
            fields.append(False)
        elif ch == _FIELD_SEP and fields:
            fields[-1] = True
        elif ch == _FIELD_END and fields:
            fields.pop()
        elif all(fields):                             # keep only text outside every field instruction
            out.append(ch)
    text = "".join(out)
    text = _ROW_END.sub(lambda m: "\t" * (len(m.group()) - 1) + "\n", text)
    text = text.replace("\x07", "\t").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    text = text.replace("\x1e", "-")                  # non-breaking hyphen is a real hyphen
    text = _CONTROL.sub("", text)
    return re.sub("\t+\n", "\n", text).rstrip("\n")   # trailing cell tabs are noise
