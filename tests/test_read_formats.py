"""Documents as researchers download them: PDF (text layer), .doc, files whose name lies about
their content, and the bad ones — each read exactly like the seed's text or refused in one line."""
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from seedcheck import FIXTURES, SEEDS, diff

from policygraph.cli import cli
from policygraph.loaders import LoadError
from policygraph.loaders.extract import extract_file
from policygraph.loaders.read import read_document
from policygraph.loaders.read_pdf import pdf_text

FORMATS = FIXTURES.parent / "formats"
SAMPLES = [("000_a_lo.pdf", "000"), ("002_d_rlcid.pdf", "002")]   # LibreOffice; reportlab CID fonts


@pytest.mark.parametrize("name,seed", SAMPLES)
def test_a_pdf_reads_exactly_like_its_seed(name, seed):
    expected = json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))
    got = extract_file(str(FORMATS / name))
    assert got["format"] == "pdf" and got["ocr"] is False
    assert diff(expected, got) == []


@pytest.mark.parametrize("name,seed", SAMPLES)
def test_the_pdf_reader_recovers_the_text_in_reading_order(name, seed):
    raw = read_document(str(FORMATS / name))
    expected = (FORMATS / name.replace(".pdf", ".expected.txt")).read_text(encoding="utf-8")
    squeeze = lambda s: re.sub(r"\s", "", s)          # noqa: E731
    assert squeeze(raw.text) == squeeze(expected)
    # one paragraph per line: no hard wraps left, no running header or page number kept
    assert [ln.strip() for ln in raw.text.splitlines() if ln.strip()] == \
        [ln.strip() for ln in expected.splitlines() if ln.strip()]


def test_tasks_know_their_page():
    got = extract_file(str(FORMATS / "000_a_lo.pdf"))
    pages = [t["page"] for t in got["tasks"]]
    assert pages[0] == 2 and pages == sorted(pages) and pages[-1] <= 23


def test_the_format_is_told_by_the_content_not_the_name(tmp_path):
    disguised = tmp_path / "plan.txt"
    shutil.copy(FORMATS / "002_d_rlcid.pdf", disguised)
    assert read_document(str(disguised)).format == "pdf"


def test_bad_pdfs_are_refused_in_one_line(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((FORMATS / "000_a_lo.pdf").read_bytes()[:300_000])
    for path, says in [(FORMATS / "encrypted.pdf", "encrypted"), (cut, "truncated")]:
        with pytest.raises(LoadError) as e:
            read_document(str(path))
        assert says in str(e.value) and "\n" not in str(e.value) and str(path) in str(e.value)


def test_a_scan_without_the_ocr_extra_says_how_to_read_it():
    scan = FORMATS / "000_scan.pdf"
    if not scan.exists():
        pytest.skip("no scan fixture")
    with pytest.raises(LoadError) as e:
        pdf_text(scan.read_bytes(), str(scan), ocr=None)
    assert "no text layer" in str(e.value) and "policygraph[ocr]" in str(e.value)


def test_a_doc_that_is_really_something_else(tmp_path):
    fake = tmp_path / "notes.doc"
    fake.write_bytes(b"{\\rtf1\\ansi plain text pretending to be Word}")
    with pytest.raises(LoadError) as e:
        read_document(str(fake))
    assert "not a .doc file" in str(e.value)


def test_a_walk_says_what_it_skipped_and_good_files_still_read(tmp_path):
    shutil.copy(SEEDS / "004_cae4f0d23229f21f.txt", tmp_path / "004.txt")
    shutil.copy(FORMATS / "encrypted.pdf", tmp_path / "locked.pdf")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a document")
    r = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "json"])
    assert r.exit_code == 0
    assert len(json.loads(r.stdout)["policies"]) == 1
    lines = r.stderr.strip().splitlines()
    assert f"policygraph: {tmp_path / 'photo.jpg'}: skipped: not a document format policygraph reads — " \
           "give .txt, .html, .docx, .doc or .pdf files" in lines
    assert any(ln.startswith(f"policygraph: error: {tmp_path / 'locked.pdf'}: the PDF is encrypted") for ln in lines)
    assert len(lines) == 2
    # --strict fails on the unreadable PDF, not on the skipped photo
    assert CliRunner().invoke(cli, ["extract", str(tmp_path), "--strict"]).exit_code == 1
