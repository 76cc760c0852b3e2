"""Turn a text PDF into an image-only "scan" PDF, for testing the OCR path of PDF reading.

    python tools/make_scan.py IN.pdf OUT.pdf [--pages N] [--dpi 150] [--seed 0] [--quality 40]

Each page is rendered with pypdfium2, made grayscale, rotated by a small angle (alternating
sign per page, as sheets go through a feeder a little crooked), softened by a slight blur
(optics), given Gaussian sensor noise, and stored as a JPEG page in a PDF that has no text
layer. The output is deterministic for a given seed, so fixtures can be regenerated exactly.
Needs pypdfium2, pillow and numpy (the `ocr` extra).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

NOISE = 4.0  # standard deviation of the Gaussian noise, in gray levels
BLUR = 0.6  # Gaussian blur radius, in pixels


def scan_page(page: pdfium.PdfPage, index: int, rng: np.random.Generator, dpi: int) -> Image.Image:
    """One page as a scanner would deliver it: grayscale, crooked, soft and noisy."""
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    # Small skew, alternating in sign; white fill so the corners look like paper, not black.
    angle = float(rng.uniform(0.8, 1.5)) * (1 if index % 2 == 0 else -1)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    # Paper is rarely pure white nor ink pure black: compress the range, then add sensor noise.
    arr = np.asarray(img, dtype=np.float32) * (235 - 25) / 255 + 25
    arr += rng.normal(0.0, NOISE, size=arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    # The blur after the noise softens both strokes and grain, as a scanner's optics do
    # (and keeps the JPEG pages small enough for a fixture).
    return img.filter(ImageFilter.GaussianBlur(radius=BLUR))


def make_scan(src: Path, dst: Path, pages: int | None = None, dpi: int = 150, seed: int = 0, quality: int = 40) -> int:
    """Write the scan of src's first `pages` pages (all when None) to dst; return the page count."""
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(src))
    try:
        n = len(pdf) if pages is None else min(pages, len(pdf))
        images = [scan_page(pdf[i], i, rng, dpi) for i in range(n)]
    finally:
        pdf.close()
    if not images:
        raise ValueError(f"{src}: no pages")
    dst.parent.mkdir(parents=True, exist_ok=True)
    # Pillow writes grayscale pages into the PDF as JPEG (DCTDecode) streams at this quality,
    # so the compression artefacts are those of a real scanner's output.
    # Fixed dates (Pillow stamps the time otherwise), so the same input gives the same bytes.
    when = time.gmtime(946684800)  # 2000-01-01
    images[0].save(dst, format="PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   quality=quality, title=f"{src.stem} (scan)", creationDate=when, modDate=when)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path, help="text PDF to scan")
    ap.add_argument("dst", type=Path, help="image-only PDF to write")
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages")
    ap.add_argument("--dpi", type=int, default=150, help="scan resolution (default 150)")
    ap.add_argument("--seed", type=int, default=0, help="random seed for skew and noise (default 0)")
    ap.add_argument("--quality", type=int, default=40, help="JPEG quality (default 40)")
    args = ap.parse_args(argv)
    n = make_scan(args.src, args.dst, args.pages, args.dpi, args.seed, args.quality)
    print(f"{args.dst}: {n} pages, {args.dst.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
