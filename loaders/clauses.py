"""The responsibility-clause grammar: one place for how the genre assigns agencies to a task.

A clause is the bracketed tail of a task — ``(省质监局牵头,省农业厅、商务厅等单位参与)`` — or a
``牵头单位:…`` line. It is split into groups by ``;`` and ``,`` (never inside nested brackets),
each group ends with a role word (``牵头``, ``按职责分工负责``, ``配合`` …) or starts with a role
label (``牵头单位:``), and a group without either takes the role of the next group that has one.
Names inside a group are split on ``、`` and the level prefix (省/市/县/区) carries to names that
lack one: ``省农业厅、商务厅`` → 省农业厅, 省商务厅.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..base.vocab import IMPLEMENTER, JOINT, LEAD, LIST_KEY, PARTICIPANT

# 负责 alone: one name → lead; several → joint, or the first leads under 列第一位者为牵头 (see _assign).
RESPONSIBLE = "responsible"

# Role words at the END of a group, longest first. role, mode.
ROLE_SUFFIXES: list[tuple[str, str, str]] = [
    ("按职责分工负责", JOINT, "分工负责"),
    ("按照职责分工负责", JOINT, "分工负责"),
    ("按职能分工负责", JOINT, "分工负责"),
    ("分工负责", JOINT, "分工负责"),
    ("共同负责", JOINT, "分工负责"),
    ("牵头负责", LEAD, "牵头"),
    ("负责落实", IMPLEMENTER, "落实"),
    ("抓好落实", IMPLEMENTER, "落实"),
    ("组织落实", IMPLEMENTER, "落实"),
    ("具体落实", IMPLEMENTER, "落实"),
    ("牵头", LEAD, "牵头"),
    ("负责", RESPONSIBLE, "负责"),   # one name → lead; several → joint (see _assign)
    ("参与", PARTICIPANT, "参与"),
    ("参加", PARTICIPANT, "参与"),
    ("配合", PARTICIPANT, "配合"),
    ("协助", PARTICIPANT, "配合"),
    ("协同", PARTICIPANT, "配合"),
    ("落实", IMPLEMENTER, "落实"),
]

# Role labels at the START of a group: 牵头单位:X / 责任单位:X …
ROLE_LABELS: list[tuple[str, str, str]] = [
    ("牵头单位", LEAD, "牵头"), ("牵头部门", LEAD, "牵头"), ("主办单位", LEAD, "牵头"),
    ("牵头", LEAD, "牵头"),
    ("责任单位", RESPONSIBLE, "负责"), ("责任部门", RESPONSIBLE, "负责"),
    ("负责单位", RESPONSIBLE, "负责"), ("承办单位", RESPONSIBLE, "负责"),
    ("配合单位", PARTICIPANT, "配合"), ("配合部门", PARTICIPANT, "配合"),
    ("参与单位", PARTICIPANT, "参与"), ("参与部门", PARTICIPANT, "参与"),
    ("协办单位", PARTICIPANT, "配合"), ("协助单位", PARTICIPANT, "配合"),
    ("落实单位", IMPLEMENTER, "落实"),
]

_LABEL_RE = re.compile(
    r"^(" + "|".join(sorted((re.escape(label) for label, _, _ in ROLE_LABELS), key=len, reverse=True)) + r")\s*[:：]\s*"
)
# An open list's tail: 等, 等单位, 等有关部门和单位 … (not part of a name).
_TAIL = r"等(?:[有相]关)?(?:部门|单位|机构|地区|方面|企业)?(?:[和及与、](?:[有相]关)?(?:部门|单位|机构))?"
_SUFFIX_RE = re.compile(
    r"(?:" + _TAIL + r")?\s*("
    + "|".join(sorted((re.escape(w) for w, _, _ in ROLE_SUFFIXES), key=len, reverse=True))
    + r")\s*$"
)
_ROLE_OF_SUFFIX = {w: (r, m) for w, r, m in ROLE_SUFFIXES}
_SUFFIX_WORDS = tuple(_ROLE_OF_SUFFIX)


def _role_suffix(group: str) -> re.Match | None:
    # The regex is anchored at the end but would be tried at every position; most groups that
    # end in no role word are turned away by one endswith.
    return _SUFFIX_RE.search(group) if group.rstrip().endswith(_SUFFIX_WORDS) else None
_ROLE_OF_LABEL = {w: (r, m) for w, r, m in ROLE_LABELS}

# The rule that the first name listed leads: 列第一位者为牵头单位, 排在第一位的部门为牵头部门,
# 排名第一的为牵头单位, 列首位的为牵头单位 … With 下同 (or stated outside a clause) it holds for
# every later clause of the document too.
FIRST_LEADS = re.compile(r"(?:列|排|排列|排名)?在?(?:第一位|第一个|第一|首位)(?:的|者)?(?:部门|单位)?"
                         r"(?:为|是)牵头(?:部门|单位)?")
SAME_BELOW = re.compile(r"^(?:以下|下文)?(?:均)?同$|^下同$")
# The group before 以下不再列出 applies to every later task (implementers, as the genre uses it).
INHERIT = re.compile(r"以下(?:各项)?(?:任务)?(?:均)?不再(?:一一)?列出")

# Words that show a bracket holds a clause at all.
ROLE_WORDS = re.compile(r"牵头|负责|配合|参与|参加|协助|落实|责任单位|牵头单位|配合单位")

# Agency-name endings: a bracket naming only bodies ("brackets naming only agencies") is a clause.
AGENCY_END = re.compile(
    r"(?:厅|局|委|办|部|院|会|署|处|室|中心|政府|党委|小组|单位|海关|集团|协会|联合会|银行|公司|法院|检察院|总队|支队|团委|团省委|团市委|妇联|工会|科协|工商联)$"
)

OPENERS = "(【[〔"
CLOSERS = ")】]〕"


@dataclass(slots=True)
class Mention:
    surface: str       # as written (normalised text; the caller maps back to original script)
    expanded: str      # level prefix restored
    start: int         # offsets within the clause string
    end: int
    role: str = ""     # lead | joint | participant | implementer
    mode: str = ""

    def as_dict(self) -> dict:
        return {"surface": self.surface, "expanded": self.expanded}


@dataclass(slots=True)
class Clause:
    raw: str
    lead: list[Mention] = field(default_factory=list)
    joint: list[Mention] = field(default_factory=list)
    participants: list[Mention] = field(default_factory=list)
    implementers: list[Mention] = field(default_factory=list)
    inherit: list[Mention] = field(default_factory=list)   # roles that carry to later tasks
    carries_rule: bool = False      # states 列第一位者为牵头单位 with 下同: it holds for later clauses

    def roles(self) -> dict[str, list[Mention]]:
        """Mentions by the extract contract's list keys (base.vocab.LIST_KEY)."""
        return {LIST_KEY[LEAD]: self.lead, LIST_KEY[JOINT]: self.joint,
                LIST_KEY[PARTICIPANT]: self.participants, LIST_KEY[IMPLEMENTER]: self.implementers}

    def empty(self) -> bool:
        return not (self.lead or self.joint or self.participants or self.implementers)


# ---------------------------------------------------------------- splitting

_ANY_BRACKET = re.compile(r"[(【\[〔（)】\]〕）]")


@functools.cache
def _separators(seps: str) -> re.Pattern:
    return re.compile("[" + re.escape(seps) + "]")


def split_top(s: str, seps: str) -> list[tuple[int, int]]:
    """Spans of s split on any char in seps that is not inside brackets."""
    out, start = [], 0
    if not _ANY_BRACKET.search(s):
        # No brackets (most groups): a regex split, no character loop. Separators are one character.
        for part in _separators(seps).split(s):
            end = start + len(part)
            out.append((start, end))
            start = end + 1
        return out
    depth = 0
    for i, ch in enumerate(s):
        if ch in "(【[〔（":
            depth += 1
        elif ch in ")】]〕）":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(s)))
    return out


# 市场监管局 starts with 市 but names no level (市场 = market); likewise 区域, 县域.
LEVEL_PREFIX = re.compile(r"^(省|市(?!场)|县(?!域)|区(?!域)|州|盟|旗|镇|乡)")
# Names that stand on their own and never take a carried prefix.
OWN_PREFIX = re.compile(
    r"^(各|全省|全市|全县|全区|有关|相关|其他|团|中共|中央|国家|国务院|全国|中国|驻|省|市(?!场)|县(?!域)|区(?!域))"
)

_place_prefix_re: re.Pattern | None = None


def set_place_names(names) -> None:
    """Teach the grammar which place names start an agency name (广东出入境检验检疫局, 汕尾海关)."""
    global _place_prefix_re
    names = sorted({n for n in names if n}, key=len, reverse=True)
    _place_prefix_re = re.compile("^(?:" + "|".join(map(re.escape, names)) + ")") if names else None
    _facts.cache_clear()
    _piece.cache_clear()
    parse_clause.cache_clear()


def has_own_prefix(name: str) -> bool:
    if OWN_PREFIX.match(name) or DISTRICT.match(name):
        return True
    if _place_prefix_re is None:
        from ..base.jurisdictions import place_names  # lazy: the gazetteer loads YAML
        set_place_names(place_names())
    return bool(_place_prefix_re and _place_prefix_re.match(name))


def _level_of(name: str) -> str | None:
    m = LEVEL_PREFIX.match(name)
    if not m:
        return None
    # 省委组织部, 市政府办公室 → the carried prefix is the level character itself.
    return m.group(1)


# ---------------------------------------------------------------- parsing

_CONJ = re.compile(r"^(?:和|及|以及|与|由)")
_DROP_TAIL = re.compile("(?:" + _TAIL + ")$")
# A district's or county's own body (越秀区政府, 番禺区, 增城区委): a name that carries its own
# place, so no level prefix is carried to it (not 市越秀区政府).
DISTRICT = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?:区|县|旗)(?:委|人民政府|政府|党委|管委会|委员会)?$")
# Region words that 各 distributes over: 各区、县级市 → 各区, 各县级市.
REGION_WORD = re.compile(r"^(?:地级以上市|县级市|市州|市|县|区|镇|乡|街道|乡镇)$")


REGION_ONLY = re.compile(r"^各(?:地级以上市|县级市|市州|市|县|区|镇|乡|地)$")
COLLECTIVE_HEAD = re.compile(r"^(各[^、]*?(?:\([^)]*\))?)(?=党委|人民政府|政府|管委会)")
GOV_BODY = re.compile(r"^(?:党委|人民政府|政府|管委会)")
GOV_TAIL = re.compile(r"(人民政府|政府|党委)(?:\([^)]*\))?$")


@dataclass(frozen=True)
class _NameFacts:
    """What the prefix rules need to know about one name, worked out once per distinct name."""
    level: str | None          # its own level prefix (省/市/县 …)
    region_only: bool          # 各区 / 各县级市 with the body in the next item
    collective_head: str | None  # 各县(市、区) in 各县(市、区)党委
    gov_body: bool             # starts 党委/人民政府/政府/管委会
    own_prefix: bool           # stands on its own (各…, 国家…, a place name)


@functools.lru_cache(maxsize=16384)
def _facts(name: str) -> _NameFacts:
    m = COLLECTIVE_HEAD.match(name) if name.startswith("各") else None
    return _NameFacts(_level_of(name), bool(REGION_ONLY.match(name)), m.group(1) if m else None,
                      bool(GOV_BODY.match(name)), has_own_prefix(name))


@functools.lru_cache(maxsize=16384)
def _piece(piece: str) -> tuple[str, int, _NameFacts] | None:
    """One 、-item → (name without 等单位/和, offset of the name in the item, its facts)."""
    name = _CONJ.sub("", _DROP_TAIL.sub("", piece.strip()).strip())
    return (name, len(piece) - len(piece.lstrip()), _facts(name)) if name else None


def _names(group: str, base: int, state: dict) -> list[Mention]:
    """The names of one group, the level prefix carried from earlier groups through `state`."""
    prefix, collective = state.get("prefix"), state.get("collective")
    pieces = []
    for a, b in split_top(group, "、/"):
        got = _piece(group[a:b])
        if got:
            pieces.append((got[0], base + a + got[1], got[2]))
    out = []
    for k, (name, s, f) in enumerate(pieces):
        if len(name) < 2:
            continue
        surface = name
        if f.region_only and k + 1 < len(pieces):
            # 各区、县级市政府: the region word shares the next item's body (各区政府, 各县级市政府);
            # 各区、县级市: 各 goes to both (各区, 各县级市), never a bare 县级市.
            m = GOV_TAIL.search(pieces[k + 1][0])
            if m:
                name = name + m.group(0)
                f = _facts(name)
                collective = "各"
            elif REGION_WORD.match(pieces[k + 1][0]):
                collective = "各"
        if collective == "各" and not name.startswith("各"):
            expanded = "各" + name
            collective = None
        elif f.level:
            prefix = f.level
            collective = None
            expanded = name
        elif name.startswith("各"):
            if f.collective_head and collective != "各":
                collective = f.collective_head
            expanded = name
        elif collective and f.gov_body:
            # 各县(市、区)党委、人民政府 → the second is 各县(市、区)人民政府.
            expanded = collective + name
        elif f.own_prefix or not prefix:
            expanded = name
        else:
            expanded = prefix + name
        out.append(Mention(surface, expanded, s, s + len(surface)))
    state["prefix"], state["collective"] = prefix, collective
    return out


@functools.lru_cache(maxsize=512)   # a task's clause is asked for twice in a row; few recur beyond
def parse_clause(raw: str, first_leads: bool = False) -> Clause:
    """Parse the text inside a clause's brackets into roles. Cached: treat the result as read-only.

    first_leads: the document has stated (in an earlier clause with 下同, or outside the clauses)
    that the first name listed leads. A clause that states the rule itself applies it too, and
    `Clause.carries_rule` says whether it holds for the clauses after it.
    """
    clause = Clause(raw=raw)
    text = raw
    stated = FIRST_LEADS.search(text) if _may_state_rule(text) else None
    if stated:
        first_leads = True
        clause.carries_rule = bool(re.search(r"下同|以下同|下文同", text[stated.end():]))
    inherit_at = None
    m = INHERIT.search(text)
    if m:
        inherit_at = m.start()
    state: dict = {}
    pending: list[Mention] = []        # names waiting for a role word further on
    assigned: list[tuple[str, str, list[Mention], int]] = []   # (role, mode, names, end offset)
    for a, b in split_top(text, ",;:：。"):
        group = text[a:b]
        if stated and _may_state_rule(group) and FIRST_LEADS.search(group):
            # The rule's own words are no names: blank them (offsets stay), keep what is left.
            group = _EMPTY_BRACKETS.sub(_spaces, FIRST_LEADS.sub(_spaces, group))
        g = group.strip()
        if not g or (g[-1] == "同" and SAME_BELOW.match(g)) or (inherit_at is not None and INHERIT.fullmatch(g)):
            continue
        g_start = a
        # A role label opens the group: 牵头单位:X、Y
        lm = _LABEL_RE.match(group)
        label = None
        if lm:
            label = _ROLE_OF_LABEL[lm.group(1)]
            g_start = a + lm.end()
            group = group[lm.end():]
        elif g in _ROLE_OF_LABEL and b < len(text) and text[b] in ":：":
            # "牵头单位" followed by ':' (split consumed it): the names are in the next group.
            state["label"] = state["last_label"] = _ROLE_OF_LABEL[g]
            continue
        elif state.get("label"):
            label = state.pop("label")
        sm = _role_suffix(group)
        if not lm and not label and state.get("last_label") and not sm:
            # 配合单位:市财政局,各区政府 — the label covers the groups after it.
            label = state["last_label"]
        if label:
            state["last_label"] = label
        if sm and not label:
            role, mode = _ROLE_OF_SUFFIX[sm.group(1)]
            body = group[:sm.start()]
            k = _top_level_find(body, "会同")
            if k >= 0 and role in (RESPONSIBLE, LEAD):
                # X会同Y负责: X leads, Y takes part.
                assigned.append((LEAD, mode, pending + _names(body[:k], g_start, state), b))
                assigned.append((PARTICIPANT, "会同", _names(body[k + 2:], g_start + k + 2, state), b))
            else:
                assigned.append((role, mode, pending + _names(body, g_start, state), b))
            pending = []
        elif label:
            role, mode = label
            names = pending + _names(group, g_start, state)
            pending = []
            assigned.append((role, mode, names, b))
        else:
            pending.extend(_names(group, g_start, state))
    if pending:
        # Bracket naming only bodies, or trailing names with no role word: responsible units.
        assigned.append((RESPONSIBLE, "负责", pending, len(text)))
    # Beside a named lead (牵头单位:X;责任单位:Y / X牵头,Y负责) the other responsible units take part.
    has_lead = any(role == LEAD and names for role, _, names, _ in assigned)
    for role, mode, names, end in assigned:
        if role == RESPONSIBLE and has_lead:
            role, mode = PARTICIPANT, "参与"
        _assign(clause, role, mode, names, first_leads)
        if inherit_at is not None and end <= inherit_at + 1 and names:
            # The group right before 以下不再列出 carries to every later task.
            clause.inherit = names
    if inherit_at is not None and not clause.inherit and assigned:
        clause.inherit = assigned[-1][2]
    return clause


def _may_state_rule(s: str) -> bool:
    # The rule always says 第一 or 首位; most clauses say neither, and the regex need not run.
    return "第一" in s or "首位" in s


_EMPTY_BRACKETS = re.compile(r"[(（【\[]\s*[)）】\]]")


def _spaces(m: re.Match) -> str:
    return " " * len(m.group(0))


def _top_level_find(s: str, word: str) -> int:
    """Index of word in s outside brackets, or -1."""
    k = s.find(word)
    while k >= 0:
        if _balance(s[:k]) == 0:
            return k
        k = s.find(word, k + 1)
    return -1


def _assign(clause: Clause, role: str, mode: str, names: list[Mention], first_leads: bool) -> None:
    """Roles from a group's role word. 负责 alone: one name leads, several lead together
    (co-leads); under the first-leads rule the first leads and the others take part.
    按职责分工负责 is joint whatever rule holds."""
    if not names:
        return
    if role in (RESPONSIBLE, LEAD) and first_leads and len(names) > 1:
        _put(clause.lead, names[:1], LEAD, "牵头" if role == RESPONSIBLE else mode)
        _put(clause.participants, names[1:], PARTICIPANT, "参与")
    elif role == RESPONSIBLE:
        _put(clause.lead, names, LEAD, "牵头" if first_leads else mode)
    elif role == LEAD:
        _put(clause.lead, names, LEAD, mode)
    elif role == JOINT:
        _put(clause.joint, names, JOINT, mode)
    elif role == PARTICIPANT:
        _put(clause.participants, names, PARTICIPANT, mode)
    elif role == IMPLEMENTER:
        _put(clause.implementers, names, IMPLEMENTER, mode)


def _put(bucket: list[Mention], names: list[Mention], role: str, mode: str) -> None:
    for n in names:
        n.role, n.mode = role, mode
        bucket.append(n)


# ---------------------------------------------------------------- finding clauses in task text

def trailing_bracket(text: str) -> tuple[int, int] | None:
    """Span (start, end) of the bracket group closing the text (ignoring a final 。/space)."""
    j = len(text)
    while j > 0 and text[j - 1] in " \t\n。.;；":
        j -= 1
    if j == 0 or text[j - 1] not in CLOSERS:
        return None
    # Most clauses hold no inner bracket: the nearest opener closes the group.
    k = max(text.rfind("(", 0, j - 1), text.rfind("【", 0, j - 1), text.rfind("[", 0, j - 1),
            text.rfind("〔", 0, j - 1))                           # the OPENERS
    if k >= 0 and not _ANY_BRACKET.search(text, k + 1, j - 1):
        return k, j
    depth = 0
    for i in range(j - 1, -1, -1):
        ch = text[i]
        if ch in CLOSERS:
            depth += 1
        elif ch in OPENERS:
            depth -= 1
            if depth == 0:
                return i, j
    # Unbalanced: an opener was lost; take the last 【 or ( as the start.
    k = max(text.rfind("【", 0, j), text.rfind("(", 0, j))
    return (k, j) if k >= 0 else None


def clause_span(text: str) -> tuple[int, int, int] | None:
    """(bracket start, inside start, inside end) of the bracket closing a task — or, when OCR or a
    bad conversion lost its closer, of the last opener never closed that holds role words."""
    span = trailing_bracket(text)
    if span:
        return span[0], span[0] + 1, span[1] - 1
    j = len(text.rstrip(" \t\n。.;；"))
    k = max(text.rfind(o, 0, j) for o in "(【〔")
    if k >= 0 and j - k <= 300 and not _ANY_BRACKET.search(text, k + 1, j) and ROLE_WORDS.search(text, k, j):
        return k, k + 1, j
    return None


def clean_inner(inner: str) -> str:
    """Drop closers left unbalanced by a damaged bracket: 【…按职责分工负责)】 → …按职责分工负责."""
    inner = inner.strip()
    while inner and inner[-1] in CLOSERS + "）" and _balance(inner) < 0:
        inner = inner[:-1].rstrip()
    while inner and inner[0] in OPENERS + "（" and _balance(inner) > 0:
        inner = inner[1:].lstrip()
    return inner


def _balance(s: str) -> int:
    return sum(c in OPENERS + "（" for c in s) - sum(c in CLOSERS + "）" for c in s)


def looks_like_clause(inner: str, first_leads: bool = False) -> bool:
    """Does the bracket text assign agencies (rather than explain something)? (first_leads as
    for parse_clause, so the reading is the one the task gets from the cache.)"""
    if ROLE_WORDS.search(inner):
        c = parse_clause(inner, first_leads)
        return not c.empty()
    # Brackets naming only agencies: every 、-item ends like an agency name.
    items = [inner[a:b].strip() for a, b in split_top(inner, "、,;")]
    items = [_DROP_TAIL.sub("", x) for x in items if x]
    return len(items) >= 1 and all(AGENCY_END.search(x) and len(x) <= 30 for x in items) and len(inner) >= 3

