"""Legacy Word 97-2003 .doc: the text of a real LibreOffice file, and bad input that must fail clearly."""
import re
import struct
from pathlib import Path

import pytest
from seedcheck import SEEDS

from policygraph.loaders.errors import LoadError
from policygraph.loaders.read_doc import _clean, _join, _pieces, doc_text

DOC = Path(__file__).resolve().parent / "fixtures" / "formats" / "004_a_lo.doc"   # seed 004, Word 97 by LibreOffice
TXT = SEEDS / "004_cae4f0d23229f21f.txt"

# What the .doc has and the web-page .txt has not, read off the document: the letterhead
# (issuer + 文号) above the title, and the colophon below the last task.
LETTERHEAD = ["佛山市人民政府文件", "佛府函〔2016〕××号"]
COLOPHON = ["（此件公开发布）", "佛山市人民政府秘书处\u3000\u3000\u3000\u30002016918印发"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _txt_body() -> list[str]:
    """The seed's lines without the web page around it (breadcrumb, title bar above; share links below)."""
    lines = _lines(TXT.read_text(encoding="utf-8"))
    return lines[lines.index("佛山市人民政府关于印发贯彻落实广东省"):lines.index("一图解读")]


@pytest.fixture(scope="module")
def text() -> str:
    return doc_text(DOC.read_bytes(), str(DOC))


def test_same_text_as_the_seed(text):
    squash = lambda s: re.sub(r"\s", "", s)
    body = squash("".join(_txt_body()))
    assert squash(text) == squash("".join(LETTERHEAD)) + body + squash("".join(COLOPHON))


def test_every_line_of_the_seed_is_in_the_doc(text):
    for line in _txt_body():
        assert line in text, line


def test_one_paragraph_per_line(text):
    got = _lines(text)
    assert got == LETTERHEAD + _txt_body() + COLOPHON
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)


def test_headers_and_footers_are_left_out(text):
    # The file's header story holds "— PAGE —" fields; only the main text is returned.
    assert "PAGE" not in text and "—" not in text


# --- text clean-up and pieces, on hand-made input (the sample has no fields, tables or 8-bit pieces)

def test_fields_keep_their_result_and_nest():
    raw = "See \x13 HYPERLINK \"x\" \x14the \x13 PAGE \x142\x15 site\x15.\r\x13 TOC \x15Next\r"
    assert _clean(raw) == "See the 2 site.\nNext"


def test_table_cells_do_not_run_together():
    raw = "Before\r甲\x07乙\x07\x07丙\x07丁\x07\x07After\x0bline\x0cpage\r"
    assert _clean(raw) == "Before\n甲\t乙\n丙\t丁\nAfter\nline\npage"


def test_compressed_and_unicode_pieces_join_in_cp_order():
    word = b"\0" * 16 + "Caf\xe9 ".encode("cp1252") + b"\0" * 3 + "政策\r脚注".encode("utf-16-le")
    pcd = lambda fc: struct.pack("<HIH", 0, fc, 0)
    plc = struct.pack("<4i", 0, 5, 8, 11) + pcd(0x40000000 | 32) + pcd(24) + pcd(30)
    prc = b"\x01" + struct.pack("<H", 3) + b"\x00\x00\x00"
    table = b"junk" + prc + b"\x02" + struct.pack("<I", len(plc)) + plc
    pieces = _pieces(table, 4, len(table) - 4)
    assert _join(word, pieces, 8) == "Café 政策\r"    # the footnote piece lies past ccpText


# --- bad input: one line naming the file, never a traceback

def _fib_at(data: bytes) -> int:
    """Offset of the FIB in the file: the WordDocument stream starts on a 512-byte sector."""
    return next(i for i in range(512, len(data), 512) if data[i:i + 2] == b"\xec\xa5")


def _workbook(data: bytes) -> bytes:
    """The sample with its WordDocument stream renamed Workbook: an OLE file, but an Excel-looking one."""
    b = bytearray(data)
    at = b.index("WordDocument".encode("utf-16-le"))
    b[at:at + 64] = "Workbook".encode("utf-16-le").ljust(64, b"\0")
    b[at + 64:at + 66] = struct.pack("<H", 18)   # name length in bytes, with its terminator
    return bytes(b)


def _flagged(data: bytes, flag: int) -> bytes:
    b = bytearray(data)
    at = _fib_at(data) + 0x0A
    b[at:at + 2] = struct.pack("<H", struct.unpack_from("<H", b, at)[0] | flag)
    return bytes(b)


def _nfib(data: bytes, nfib: int) -> bytes:
    b = bytearray(data)
    at = _fib_at(data) + 2
    b[at:at + 2] = struct.pack("<H", nfib)
    return bytes(b)


def _clx_past_end(data: bytes) -> bytes:
    b = bytearray(data)
    at = _fib_at(data) + 32 + 2 + 2 * 14 + 2 + 4 * 22 + 2 + 8 * 33 + 4   # lcbClx in FibRgFcLcb97
    b[at:at + 4] = struct.pack("<I", 0x7FFF0000)
    return bytes(b)


SAMPLE = DOC.read_bytes()
BAD = {
    "text.doc": (b"\xe5\xb9\xbf\xe4\xb8\x9c policy text, not OLE", "not a Word 97-2003 .doc file"),
    "empty.doc": (b"", "file is empty"),
    "renamed-docx.doc": (b"PK\x03\x04" + b"\0" * 60, "not a Word 97-2003 .doc file"),
    "sheet.doc": (_workbook(SAMPLE), "an OLE file but not a Word document"),
    "locked.doc": (_flagged(SAMPLE, 0x0100), "the .doc is password-protected"),
    "word95.doc": (_nfib(SAMPLE, 0x0068), "a Word 6.0/95 .doc"),
    "cut-4k.doc": (SAMPLE[:4096], "the .doc file is damaged or truncated"),
    "cut-40pc.doc": (SAMPLE[:len(SAMPLE) * 2 // 5], "the .doc file is damaged or truncated"),
    "bad-clx.doc": (_clx_past_end(SAMPLE), "the .doc file is damaged or truncated"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_fails_in_one_line(name):
    data, problem = BAD[name]
    source = f"downloads/{name}"
    with pytest.raises(LoadError) as err:
        doc_text(data, source)
    msg = str(err.value)
    assert msg.startswith(f"{source}: {problem}")
    assert "\n" not in msg and " — " in msg        # a hint on what to do follows the problem


def test_the_workbook_fixture_is_still_a_valid_ole_file():
    # Guards the test above: the rename must leave an OLE file olefile opens, not a broken one.
    import io

    import olefile

    with olefile.OleFileIO(io.BytesIO(_workbook(SAMPLE))) as ole:
        assert ole.exists("Workbook") and not ole.exists("WordDocument")
