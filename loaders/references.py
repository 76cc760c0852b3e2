"""Policy references: 《titles》 (with nested 〈〉), document numbers, and the opening sentence's IMPLEMENTS."""
from __future__ import annotations

import re

# A document number: issuer code + 〔year〕 + serial + 号, brackets in any of their usual forms.
# Anchored on the bracket and year (cheap to find); the issuer code is read backwards from there.
_OPEN = "〔[［【(（{"
_CLOSE = "〕]］】)）}"
_NUM_TAIL = re.compile(
    r"[〔\[［【(（{]\s*((?:19|20)\d{2})\s*(?:[〕\]］】)）}]\s*(\d{1,4})|(\d{1,4}))\s*号"
)
_CJK = re.compile(r"[\u4e00-\u9fff]{1,10}$")


def _parse_numbers(text: str):
    for m in _NUM_TAIL.finditer(text):
        head = _CJK.search(text, max(0, m.start() - 12), m.start())
        if not head:
            continue
        issuer = _trim_issuer(head.group(0))
        if not issuer:
            continue
        serial = m.group(2) or m.group(3)
        yield f"{issuer}〔{m.group(1)}〕{int(serial)}号", m.start() - len(issuer), m.end()


def normalize_doc_number(s: str | None) -> str | None:
    if not s:
        return None
    for num, _, _ in _parse_numbers(s):
        return num
    return None


def find_doc_numbers(text: str) -> list[tuple[str, int, int]]:
    """(normalised number, start, end) for every document number, damaged ones included."""
    return list(_parse_numbers(text))


_ISSUER_CODE = re.compile(r"(?:[国中省市县区]?[\u4e00-\u9fff]{0,3}?"
                          r"(?:发|函|字|办|令|通|规|告|密|电|明电|综|办发|办函|府|委))$")


def _trim_issuer(code: str) -> str:
    # The lazy group can swallow text before the code ("…的通知》(国办发"): keep the tail that
    # looks like an issuer code — at most 6 characters after the last non-code boundary.
    code = code[-6:] if len(code) > 6 else code
    return re.sub(r"^(?:[见按照据依根和及与的于在将对由是经印发号文件])+", "", code) or code


def find_titles(text: str) -> list[tuple[str, int, int]]:
    """Every top-level 《…》 with nested marks kept as 〈〉: (title, start, end)."""
    out = []
    i, n = 0, len(text)
    while True:
        i = text.find("《", i)
        if i < 0:
            break
        depth, j = 0, i
        while j < n:
            c = text[j]
            if c in "《〈<":
                depth += 1
            elif c in "》〉>":
                depth -= 1
                if depth == 0:
                    break
            elif c == "\n":
                break
            j += 1
        if j >= n or text[j] != "》" or depth != 0:
            i += 1
            continue
        inner = text[i + 1:j]
        inner = repair_year_range(inner).replace("《", "〈").replace("》", "〉").replace("<", "〈").replace(">", "〉")
        out.append((inner.strip(), i, j + 1))
        i = j + 1
    return out


def references(text: str) -> list[dict]:
    """Titles with the document number that follows them (``《…》(国办发〔2016〕18号)``)."""
    nums = find_doc_numbers(text)
    refs = []
    for title, a, b in find_titles(text):
        num = None
        for dn, s, _ in nums:
            # Attached when only a bracket (or nothing) separates title and number.
            if 0 <= s - b <= 2 and re.fullmatch(r"[\s(（]*", text[b:s]):
                num = dn
                break
        refs.append({"title": title, "doc_number": num, "start": a, "end": b})
    return refs


def citation_key(title: str | None) -> str:
    """What makes two citations in one document the same citation: the text without marks,
    brackets or spaces. Finer than base.text.title_key (policy identity), which also drops
    the 关于印发…的通知 wrapper: a document that cites both the notice and the policy it
    transmits lists both, and the graph makes them one node.
    """
    return re.sub(r"[\s《》〈〉<>()\[\]【】“”\"',、·:：]", "", title or "")


_RUN_YEARS = re.compile(r"((?:19|20)\d{2})((?:19|20)\d{2})(?=年)")


def repair_year_range(s: str) -> str:
    """A lost dash between consecutive years: 20152016年度 → 2015-2016年度."""
    def dash(m: re.Match) -> str:
        return f"{m.group(1)}-{m.group(2)}" if 0 < int(m.group(2)) - int(m.group(1)) <= 10 else m.group(0)
    return _RUN_YEARS.sub(dash, s)


NATIONAL_CODES = re.compile(r"^(?:国|中|质检|国质检)")
NATIONAL_TITLE = re.compile(r"^(?:国务院|中共中央|中央|国家|全国|质检总局|国家质检总局|工业和信息化部|商务部"
                            r"|〈?中国制造2025〉?$)")


def origin(title: str | None, doc_number: str | None) -> tuple[str | None, str | None]:
    """(jurisdiction, level) of a referenced policy from its number's issuer code or its title."""
    from ..base import jurisdictions as J

    if doc_number:
        code = doc_number.split("〔", 1)[0]
        if NATIONAL_CODES.match(code):
            return "中国", "national"
        j = J.by_abbr(code[:1])
        if j is not None:
            return j.name, "provincial"
    if title:
        t = title.lstrip("〈")
        if NATIONAL_TITLE.match(t) or t.startswith("质量发展纲要"):
            return "中国", "national"
        t = re.sub(r"^中共", "", t)
        for j, pos in J.find_places(t[:12]):
            if pos == 0 and j.level != "national":
                return j.name, j.level
    return None, None
