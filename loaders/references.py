"""Policy references: 《titles》 (with nested 〈〉), document numbers, and the opening sentence's IMPLEMENTS."""
from __future__ import annotations

import re

# A document number: issuer code + 〔year〕 + serial + 号, brackets in any of their usual forms.
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,10}?)\s*[〔\[［【(（{]\s*((?:19|20)\d{2})\s*[〕\]］】)）}]\s*(\d{1,4})\s*号"
)
# Damaged: the closing bracket was lost in conversion, the serial runs into the year: 粤发〔20169号.
DOC_NUMBER_DAMAGED = re.compile(r"([\u4e00-\u9fff]{1,10}?)\s*[〔\[［【(（{]\s*((?:19|20)\d{2})(\d{1,4})\s*号")


def normalize_doc_number(s: str | None) -> str | None:
    if not s:
        return None
    m = DOC_NUMBER.search(s) or DOC_NUMBER_DAMAGED.search(s)
    if not m:
        return None
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"


def find_doc_numbers(text: str) -> list[tuple[str, int, int]]:
    """(normalised number, start, end) for every document number, damaged ones included."""
    out, taken = [], []
    for pat in (DOC_NUMBER, DOC_NUMBER_DAMAGED):
        for m in pat.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            issuer = _trim_issuer(m.group(1))
            start = m.end(1) - len(issuer)
            out.append((f"{issuer}〔{m.group(2)}〕{int(m.group(3))}号", start, m.end()))
            taken.append((start, m.end()))
    return sorted(out, key=lambda t: t[1])


_ISSUER_CODE = re.compile(r"(?:[国中省市县区]?[\u4e00-\u9fff]{0,3}?(?:发|函|字|办|令|通|规|告|密|电|明电|综|办发|办函|府|委))$")


def _trim_issuer(code: str) -> str:
    # The lazy group can swallow text before the code ("…的通知》(国办发"): keep the tail that
    # looks like an issuer code — at most 6 characters after the last non-code boundary.
    code = re.split(r"[,、。;:\s《》()〈〉“”]", code)[-1]
    code = code[-6:] if len(code) > 6 else code
    return re.sub(r"^(?:[见按照据依根和及与的于在将对由是经印发号文件])+", "", code) or code


def find_titles(text: str) -> list[tuple[str, int, int]]:
    """Every top-level 《…》 with nested marks kept as 〈〉: (title, start, end)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != "《":
            i += 1
            continue
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
        for dn, s, e in nums:
            # Attached when only a bracket (or nothing) separates title and number.
            if 0 <= s - b <= 2 and re.fullmatch(r"[\s(（]*", text[b:s]):
                num = dn
                break
        refs.append({"title": title, "doc_number": num, "start": a, "end": b})
    return refs


def title_key(title: str) -> str:
    """What makes two citations of one policy equal: no marks, brackets or spaces."""
    return re.sub(r"[\s《》〈〉<>()\[\]【】“”\"',、·:：]", "", title)


_RUN_YEARS = re.compile(r"((?:19|20)\d{2})((?:19|20)\d{2})(?=年)")


def repair_year_range(s: str) -> str:
    """A lost dash between consecutive years: 20152016年度 → 2015-2016年度."""
    return _RUN_YEARS.sub(lambda m: f"{m.group(1)}-{m.group(2)}" if 0 < int(m.group(2)) - int(m.group(1)) <= 10 else m.group(0), s)
