"""Document structure: lines, web debris, the policy body, and its numbered outline.

Numbering styles nest as GB/T 9704 orders them, ``一、`` › ``(一)`` › ``1.`` › ``(1)``, whatever
order they first appear in: a section whose first item is ``1.目标`` and later has ``(一)``
sub-headings nests the ``(一)`` under the section, not under ``1.``. A document that starts at
``(一)`` or skips a level still nests right (an item's parent is the nearest item above it of a
higher style).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

CN_NUM = "一二三四五六七八九十百零〇"

# style name, pattern (on a stripped, normalised line). The number group is what the contract prints.
STYLES: list[tuple[str, re.Pattern]] = [
    ("cn", re.compile(rf"^([{CN_NUM}]+)\s*[、.,]\s*")),
    ("pcn", re.compile(rf"^\(\s*([{CN_NUM}]+)\s*\)\s*[、.]?\s*")),
    ("ar", re.compile(r"^(\d{1,3})\s*[.、](?!\d)\s*")),
    ("par", re.compile(r"^\(\s*(\d{1,3})\s*\)\s*")),
    ("ord", re.compile(rf"^第([{CN_NUM}]+)[,、]\s*")),
]

NUMBER_FORMAT = {"cn": "{}、", "pcn": "({})", "ar": "{}.", "par": "({})", "ord": "第{}、"}
# The rank of each style in the outline (GB/T 9704): 一、 (and 第一、) › (一) › 1. › (1).
RANK = {"cn": 0, "ord": 0, "pcn": 1, "ar": 2, "par": 3}
# 11.121人才梯队项目: item 11, titled 121人才梯队项目 — read so only when 11 is the next number.
_AR_BEFORE_DIGITS = re.compile(r"^(\d{1,3})\s*[.](?=\d)")

# Lines that are web-page furniture, never policy text.
DEBRIS = re.compile(
    r"^(当前位置|您的位置|您现在的位置|首页\s*>|来源\s*:|发布时间\s*:|发布日期\s*:|字号\s*:|分享至|打印|关闭|"
    r"【?\s*(打印|关闭|字体|收藏|返回顶部)|扫一扫|一图解读|图解|部门解读|视频解读|媒体\s*\|?|发布会解读|原文地址|访谈解读|"
    r"政策解读|相关链接|附件\s*:?\s*$|您访问的链接即将离开|是否继续|联系电话\s*:|电子邮箱\s*:|地址\s*:|邮编\s*:|"
    r"索引号|主题分类|发文机关\s*:|成文日期|公开方式|上一篇|下一篇|浏览次数|访问量)"
)

OPENING = re.compile(r"^(为了?|根据|按照|依据|为进一步|为深入|为全面|为加快|为贯彻|为落实|为實施)")
ANNOUNCES = re.compile(r"(?:提出|制定|制订)(?:以下|如下|本)|如下[:：]?$|特制定|现就.{0,40}(?:提出|通知)")
OPENING_END = re.compile(r"(制定|制订|提出|特制定|现提出|拟定|现就|结合.{0,12}实际|如下|以下)")

DATE_LINE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$"
                       r"|^\s*\d{6,8}\s*$|^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")
# After the policy text: (此件公开发布), the 版记 (抄送:…, …2016年9月18日印发), an annex (附件1 / 附件:).
END_MARK = re.compile(r"^(?:\(此件[^)]{0,12}\)|抄送\s*:|主送\s*:|附件\s*\d*\s*[:：]|附件\s*\d*$|附表\s*\d*\s*[:：]?$"
                      r"|.{2,40}?(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{6,8})\s*印发$)")
# Any line that opens an annex (附件, 附件1：…, 附表): what follows is the same document's.
ANNEX_LINE = re.compile(r"^附[件表]")
ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff、()]{2,30}(厅|局|委|办|办公室|办公厅|人民政府|政府|委员会|党委|省委|市委|部|署|小组|院)$"
)


@dataclass(slots=True)
class Line:
    text: str        # stripped, normalised
    start: int       # offset of text[0] in the normalised document
    end: int

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(slots=True)
class Item:
    style: str
    numeral: str
    number: str              # "(一)", "1."
    line: Line
    head: str                # text after the number on its line
    depth: int = 0
    body_lines: list[Line] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None

    @property
    def title(self) -> str:
        t = self.head.split("。", 1)[0]
        return t.rstrip(": ").strip()

    @property
    def inline_rest(self) -> str:
        parts = self.head.split("。", 1)
        return parts[1].strip() if len(parts) == 2 else ""

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"


_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


@functools.lru_cache(maxsize=1024)
def numeral_value(style: str, numeral: str) -> int | None:
    """The number an item's numeral stands for (一 → 1, 二十三 → 23, 12 → 12)."""
    if style in ("ar", "par"):
        return int(numeral)
    total, digit = 0, 0
    for ch in numeral:
        if ch == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif ch == "十":
            total, digit = total + (digit or 1) * 10, 0
        elif ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        else:
            return None
    return total + digit


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        out.append(Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def is_debris(line: Line) -> bool:
    return bool(DEBRIS.match(line.text))


def match_number(text: str) -> tuple[str, str, str] | None:
    """(style, numeral, rest) if the line starts with an outline number."""
    for style, pat in STYLES:
        m = pat.match(text)
        if m:
            rest = text[m.end():]
            if style == "ar" and (not rest or rest[0] in "%‰年月日万亿个项家"):
                return None          # "2016年…", "20%…": a quantity, not an item number
            if style == "cn" and not rest:
                return None
            return style, m.group(1), rest
    return None


def find_body(lines: list[Line]) -> tuple[int, int | None]:
    """(index of the first outline heading, index of the opening sentence line or None)."""
    first = None
    for i, ln in enumerate(lines):
        if ln.text and not is_debris(ln):
            mn = match_number(ln.text)
            if mn and mn[0] in ("cn", "pcn"):
                first = i
                break
    if first is None:
        first = next((i for i, ln in enumerate(lines) if match_number(ln.text)), len(lines))
    opening = None
    for i in range(first - 1, -1, -1):
        t = lines[i].text
        if OPENING.match(t) and (OPENING_END.search(t) or len(t) > 40):
            opening = i
            break
    if opening is None:
        # An opening that starts elsewhere (就业是最大的民生……为此，提出以下意见：): the paragraph
        # right before the outline that announces what follows.
        for i in range(first - 1, -1, -1):
            t = lines[i].text
            if t and not is_debris(lines[i]):
                if len(t) > 8 and ANNOUNCES.search(t):
                    opening = i
                break
    return first, opening


def build_outline(lines: list[Line], start: int,
                  warnings: list[str] | None = None) -> tuple[list[Item], int]:
    """Numbered items from line `start`, with body lines; stops at a signature or end. Returns
    (items, end_line). Numbering that goes backwards among siblings is noted in `warnings`."""
    items: list[Item] = []
    stack: list[Item] = []
    current: Item | None = None
    end = len(lines)
    last_ar = 0                     # arabic numbers may run on across sub-headings (1.–45.)
    last_sibling: dict[tuple, Item] = {}   # (parent, style) → the previous item, for _check_order
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.blank or is_debris(ln):
            continue
        mn = match_number(ln.text)
        if mn is None and last_ar and ln.text[:1].isdigit():
            m = _AR_BEFORE_DIGITS.match(ln.text)
            if m and int(m.group(1)) == last_ar + 1:
                mn = ("ar", m.group(1), ln.text[m.end():])
        if mn:
            style, numeral, rest = mn
            depth = RANK[style]
            if style == "ar":
                last_ar = int(numeral)
            while stack and stack[-1].depth >= depth:
                stack.pop()
            num = NUMBER_FORMAT[style].format(numeral)
            it = Item(style=style, numeral=numeral, number=num, line=ln, head=rest, depth=depth,
                      parent=stack[-1] if stack else None)
            if it.parent:
                it.parent.children.append(it)
            if warnings is not None:
                key = (id(it.parent), style)
                prev = last_sibling.get(key)
                if prev is not None:
                    _check_order(prev, it, warnings)
                last_sibling[key] = it
            items.append(it)
            stack.append(it)
            current = it
            continue
        if items and (DATE_LINE.match(ln.text) or ORG_LINE.match(ln.text) or END_MARK.match(ln.text)):
            end = i                 # signature block, 版记 or annex: the policy text is over
            break
        if current is not None:
            current.body_lines.append(ln)
    return items, end


def _check_order(prev: Item, it: Item, warnings: list[str]) -> None:
    """A number not above the previous one of its style under the same parent goes backwards."""
    a, b = numeral_value(prev.style, prev.numeral), numeral_value(it.style, it.numeral)
    if a is not None and b is not None and b <= a:
        warnings.append(f"numbering goes backwards: {it.number} after {prev.number}; the outline may be wrong there")


# A separate role line after a task: 牵头单位:… / 责任单位:…
LABEL_LINE_RE = re.compile(r"^\s*(牵头单位|牵头部门|责任单位|责任部门|配合单位|参与单位|协办单位)\s*[:：]")
