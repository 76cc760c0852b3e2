"""Scanned PDF pages → text lines, by OCR (the `ocr` extra: rapidocr + onnxruntime).

rapidocr 3.x ships its PP-OCR detection, orientation and recognition models (ONNX) inside the
wheel and runs offline. It detects text boxes (a page's line of one-column Chinese text is
usually one box, sometimes a few) and reads each one. This module turns those boxes into the
lines loaders.read_pdf rebuilds paragraphs from: one (left, top, right, bottom, text) per visual
line, top to bottom, in image pixels with y downwards, top and bottom those of the ink.

Scans are crooked by a degree or so; over a page that moves the left margin by about a
character, which would read as an indent. So the page's skew is measured from the boxes
themselves (the detector gives rotated quadrilaterals) and the coordinates returned are those
of the deskewed page.
"""
from __future__ import annotations

import functools
import importlib.util
import math
import statistics
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy and pypdfium2 come with the extra; imported where used
    import numpy as np
    import pypdfium2 as pdfium

Line = tuple[float, float, float, float, str]      # left, top, right, bottom, text


def ocr_available() -> bool:
    """Whether the OCR extra is installed: rapidocr and the onnxruntime engine it runs on."""
    # find_spec, not import: importing onnxruntime costs a second, and this is asked per document.
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime"))


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    """One RapidOCR engine per process: loading the three models takes a few seconds."""
    from rapidocr import RapidOCR

    # Documents are upright: the 0/180° classifier only costs time (and can flip a short box).
    return RapidOCR(params={"Global.log_level": "warning", "Global.use_cls": False})


def render_page(page: pdfium.PdfPage, dpi: int = 200) -> np.ndarray:
    """A pypdfium2 page as a grayscale image (2-D uint8 array), `dpi` pixels per inch.

    Grayscale because scans are; rapidocr takes a 2-D array as gray. 200 dpi keeps 10.5-pt
    text about 30 px high, where the recogniser is at its best; rapidocr scales pages whose
    longer side is over 2000 px down anyway."""
    return page.render(scale=dpi / 72, grayscale=True).to_numpy()


def ocr_page_lines(image: np.ndarray) -> list[Line]:
    """The text lines of one page image, in reading order (top to bottom, left to right).

    `image`: a 2-D gray array, or 3-channel in OpenCV's BGR order (what rapidocr assumes for
    arrays; an RGB array reads almost the same, as text is dark on light). Coordinates are pixels
    of the deskewed page."""
    import numpy as np

    result = _engine()(image)
    if result.boxes is None or not result.txts:
        return []
    gray = image if image.ndim == 2 else image[..., :3].mean(axis=2).astype(np.uint8)
    quads = [[(float(x), float(y)) for x, y in quad] for quad in result.boxes]
    angle = _skew(quads)
    h, w = image.shape[:2]
    cx, cy = w / 2, h / 2
    cos, sin = math.cos(-angle), math.sin(-angle)
    boxes: list[Line] = []
    for quad, text in zip(quads, result.txts):
        if not text.strip():
            continue
        # Rotate the quadrilateral back by the page's skew, about the page centre.
        pts = [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in quad]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        top, height = min(ys), max(ys) - min(ys)
        ink_top, ink_bottom = _ink_span(gray, quad)
        boxes.append((min(xs), top + ink_top * height, max(xs), top + ink_bottom * height, text.strip()))
    return [_join(line) for line in _group_lines(boxes)]


def _ink_span(gray: np.ndarray, quad: list[tuple[float, float]]) -> tuple[float, float]:
    """Where the ink is, top to bottom, as fractions of the box's height.

    The detector pads its boxes, and pads a box of a few characters (the 负责) that ends a
    paragraph) by a third more than a full line; read as a box's height, that is a larger font.
    The strokes' extent is the type size, whatever the box."""
    import cv2
    import numpy as np

    src = np.array(quad, dtype=np.float32)
    w = int(max(np.linalg.norm(src[0] - src[1]), np.linalg.norm(src[3] - src[2])))
    h = int(max(np.linalg.norm(src[0] - src[3]), np.linalg.norm(src[1] - src[2])))
    if w < 2 or h < 2:
        return 0.0, 1.0
    # The box cut out and straightened, as rapidocr does for recognition.
    to_box = cv2.getPerspectiveTransform(src, np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32))
    crop = cv2.warpPerspective(gray, to_box, (w, h), borderMode=cv2.BORDER_REPLICATE)
    dark, light = np.percentile(crop, (2, 98))
    if light - dark < 40:
        return 0.0, 1.0                                     # no contrast to tell ink from paper
    rows = np.flatnonzero((crop < (dark + light) / 2).mean(axis=1) > 0.02)
    if rows.size == 0:
        return 0.0, 1.0
    return rows[0] / h, (rows[-1] + 1) / h


def _skew(quads: list[list[tuple[float, float]]]) -> float:
    """The page's skew (radians, positive = clockwise in image coordinates): the median slope of
    the top and bottom edges of line-shaped boxes. 0 when there are none or it is implausible."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad      # rapidocr: clockwise from top-left
        if math.dist((x0, y0), (x1, y1)) < 3 * math.dist((x1, y1), (x2, y2)):
            continue                                        # short box: its edge angle is noise
        angles += [math.atan2(y1 - y0, x1 - x0), math.atan2(y2 - y3, x2 - x3)]
    if not angles:
        return 0.0
    angle = statistics.median(angles)
    return angle if abs(angle) < math.radians(10) else 0.0  # beyond that: a layout, not a skew


def _group_lines(boxes: list[Line]) -> list[list[Line]]:
    """Boxes → lines: a box joins the line it overlaps vertically by at least half the height of
    the lower of the two; lines top to bottom, boxes left to right within a line."""
    lines: list[list[Line]] = []
    extents: list[tuple[float, float]] = []                 # each line's top and bottom
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        top, bottom = box[1], box[3]
        best, best_overlap = None, 0.5
        for i, (lt, lb) in enumerate(extents):
            overlap = (min(bottom, lb) - max(top, lt)) / max(1.0, min(bottom - top, lb - lt))
            if overlap >= best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            lines.append([box])
            extents.append((top, bottom))
        else:
            lines[best].append(box)
            lt, lb = extents[best]
            extents[best] = (min(lt, top), max(lb, bottom))
    order = sorted(range(len(lines)), key=lambda i: sum(extents[i]) / 2)
    return [sorted(lines[i], key=lambda b: b[0]) for i in order]


def _join(line: list[Line]) -> Line:
    """One line's boxes as one: their union, texts joined with a space only across a wide gap
    (a table's columns, a signature block), as pieces of one run of Chinese text have none."""
    text = line[0][4]
    for prev, box in zip(line, line[1:]):
        gap = box[0] - prev[2]
        text += (" " if gap > (box[3] - box[1]) else "") + box[4]
    return (min(b[0] for b in line), min(b[1] for b in line),
            max(b[2] for b in line), max(b[3] for b in line), text)
