"""Typeset seed documents as published PDFs, for testing PDF reading (tests/test_pdf_producers.py).

    python tools/make_pdf_fixtures.py [--only NAME ...] [--keep-html DIR]

Writes into tests/fixtures/formats/:

  pdf_000_chromium.pdf   seed 000 (Simplified) as a provincial gazette page: headless Chromium's
                         print-to-PDF of an HTML page, A4 with GB/T 9704 margins, 16 pt Song,
                         text-indent: 2em, running header 广东省人民政府公报 and page numbers
                         (— 3 —, odd pages right, even pages left) from CSS @page margin boxes,
                         and, after the plan, the note 附件：… and the annex (a table) on a page
                         of its own. Fonts: Noto CJK SC as TrueType web fonts (CID fonts in the
                         PDF; the system's CFF Noto would be Type 3 fonts and over 1 MB).
  pdf_002_chromium.pdf   seed 002 (Traditional): Chromium again, the running header 甘肅省人民政府公報
                         as a position: fixed element (repeated on every printed page, drawn last
                         in each page's content), page numbers 第 3 頁 共 10 頁 from a margin box,
                         the system's Noto CJK TC (Type 3 fonts in the PDF).
  pdf_004_reportlab.pdf  seed 004 with reportlab on a 16K page (184 x 260 mm), the built-in CID font
                         STSong-Light (not embedded), paragraphs opened by two U+3000 spaces,
                         lines justified by character spacing, header 佛山市人民政府办公室 with a
                         rule, page numbers "- 3 -" bottom centre.
  pdf_000_reportlab.pdf  seed 000 with reportlab on A4 with narrow margins, Noto Serif/Sans CJK SC
                         embedded as TrueType subsets (the .ttc's CFF outlines converted with
                         fontTools, since reportlab embeds TrueType outlines only), same header
                         and page-number style as the 004 one, the page number drawn before the
                         text (after it in the 004 one).

The text is the seed's, paragraph for paragraph (one seed line = one paragraph), with the ASCII
punctuation a typesetter would set full-width turned full-width (，；：（）？！, which NFKC folds
back) and, for seed 004 (a saved web page), the page's navigation, 来源/发布时间 line and trailing
解读 links left out: a published PDF has none of them. Nothing else is changed or added, except
pdf_000_chromium's annex, which is invented filler (a contact table with no task, target or
citation in it) to see whether an annex leaks into the last task.

Needs: /usr/bin/chromium (or $CHROMIUM), fonts-noto-cjk, pypdfium2, and reportlab and fonttools
(pip install reportlab fonttools: not dependencies of the package). Margin boxes need Chromium
131 or later. Output is deterministic for a given Chromium and font build: Chromium's creation
and modification dates are overwritten in place (same length, so the xref stays valid), the
converted fonts keep their timestamps, reportlab runs with invariant=1.
"""
from __future__ import annotations

import argparse
import html
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "formats"
NOTO = Path("/usr/share/fonts/opentype/noto")
FIXED_DATE = b"D:20000101000000+00'00'"

# ASCII punctuation that typeset Chinese text sets full-width (NFKC folds each back).
FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})


@dataclass
class Block:
    kind: str            # title | addressee | para | heading | subheading | sign | annex
    lines: list[str]     # title: its lines; sign: [signature, date]; others: one paragraph


# --------------------------------------------------------------------------- the documents

def _seed_paragraphs(name: str) -> list[str]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        s = raw.strip().strip("\u00a0").strip()
        if s:
            out.append(s)
    return out


def _set(s: str) -> str:
    out = s.translate(FULL_WIDTH)
    assert unicodedata.normalize("NFKC", out) == unicodedata.normalize("NFKC", s)
    return out


_CN_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_PCN_HEADING = re.compile(r"^\([一二三四五六七八九十]+\)")


def _body(paras: list[str]) -> list[Block]:
    """Policy body: 一、 headings (黑体 in print), (一) lines that are only a heading, paragraphs."""
    out = []
    for p in paras:
        if _CN_HEADING.match(p) and len(p) <= 40 and "。" not in p[:-1]:
            out.append(Block("heading", [_set(p)]))
        elif _PCN_HEADING.match(p) and len(p) <= 30 and p.endswith("。") and p.count("。") == 1:
            out.append(Block("subheading", [_set(p)]))
        else:
            out.append(Block("para", [_set(p)]))
    return out


def doc_000() -> list[Block]:
    p = _seed_paragraphs("000")
    assert p[0].startswith("各地级以上市人民政府") and p[2] == "省府办公厅" and p[3] == "2016年10月12日"
    assert p[4] == "广东省实施质量强省战略2016-2017年行动计划"
    return [Block("addressee", [_set(p[0])]), Block("para", [_set(p[1])]),
            Block("sign", [p[2], p[3]]), Block("title", [p[4]]), *_body(p[5:])]


def doc_002() -> list[Block]:
    p = _seed_paragraphs("002")
    assert p[0] == "甘肅省貫徹實施質量發展綱要2015年行動計畫"
    return [Block("title", [p[0]]), *_body(p[1:])]


WEB_LINKS = {"一图解读", "部门解读", "视频解读", "媒体 | 发布会解读", "原文地址", "访谈解读"}


def doc_004() -> list[Block]:
    p = _seed_paragraphs("004")
    # The saved page's furniture: navigation, the page heading, 来源/发布时间; the 解读 links.
    assert p[0].startswith("当前位置") and p[2].startswith("来源")
    p = [x for x in p[3:] if x not in WEB_LINKS]
    assert p[0] == "佛山市人民政府关于印发贯彻落实广东省" and p[1] == "实施质量强省战略决定实施方案的通知"
    assert p[4] == "佛山市人民政府" and p[5] == "2016918"
    assert p[6] == "贯彻落实广东省实施质量强省" and p[7] == "战略决定实施方案"
    return [Block("title", p[0:2]), Block("addressee", [_set(p[2])]), Block("para", [_set(p[3])]),
            Block("sign", [p[4], p[5]]), Block("title", p[6:8]), *_body(p[8:])]


# Invented annex for pdf_000_chromium: a contact table (no task, no target, no citation), laid
# out as GB/T 9704 has it: the note 附件：<name> a line below the text, two characters in; the
# annex on a page of its own, headed 附件 flush left, its title centred.
ANNEX_TITLE = "省质量强省工作领导小组成员单位联络表"
ANNEX_NOTE = "附件：" + ANNEX_TITLE
ANNEX_LABEL = "附件"
ANNEX_HEAD = ("序号", "成员单位", "联络处室", "备注")
ANNEX_ROWS = [("1", "省质监局", "质量发展处", ""), ("2", "省发展改革委", "产业协调处", ""),
              ("3", "省经济和信息化委", "产业政策与法规处", ""), ("4", "省商务厅", "市场建设处", ""),
              ("5", "省工商局", "商标监督管理处", ""), ("6", "省知识产权局", "规划发展处", "")]


# --------------------------------------------------------------------------- Chromium

CSS_COMMON = """
html { font-size: 16pt; line-height: 28.9pt; }
body { margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.title { font-weight: 700; font-size: 22pt; line-height: 36pt; text-align: center; text-indent: 0;
         margin: 28.9pt 0; break-after: avoid; }
.title span { display: block; }
.addressee { text-indent: 0; }
.heading { break-after: avoid; }
.subheading { break-after: avoid; }
.sign { width: fit-content; margin: 57.8pt 2em 28.9pt auto; }
.sign p { text-indent: 0; text-align: left; }
.sign .date { padding-left: 2em; }
.annex-note { margin-top: 28.9pt; }
.annex { break-before: page; }
.annex .label { text-indent: 0; }
.annex .title { margin: 14pt 0 20pt; }
table.annex-table { border-collapse: collapse; width: 100%; font-size: 14pt; line-height: 24pt; }
table.annex-table th, table.annex-table td { border: 0.75pt solid #000; padding: 3pt 6pt; text-align: center; }
"""

# Seed 000: 广东省人民政府公报. GB/T 9704 page: A4, margins 37/26/35/28 mm, 仿宋 16 pt on a 28.9 pt
# grid; page numbers 4号 — 1 —, odd pages right and even pages left, one character in.
CSS_000 = """
@page { size: A4; margin: 37mm 25mm 35mm 27mm;
  @top-center { content: "广东省人民政府公报"; font-family: "PG Serif SC", "Noto Serif CJK SC"; font-size: 12pt;
                color: #b00; border-bottom: 1pt solid #b00; vertical-align: bottom; padding-bottom: 2mm;
                margin-bottom: 9mm; } }
@page :right { @bottom-right { content: "— " counter(page) " —"; font-family: "PG Serif SC", "Noto Serif CJK SC";
               font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-right: 14pt; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-family: "PG Serif SC", "Noto Serif CJK SC";
              font-size: 14pt; vertical-align: top; padding-top: 7mm; padding-left: 14pt; } }
@font-face { font-family: "PG Serif SC"; src: url("pg-serif-sc.ttf") format("truetype"); font-weight: 400; }
@font-face { font-family: "PG Serif SC"; src: url("pg-serif-sc-bold.ttf") format("truetype"); font-weight: 700; }
@font-face { font-family: "PG Sans SC"; src: url("pg-sans-sc.ttf") format("truetype"); font-weight: 400; }
html { font-family: "PG Serif SC", "FangSong", "FangSong_GB2312", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
.title { font-family: "PG Serif SC", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; }
.heading, .annex .label { font-family: "PG Sans SC", "SimHei", "Noto Sans CJK SC", sans-serif; }
.subheading { font-family: "PG Serif SC", "KaiTi", "Noto Serif CJK SC", serif; font-weight: 700; }
"""
# The 000 page's fonts as web fonts: TrueType subsets of Noto CJK SC (see _cff_to_ttf). Skia
# embeds TrueType as CID fonts; the system's Noto CJK (CFF outlines) it embeds as Type 3 fonts,
# drawn glyph by glyph, which made this page's PDF over 1 MB (pdf_002_chromium keeps those).
WEBFONTS_000 = (("pg-serif-sc.ttf", "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
                ("pg-serif-sc-bold.ttf", "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"),
                ("pg-sans-sc.ttf", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"))

# Seed 002: 15 pt on a 26 pt grid, margins 30/25/28/25 mm below a header strip; the header is a
# position: fixed element (Chromium repeats it on every page) and a repeated <thead> spacer keeps
# the text clear of it on every page.
CSS_002 = """
@page { size: A4; margin: 18mm 25mm 28mm 25mm;
  @bottom-center { content: "第 " counter(page) " 頁 共 " counter(pages) " 頁"; font-family: "Noto Serif CJK TC";
                   font-size: 10.5pt; } }
html { font-family: "Noto Serif CJK TC", "Noto Serif CJK SC", "FangSong", serif; font-size: 15pt; line-height: 26pt; }
.running { position: fixed; top: 0; left: 0; right: 0; height: 9mm; line-height: 9mm; font-size: 11pt;
           text-align: center; border-bottom: 0.75pt solid #000; letter-spacing: 0.3em; }
table.page { border-collapse: collapse; width: 100%; }
table.page > thead > tr > td, table.page > tbody > tr > td { padding: 0; }
.spacer { height: 16mm; }
.title { font-family: "Noto Serif CJK TC", serif; font-size: 20pt; line-height: 32pt; }
.heading { font-family: "Noto Sans CJK TC", sans-serif; }
"""


def _block_html(b: Block) -> str:
    esc = html.escape
    if b.kind == "title":
        return '<h1 class="title">' + "".join(f"<span>{esc(x)}</span>" for x in b.lines) + "</h1>"
    if b.kind == "sign":
        return (f'<div class="sign"><p>{esc(b.lines[0])}</p><p class="date">{esc(b.lines[1])}</p></div>')
    return f'<p class="{b.kind}">{esc(b.lines[0])}</p>'


def html_000(blocks: list[Block]) -> str:
    body = "\n".join(_block_html(b) for b in blocks)
    rows = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in ANNEX_ROWS)
    annex = (f'<section class="annex"><p class="label">{ANNEX_LABEL}</p>'
             f'<h1 class="title"><span>{ANNEX_TITLE}</span></h1>'
             '<table class="annex-table"><thead><tr>' + "".join(f"<th>{h}</th>" for h in ANNEX_HEAD)
             + f"</tr></thead><tbody>\n{rows}\n</tbody></table></section>")
    note = f'<p class="annex-note">{ANNEX_NOTE}</p>'
    return _page("zh-CN", blocks[3].lines[0], CSS_COMMON + CSS_000, body + "\n" + note + "\n" + annex)


def html_002(blocks: list[Block]) -> str:
    body = "\n".join(_block_html(b) for b in blocks)
    doc = ('<div class="running">甘肅省人民政府公報</div>\n<table class="page"><thead><tr><td><div class="spacer">'
           f'</div></td></tr></thead><tbody><tr><td>\n{body}\n</td></tr></tbody></table>')
    return _page("zh-Hant", blocks[0].lines[0], CSS_COMMON + CSS_002, doc)


def _page(lang: str, title: str, css: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{css}</style></head>\n<body>\n{body}\n</body></html>\n")


def find_chromium() -> str:
    for c in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
              shutil.which("chromium"), shutil.which("google-chrome")):
        if c and os.path.exists(c):
            return c
    sys.exit("make_pdf_fixtures: no Chromium found (set CHROMIUM=/path/to/chromium)")


def chromium_pdf(page_html: str, out: Path, keep_html: Path | None = None, webfonts=()) -> None:
    """Print an HTML page to PDF with headless Chromium (no network, a throwaway profile);
    `webfonts` (file name, .ttc, family) are written beside the page as TrueType subsets."""
    work = Path(tempfile.mkdtemp(prefix="pg-pdffix-"))
    try:
        chars = set(html.unescape(re.sub(r"<[^>]*>", "", page_html))) | set("0123456789— ")
        for fname, ttc, family in webfonts:
            (work / fname).write_bytes(_cff_to_ttf(NOTO / ttc, family, chars))
        src = work / (out.stem + ".html")
        src.write_text(page_html, encoding="utf-8")
        if keep_html:
            keep_html.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, keep_html / src.name)
        tmp = work / "out.pdf"
        cmd = [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
               f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={tmp}", src.as_uri()]
        # Its own process group: /usr/bin/chromium is a wrapper script, and a hung print must
        # end the browser it started too, not only the wrapper.
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            sys.exit("chromium did not finish printing within 180 s")
        if proc.returncode != 0 or not tmp.exists():
            sys.exit(f"chromium failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
        out.write_bytes(_fix_dates(tmp.read_bytes()))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fix_dates(pdf: bytes) -> bytes:
    """Skia stamps /CreationDate and /ModDate with the time: overwrite them with a fixed date of
    the same length, so the file (and its xref offsets) is the same at every run."""
    def repl(m: re.Match) -> bytes:
        return m.group(1) + FIXED_DATE.ljust(len(m.group(2)))[:len(m.group(2))] + b")"
    return re.sub(rb"(/(?:CreationDate|ModDate) ?\()(D:[^)]*)\)", repl, pdf)


# --------------------------------------------------------------------------- reportlab

NO_LINE_START = set("，。、；：？！）》」』〕】”’…%·—,.;:?!)")
NO_LINE_END = set("（《「『〔【“‘(")
_UNIT = re.compile(r"[A-Za-z0-9.%/\-]+|.", re.S)


@dataclass
class Layout:
    page: tuple[float, float]            # width, height in points
    margins: tuple[float, float, float, float]   # top, right, bottom, left
    size: float                          # body font size
    leading: float
    title_size: float
    fonts: dict                          # body / heading / title → registered font name
    header: str
    header_size: float
    footer_size: float
    furniture_first: bool = False        # draw the page number before the text (else after it)


def _mm(x: float) -> float:
    return x * 72 / 25.4


def _cff_to_ttf(path: Path, family: str, chars: set[str]) -> bytes:
    """The glyphs of `chars` from one font of a CFF-flavoured .ttc (Noto CJK), as a TrueType
    font reportlab can embed: subset with fontTools, cubic outlines turned quadratic (cu2qu)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, TTFont, newTable

    index = next(i for i, f in enumerate(TTCollection(str(path)).fonts) if f["name"].getDebugName(1) == family)
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)   # keep head.modified: same bytes each run
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = True
    opts.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for a in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
              "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, a, 0)
    font["post"].formatType = 3.0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


class Typesetter:
    """A small page-layout engine: greedy line breaking with kinsoku (，。、）》” never open a line,
    （《“ never end one, digit and Latin runs never split), full lines justified by character
    spacing (Tc), paragraphs opened by two U+3000 spaces in the text itself."""

    def __init__(self, path: Path, lay: Layout):
        from reportlab.pdfgen import canvas

        self.lay = lay
        self.c = canvas.Canvas(str(path), pagesize=lay.page, invariant=1, pageCompression=1)
        self.width = lay.page[0] - lay.margins[1] - lay.margins[3]
        self.left = lay.margins[3]
        self.top = lay.page[1] - lay.margins[0]
        self.bottom = lay.margins[2]
        self.page_no = 0
        self.y = self.top                 # the bottom of the last line set (no page yet: page_no 0)

    # -- measuring and breaking
    def w(self, s: str, font: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(s, font, size)

    def break_lines(self, text: str, font: str, size: float, width: float) -> list[tuple[str, bool]]:
        """(line, full) pairs; full lines get justified."""
        units = _UNIT.findall(text)
        lines: list[tuple[str, bool]] = []
        cur: list[str] = []
        cur_w = 0.0
        i = 0
        while i < len(units):
            u = units[i]
            uw = self.w(u, font, size)
            if not cur or cur_w + uw <= width + 0.01:
                cur.append(u)
                cur_w += uw
                i += 1
                continue
            if u[0] in NO_LINE_START:
                j = i                          # the run of punctuation that may not open a line (》、)
                while j < len(units) and units[j][0] in NO_LINE_START:
                    j += 1
                if cur_w + sum(self.w(x, font, size) for x in units[i:j]) <= width + 0.6 * size:
                    cur.extend(units[i:j])     # squeezed in: the punctuation stays on its line
                    i = j
                else:
                    while len(cur) > 1:        # carry the last word over with the punctuation
                        x = cur.pop()
                        i -= 1
                        if x[0] not in NO_LINE_START:
                            break
            while len(cur) > 1 and cur[-1][-1] in NO_LINE_END:
                cur.pop()
                i -= 1
            lines.append(("".join(cur), True))
            cur, cur_w = [], 0.0
        if cur:
            lines.append(("".join(cur), False))
        return lines

    # -- pages
    def new_page(self) -> None:
        if self.page_no:
            self.c.showPage()
        self.page_no += 1
        self.y = self.top
        lay, c = self.lay, self.c
        # running header: the office's name, a rule under it
        c.setFont(lay.fonts["body"], lay.header_size)
        hy = lay.page[1] - lay.margins[0] + 0.9 * lay.leading
        c.drawCentredString(lay.page[0] / 2, hy, lay.header)
        c.setLineWidth(0.6)
        c.line(self.left, hy - 4, self.left + self.width, hy - 4)
        if lay.furniture_first:
            self.page_number()

    def page_number(self) -> None:
        lay, c = self.lay, self.c
        c.setFont(lay.fonts["body"], lay.footer_size)
        c.drawCentredString(lay.page[0] / 2, lay.margins[2] - 1.6 * lay.footer_size, f"- {self.page_no} -")

    def finish_page(self) -> None:
        if not self.lay.furniture_first:
            self.page_number()

    def room(self, n: int, leading: float) -> None:
        if not self.page_no:
            self.new_page()
        elif self.y - n * leading < self.bottom - 0.01:
            self.finish_page()
            self.new_page()

    def line(self, text: str, font: str, size: float, leading: float, x: float, justify_to: float | None) -> None:
        self.room(1, leading)
        self.y -= leading
        baseline = self.y + (leading - size) / 2 + 0.12 * size
        t = self.c.beginText(x, baseline)
        t.setFont(font, size)
        if justify_to is not None and len(text) > 1:
            t.setCharSpace((justify_to - self.w(text, font, size)) / (len(text) - 1))
        t.textOut(text)
        self.c.drawText(t)

    def skip(self, n: float) -> None:
        if self.page_no:
            self.y -= n * self.lay.leading

    # -- blocks
    def block(self, b: Block) -> None:
        lay = self.lay
        size, lead = lay.size, lay.leading
        if b.kind == "title":
            ts = lay.title_size
            tl = ts * 1.55
            self.room(len(b.lines) + 2, tl)
            if self.y < self.top - 1:
                self.skip(1)
            for ln in b.lines:
                for part, _ in self.break_lines(ln, lay.fonts["title"], ts, self.width):
                    pw = self.w(part, lay.fonts["title"], ts)
                    self.line(part, lay.fonts["title"], ts, tl, self.left + (self.width - pw) / 2, None)
            self.skip(1)
            return
        if b.kind == "sign":
            sig, date = b.lines
            f = lay.fonts["body"]
            sw, dw = self.w(sig, f, size), self.w(date, f, size)
            # GB/T 9704 (unsealed): signature right-spaced two characters, the date starting two
            # characters right of the signature's first one; a longer date right-spaced two.
            right = self.left + self.width - 2 * size
            if 2 * size + dw <= sw:
                sx, dx = right - sw, right - sw + 2 * size
            else:
                dx = right - dw
                sx = dx - 2 * size
            self.skip(2)
            self.room(2, lead)
            self.line(sig, f, size, lead, sx, None)
            self.line(date, f, size, lead, dx, None)
            self.skip(2)
            return
        font = lay.fonts["heading"] if b.kind == "heading" else lay.fonts["body"]
        text = b.lines[0] if b.kind == "addressee" else "\u3000\u3000" + b.lines[0]
        lines = self.break_lines(text, font, size, self.width)
        if b.kind in ("heading", "subheading"):
            self.room(len(lines) + 1, lead)    # keep with the next line
        for part, full in lines:
            self.line(part, font, size, lead, self.left, self.width if full else None)

    def save(self, title: str) -> None:
        self.finish_page()
        self.c.setTitle(title)
        self.c.setAuthor("")
        self.c.setCreator("policygraph tools/make_pdf_fixtures.py")
        self.c.save()


def reportlab_pdf(blocks: list[Block], lay: Layout, out: Path, title: str) -> None:
    ts = Typesetter(out, lay)
    for b in blocks:
        ts.block(b)
    ts.save(title)


def layout_004() -> Layout:
    """16K page, STSong-Light (Adobe-GB1 CID font, not embedded), 14 pt on a 25 pt grid."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return Layout(page=(_mm(184), _mm(260)), margins=(_mm(28), _mm(20), _mm(24), _mm(22)), size=14, leading=25,
                  title_size=18, fonts={"body": "STSong-Light", "heading": "STSong-Light", "title": "STSong-Light"},
                  header="佛山市人民政府办公室", header_size=10.5, footer_size=12)


def layout_000(blocks: list[Block]) -> Layout:
    """A4 with narrow margins, Noto Serif CJK SC body and Noto Sans CJK SC headings embedded as
    TrueType subsets, 13 pt on a 23 pt grid."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    header = "佛山市人民政府办公室"
    chars = set("".join(x for b in blocks for x in b.lines)) | set(header) | set("\u3000- 0123456789")
    for name, file, family in (("PGSerifSC", "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
                               ("PGSansSC", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
                               ("PGSerifSCBold", "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC")):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(_cff_to_ttf(NOTO / file, family, chars))))
    return Layout(page=(_mm(210), _mm(297)), margins=(_mm(30), _mm(22), _mm(27), _mm(24)), size=13, leading=23,
                  title_size=20, fonts={"body": "PGSerifSC", "heading": "PGSansSC", "title": "PGSerifSCBold"},
                  header=header, header_size=10.5, footer_size=11, furniture_first=True)


# --------------------------------------------------------------------------- main

def build(name: str, keep_html: Path | None) -> Path:
    out = OUT / f"{name}.pdf"
    if name == "pdf_000_chromium":
        chromium_pdf(html_000(doc_000()), out, keep_html, WEBFONTS_000)
    elif name == "pdf_002_chromium":
        chromium_pdf(html_002(doc_002()), out, keep_html)
    elif name == "pdf_004_reportlab":
        blocks = doc_004()
        reportlab_pdf(blocks, layout_004(), out, "".join(blocks[4].lines))
    elif name == "pdf_000_reportlab":
        blocks = doc_000()
        reportlab_pdf(blocks, layout_000(blocks), out, blocks[3].lines[0])
    else:
        raise SystemExit(f"unknown fixture {name}")
    return out


NAMES = ("pdf_000_chromium", "pdf_002_chromium", "pdf_004_reportlab", "pdf_000_reportlab")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--only", nargs="*", choices=NAMES, help="build only these")
    ap.add_argument("--keep-html", type=Path, help="also keep the HTML pages given to Chromium here")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    import pypdfium2 as pdfium

    for name in args.only or NAMES:
        out = build(name, args.keep_html)
        pdf = pdfium.PdfDocument(str(out))
        pages = len(pdf)
        pdf.close()
        print(f"{out.relative_to(ROOT)}: {pages} pages, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
