"""Quantitative targets in task text: ``到2017年,…合格率稳定在93%以上`` → indicator, value, comparator, year."""
from __future__ import annotations

import re

_BASE_UNITS = (r"个百分点|%|‰|元|人次|人|户|吨|亩|平方公里|平方米|立方米|公里|千米|微克/立方米|家|个|项|件|所|座|条|份|"
               r"台|套|名|次|天|小时|倍|种|类|批|处|级|分|场|期|届|支|位|辆|张|篇|门|公顷|千瓦|兆瓦|美元")
UNITS = rf"(?:万亿|万|亿)?(?:{_BASE_UNITS})|万亿|万|亿"
NUMBER = r"\d+(?:\.\d+)?"
VALUE = re.compile(rf"({NUMBER})\s*({UNITS})?")

# Goal wording around a value; comparator >=, <=, = or ~.
AFTER_GE = re.compile(r"^\s*(以上|及以上|以上的?)")
AFTER_LE = re.compile(r"^\s*(以下|以内|及以下)")
AFTER_APPROX = re.compile(r"^\s*左右")
BEFORE = re.compile(
    r"(稳定在|保持在|控制在|保持|提高到|提升到|提高至|提升至|增加到|增长到|降低到|降至|下降到|下降至|达到|达|力争|不低于|不少于|"
    r"超过|突破|超|不超过|不高于|低于|高于|新增|累计|建成|培育|创建|增长|提高|下降|为|至|到)\s*$"
)
LE_WORDS = ("控制在", "不超过", "不高于", "低于", "降低到", "降至", "下降到", "下降至")
GE_WORDS = ("不低于", "不少于", "超过", "突破", "超", "高于")

# A count right after a goal verb is a target even without 以上: 培育…产品120个, 累计推动1万家….
VERB_LED = re.compile(r"(推动|培育|新增|建成|建设|创建|打造|新建|累计|争创|认定|引进|组建|设立|扶持|制定|主导|发布|"
                      r"参与制修订|制修订|获得|评选|选树|树立|通过)[^,;。、]{0,24}$|^(培育|创建|建成|新建|打造|争创|认定|树立|选树)")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!度)")   # 到2017年, 2017 年; not 2017年度
FRAGMENT_SPLIT = re.compile(r"[,;。:]")
LEAD_NOISE = re.compile(r"^(?:[和及与、]|到(?:19|20)\d{2}年|(?:19|20)\d{2}年"
                        r"|全省|全市|我省|我市|全县|全区|其中|力争|确保|同时|基本|实现|各类)+")


def _comparator(before: str, after: str) -> str:
    if AFTER_GE.match(after):
        return ">="
    if AFTER_LE.match(after):
        return "<="
    if AFTER_APPROX.match(after):
        return "~"
    if before.endswith(LE_WORDS):
        return "<="
    if before.endswith(GE_WORDS):
        return ">="
    return "="


_DIGIT = re.compile(r"\d")
_THRESHOLD = re.compile(r"(?:超过|过|低于|高于|不低于|不少于|不超过|最高|最低|达到|达)\s*$")
_ENDS_DIGIT = re.compile(r"\d$")
_RATE_END = re.compile(r"(率|比重|占比)$")
_MEASURE_END = re.compile(r"(率|度|指数|比重|占比|得分|分)$")
_AFTER_WORD = re.compile(r"^(?:以上|及以上|以下|以内|左右)")
_LIST_START = re.compile(r"[\d、和及与]")
_VERB_FROM = re.compile(r"^.*?(新增|培育|创建|建成|建设)")
_GOAL_TAIL_WORDS = ("稳定在", "保持在", "控制在", "保持", "力争", "达到", "达", "不低于", "不少于", "超过",
                    "在", "为", "要", "均")
_GOAL_TAIL = re.compile("(?:" + "|".join(_GOAL_TAIL_WORDS) + ")+$")
_PREV_VALUE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|家|个|项)?(?:以上|以下)?[、和及]")
_GOAL_WORD_MAX = 3   # the longest word in BEFORE


def _goal_tail_start(before: str) -> int:
    # BEFORE is anchored at the end and its words are at most 3 characters, so only the last
    # few characters (after trailing space) can match; searching the whole fragment is wasted.
    return max(0, len(before.rstrip()) - _GOAL_WORD_MAX)


def _goal_word(before: str) -> re.Match | None:
    return BEFORE.search(before, _goal_tail_start(before))


def _strip_goal_word(before: str) -> str:
    k = _goal_tail_start(before)
    return before[:k] + BEFORE.sub("", before[k:])


def find_targets(text: str) -> list[dict]:
    out: list[dict] = []
    years = None       # (end, year) of every "2017年" in the text, read once when a target needs it
    if not _DIGIT.search(text):
        return out
    # Values are read in their fragment (between , ; 。 :). A value never spans a separator, so
    # the values of the whole text are those of its fragments; fragments without one cost nothing.
    frag_end = -1
    for value in VALUE.finditer(text):
        if value.start() > frag_end:
            # A new fragment: from the separator before this value to the one after it.
            base = max(text.rfind(",", 0, value.start()), text.rfind(";", 0, value.start()),
                       text.rfind("。", 0, value.start()), text.rfind(":", 0, value.start())) + 1
            cut = FRAGMENT_SPLIT.search(text, value.end())
            frag_end = cut.start() if cut else len(text)
            frag = text[base:frag_end]
            frag_is_condition = frag.rstrip().endswith("的")
            prev_end = None     # end of the previous target in this fragment: 5家、省级…500家 continue a list
        ms, me = value.start() - base, value.end() - base
        num, unit = value.group(1), value.group(2) or ""
        before, after = frag[:ms], frag[me:]
        if _ENDS_DIGIT.search(before) or (not unit and after[:1] == "年") \
                or unit == "" and not AFTER_GE.match(after) and not _goal_word(before):
            continue
        if (after[:1] and after[:1] in "年月日") or (unit in ("个", "") and after.startswith("百分点")):
            continue
        if frag_is_condition or (after[:1] == "的" and _THRESHOLD.search(before)):
            # 最高不超过15万元的贷款, 超过100人的企业: a value describing something, not a goal;
            # …达到25%并签订1年以上劳动合同的, 可申请: the condition of an entitlement.
            continue
        goal = AFTER_GE.match(after) or AFTER_LE.match(after) or AFTER_APPROX.match(after) or _goal_word(before)
        verb_led = bool(unit and VERB_LED.search(before) and not before.endswith("等"))
        rate = unit == "%" and (_RATE_END.search(before) or after.startswith(("全覆盖", "覆盖")))
        listed = bool(unit and prev_end is not None and "、" in frag[prev_end:ms]
                      and not _DIGIT.search(frag[prev_end:ms]))
        verb_led = verb_led or listed
        if not (goal or verb_led or rate):
            continue
        if not unit and not _MEASURE_END.search(_strip_goal_word(before).strip()):
            continue
        indicator = _indicator(before)
        tail = _AFTER_WORD.sub("", after).strip()
        if (verb_led or not indicator) and tail and not _LIST_START.match(tail):
            indicator = (indicator + tail) if indicator else _VERB_FROM.sub(r"\1", before) + tail
        if not indicator:
            continue
        if years is None:
            years = [(y.end(), int(y.group(1))) for y in YEAR.finditer(text)]
        year = None
        for end, y in years:
            if end > base + ms:
                break
            year = y
        prev_end = me
        out.append({
            "text": frag.strip(),
            "indicator": indicator,
            "value": f"{num}{unit}",
            "number": float(num),
            "unit": unit,
            "comparator": _comparator(before, after),
            "year": year,
            "offset": base + ms,
        })
    return out


def _indicator(before: str) -> str:
    s = _strip_goal_word(before).strip()
    if s.endswith(_GOAL_TAIL_WORDS):       # the end-anchored regex would be tried at every position
        s = _GOAL_TAIL.sub("", s).strip()
    s = LEAD_NOISE.sub("", s).strip()
    # A previous value in the same fragment ("…94%以上、食品…"): keep only what follows it.
    s = _PREV_VALUE.split(s)[-1]
    return s.strip(" 、")


FIVE_YEAR = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_CONTEXT_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d{2})\s*年|(十一五|十二五|十三五|十四五|十五五)")


def context_year(text: str) -> int | None:
    """The target year a section's lead-in states for what follows (“十三五”期间 → 2020; 到2025年)."""
    year = None
    for m in _CONTEXT_YEAR.finditer(text or ""):
        year = int(m.group(1)) if m.group(1) else FIVE_YEAR[m.group(2)]
    return year
