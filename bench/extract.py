"""Extraction throughput on the sample corpus repeated, against merely reading + normalising it;
then PDF and OCR reading in pages/s in the same run.

    python bench/extract.py [--repeat 200] [--pdf-repeat 5]

Prints documents/s and MB/s for both in the same run, and their ratio (how much the parsing
costs on top of decoding and normalising the same bytes).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from policygraph.loaders.clauses import parse_clause
from policygraph.loaders.extract import extract_text
from policygraph.loaders.normalize import normalize
from policygraph.loaders.read import decode
from policygraph.pipeline import resolve
from policygraph.registry.resolve import Resolver

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--pdf-repeat", type=int, default=5)
    args = ap.parse_args()
    blobs = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    n_docs = len(blobs) * args.repeat
    mb = sum(len(b) for _, b in blobs) * args.repeat / 1e6

    def baseline():
        for _ in range(args.repeat):
            for name, b in blobs:
                normalize(decode(b, name)[0])

    resolver = Resolver()

    def extract(name, b):
        # The extract contract: the loaders' reading, then the resolve stage.
        return resolve([extract_text(decode(b, name)[0], source=name)], resolver)[0]

    def full():
        for _ in range(args.repeat):
            for name, b in blobs:
                # The caches would make repeated copies free; clear them so every copy pays.
                parse_clause.cache_clear()
                resolver.clear_cache()
                extract(name, b)

    full_once = [extract(n, b) for n, b in blobs]   # warm caches
    rows = []
    for label, fn in (("read+normalise (baseline)", baseline), ("extract", full)):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        rows.append((label, dt))
        print(f"{label:28s} {n_docs:6d} docs  {mb:7.2f} MB  {dt:7.2f} s  "
              f"{n_docs / dt:8.1f} docs/s  {mb / dt:6.2f} MB/s")
    print(f"extract costs {rows[1][1] / rows[0][1]:.1f}x the baseline; "
          f"{sum(len(p['tasks']) for p in full_once)} tasks per corpus copy")
    formats(args.pdf_repeat)


FORMATS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "formats"


def formats(repeat: int) -> None:
    """Reading PDFs (text layer) and scans (OCR) in pages/s, in the same run as the text above."""
    import pypdfium2 as pdfium

    from policygraph.loaders.read import read_document

    pdfs = [FORMATS / n for n in ("000_a_lo.pdf", "002_d_rlcid.pdf")]
    pages = sum(len(pdfium.PdfDocument(str(f))) for f in pdfs)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for f in pdfs:
            read_document(str(f))
    dt = time.perf_counter() - t0
    print(f"{'read PDF (text layer)':28s} {pages * repeat:6d} pages {dt:7.2f} s  {pages * repeat / dt:8.1f} pages/s")
    scan = FORMATS / "000_scan.pdf"
    try:
        from policygraph.loaders.read_ocr import ocr_available, ocr_page_lines, render_page
    except ImportError:
        ocr_available = None
    if ocr_available is None or not ocr_available() or not scan.exists():
        print("read scan (OCR)              not measured: install policygraph[ocr]")
        return
    doc = pdfium.PdfDocument(str(scan))
    ocr_page_lines(render_page(doc[0]))                  # load the models once
    n = min(3, len(doc))
    t0 = time.perf_counter()
    for i in range(n):
        ocr_page_lines(render_page(doc[i]))
    dt = time.perf_counter() - t0
    print(f"{'read scan (OCR)':28s} {n:6d} pages {dt:7.2f} s  {n / dt:8.2f} pages/s")


if __name__ == "__main__":
    main()
