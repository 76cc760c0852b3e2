"""Policy metadata: title, issuer, date, document number, jurisdiction, level, status."""
from __future__ import annotations

import re
from datetime import date

from ..base import jurisdictions as J
from .references import find_doc_numbers
from .structure import DATE_LINE, OPENING, ORG_LINE, Line, is_debris

DRAFT = re.compile(r"征求意见稿|送审稿|讨论稿|草案|试行稿|\(草稿\)")
FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
PUBLISHED = re.compile(r"(?:发布时间|发布日期|成文日期)\s*:\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")


def parse_date(s: str) -> str | None:
    """'2016年10月12日', '2016-10-10 15:05', and the damaged '2016918' → ISO date."""
    s = s.strip()
    for pat in (FULL_DATE, ISO_DATE):
        m = pat.search(s)
        if m:
            return _iso(*m.groups())
    m = re.fullmatch(r"((?:19|20)\d{2})(\d{2,4})", s)
    if m:
        # Lost 年/月/日: the rest is month+day; try the readings in order and keep the valid one.
        y, rest = m.groups()
        for k in ((2, 1) if len(rest) == 4 else (1, 2)):
            iso = _iso(y, rest[:k], rest[k:]) if len(rest) > k else None
            if iso:
                return iso
    return None


def _iso(y, m, d) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except (ValueError, TypeError):
        return None


def is_title_line(t: str) -> bool:
    if not t or len(t) > 80 or DATE_LINE.match(t) or t.endswith((":", "。")):
        return False
    if "," in t or ";" in t or "。" in t:
        return False
    nums = find_doc_numbers(t)
    if nums and len(t) <= len(nums[0][0]) + 4:
        return False
    if ORG_LINE.match(t) and "关于" not in t and not re.search(r"(方案|计划|意见|纲要|办法|规划|通知|决定)$", t):
        return False
    return True


def find_title(lines: list[Line], opening: int | None, first: int) -> tuple[str | None, bool, int | None]:
    """(title, is_draft, index of the first title line). Reads upward from the opening sentence."""
    stop = opening if opening is not None else first
    parts: list[str] = []
    draft = False
    top = None
    i = stop - 1
    while i >= 0 and len(parts) < 4:
        t = lines[i].text
        if not t or is_debris(lines[i]):
            i -= 1
            continue
        if DRAFT.search(t) and re.fullmatch(r"\(?\s*(征求意见稿|送审稿|讨论稿|草案)\s*\)?", t):
            draft = True
            i -= 1
            continue
        if not parts and (ADDRESSEE.match(t) or is_doc_number_line(t)):
            # Between the title and the text: the addressees and the 文号 (国发〔2018〕39号).
            i -= 1
            continue
        if not is_title_line(t):
            break
        parts.insert(0, t)
        top = i
        i -= 1
    title = "".join(parts) if parts else None
    if title and DRAFT.search(title):
        draft = True
        title = re.sub(r"\(\s*(征求意见稿|送审稿|讨论稿|草案)\s*\)", "", title).strip()
    return title, draft, top


# The addressee line under a title: 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
ADDRESSEE = re.compile(r"^[\u4e00-\u9fff、,()]{2,80}"
                       r"(?:人民政府|政府|部门|单位|机构|各部委|党委|办公室|委员会|局|厅)\s*[:：]$")
# 就推进我市民主法治建设提出以下实施意见 / 现就加快…工作通知如下: what the document is about.
_ABOUT = re.compile(r"(?:^|[,，。;；]|现|特|拟)就(.{2,40}?)(?:有关事项|有关问题|问题|工作)?"
                    r"(?:提出|制定|作出|通知)(?:以下|如下)?([\u4e00-\u9fff]{0,6}?)[:：。]?$")


def is_doc_number_line(t: str) -> bool:
    nums = find_doc_numbers(t)
    return bool(nums) and len(t) <= len(nums[0][0]) + 4


def derive_title(opening_text: str, issuer: str | None) -> str | None:
    """For a document with no title line: issuer + 关于 + what its opening says it is about + its
    kind (意见, 实施方案 …) — never the title of a policy it cites."""
    if not opening_text:
        return None
    m = _ABOUT.search(opening_text.rstrip(":：。 "))
    if m and m.group(1):
        purpose = re.sub(r"全省|我省|全市|我市|全区|我区|全县|我县", "", m.group(1))
        return f"{issuer or ''}关于{purpose}的{m.group(2) or '意见'}"
    body = re.sub(r"^(为了?|为进一步)", "", opening_text)
    clauses = [c for c in re.split(r"[,。;]", body) if c]
    parts: list[str] = []
    for c in clauses[:2]:
        if re.match(r"(根据|按照|依据|经|结合|现|特|提出|制定|制订)", c):
            break
        if "《" in c or re.match(r"(深入|认真|全面)?贯彻", c):
            continue            # what it implements, not what it is about
        parts.append(re.sub(r"全省|我省|全市|我市", "", c))
    kind = None
    m = re.search(r"(?:提出以下|提出如下|制定本|制订本|特制定|现就.*?提出如下)([\u4e00-\u9fff]{2,6}?)[:。,]?$",
                  opening_text.rstrip(":。 "))
    if m:
        kind = m.group(1)
    kind = kind or "意见"
    if not parts:
        return None
    return f"{issuer or ''}关于{''.join(parts)}的{kind}"


def expand_issuer(name: str, juris: J.Jurisdiction | None) -> str:
    """省府办公厅 → 广东省人民政府办公厅 in a Guangdong document."""
    name = re.sub(r"^(省|市)府", r"\1人民政府", name)
    name = re.sub(r"^(省|市)政府(?!.*人民)", r"\1人民政府", name)
    if juris and name[:1] in "省市" and juris.level in ("provincial", "municipal"):
        if (name[0] == "省") == (juris.level == "provincial"):
            return juris.name + name[1:]
        if name[0] == "省" and juris.province:
            return juris.province + name[1:]
    return name


def wrapper_start(lines: list[Line], hi: int, count: int = 6) -> int:
    """Index such that lines[index:hi] holds the last `count` non-blank lines before hi."""
    i, seen = hi, 0
    while i > 0 and seen < count:
        i -= 1
        if lines[i].text:
            seen += 1
    return i


def signature(lines: list[Line], lo: int, hi: int) -> tuple[list[str], str | None]:
    """Issuer names and a date from a run of signature lines in lines[lo:hi]."""
    orgs, when = [], None
    for ln in lines[lo:hi]:
        t = ln.text
        if not t or is_debris(ln):
            continue
        if ORG_LINE.match(t) and len(t) <= 30:
            orgs.append(t)
        elif DATE_LINE.match(t):
            when = when or parse_date(t)
    return orgs, when


def own_doc_number(lines: list[Line], upto: int) -> str | None:
    """A line before the text that is only a document number: above the title (粤府办〔2015〕43号
    in the red header) or under it (国发〔2018〕39号)."""
    for ln in lines[:upto]:
        if is_doc_number_line(ln.text):
            return find_doc_numbers(ln.text)[0][0]
    return None


def published(lines: list[Line]) -> str | None:
    for ln in lines:
        m = PUBLISHED.search(ln.text)
        if m:
            return _iso(*m.groups())
    return None


def jurisdiction_of(issuers: list[str], title: str | None, body: str) -> J.Jurisdiction | None:
    """Explicit places in the issuer first, then the title, then the most named place in the text."""
    for source in (issuers, [title or ""]):
        found = [j for s in source for j, _ in J.find_places(s) if j.level != "national"]
        if found:
            cities = [j for j in found if j.level == "municipal"]
            return cities[0] if cities else found[0]
    counts: dict[str, int] = {}
    for j, _ in J.find_places(body):
        if j.level != "national":
            counts[j.name] = counts.get(j.name, 0) + 1
    if not counts:
        return None
    we_city = body.count("我市") + body.count("全市")
    we_prov = body.count("我省") + body.count("全省")
    ranked = sorted(counts, key=lambda n: -counts[n])
    if we_city > we_prov:
        city_names = [n for n in ranked if getattr(J.get(n), "level", None) == "municipal"]
        if city_names:
            return J.get(city_names[0])
    return J.get(ranked[0])


NATIONAL_ISSUER = re.compile(r"^(?:国务院|中共中央|国家|中央|全国人大|最高人民)")


def level_of(juris: J.Jurisdiction | None, issuers: list[str]) -> str:
    if any(NATIONAL_ISSUER.match(i) for i in issuers):
        return "national"
    if juris is None:
        return "provincial"
    if juris.level == "national":
        return "national"
    return juris.level


__all__ = ["parse_date", "find_title", "derive_title", "expand_issuer", "signature", "own_doc_number",
           "published", "jurisdiction_of", "level_of", "DRAFT", "OPENING"]
