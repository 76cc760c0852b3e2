"""Free-text agency lookup: "provincial quality bureau", "Foshan market regulation", 省质监局, 省質監局.

A query is read into constraints (a place, a level) and a rest that names a *kind* of body.
The rest is scored against every agency type and named body (Chinese forms, English names);
candidates are the bodies in a pool (the graph) or the whole registry, filtered by the
constraints. Everything within reach of the best score is returned, so an ambiguous query
("省质监局" with Guangdong and Gansu loaded) shows every plausible body, never silently one.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..base import jurisdictions as J
from ..base.text import fold
from .agencies import UNIT_EN, Agency, Registry, _strip_level, _strip_place

CJK = re.compile(r"[\u4e00-\u9fff]")
STOP = {"the", "of", "and", "for", "in", "s", "a", "an", "which", "who", "bureau's", "s'", "people"}
UNIT_WORDS = {"bureau", "department", "commission", "office", "administration", "agency", "committee",
              "government", "authority", "service"}
LEVEL_WORDS = {"provincial": "provincial", "province": "provincial", "municipal": "municipal",
               "city": "municipal", "prefectural": "municipal", "county": "county", "district": "county",
               "national": "national", "state": "national", "central": "national"}
# Plain-language words researchers use for bodies whose English names say it differently.
SYNONYMS = {"quality": {"quality"}, "inspection": {"inspection"}, "market": {"market"},
            "regulation": {"regulation", "regulatory"}, "health": {"health"}, "customs": {"customs"},
            "science": {"science", "technology"}, "tech": {"technology"}, "it": {"information", "technology"},
            "agriculture": {"agriculture", "agricultural"}, "trade": {"commerce"}, "commerce": {"commerce"},
            "housing": {"housing"}, "tourism": {"tourism"}, "finance": {"finance", "financial"},
            "environment": {"environment", "environmental", "ecology"}, "police": {"public", "security"},
            "food": {"food"}, "drug": {"drug"}, "drugs": {"drug"}, "insurance": {"insurance"}}


# The least a body must score to be the one a question names: a type or name hit scores 0.9 and
# more, a fuzzy resemblance alone about 0.45 (佛山市统计局 ~ 佛山市卫生和计划生育局 shares 计 and 局).
MATCH_FLOOR = 0.5


@dataclass
class Query:
    text: str
    place: list[J.Jurisdiction]
    level: str | None
    rest: str
    chinese: bool


def _stem(w: str) -> str:
    for suf in ("ies", "s"):
        if w.endswith(suf) and len(w) > 4:
            return w[: -len(suf)] + ("y" if suf == "ies" else "")
    return w


# UK and US spellings are one word.
_SPELLING = {"organisation": "organization", "centre": "center", "defence": "defense", "labour": "labor",
             "programme": "program", "organised": "organized", "licence": "license"}
# Words that are part of a name, not a level: state-owned assets, a customs district.
_NAME_PHRASES = ((re.compile(r"\bstate[- ]owned\b"), "stateowned"),
                 (re.compile(r"\bcustoms district\b"), "customs customsdistrict"))


def _tokens(s: str) -> list[str]:
    s = s.lower()
    for pat, rep in _NAME_PHRASES:
        s = pat.sub(rep, s)
    return [_stem(_SPELLING.get(w, w)) for w in re.findall(r"[a-z]+", s.replace("-", " "))]


NATIONAL_ZH = re.compile(r"^(?:国家|国务院|中央|全国)")


def parse_query(text: str, registry: Registry | None = None) -> Query:
    q = fold(text)
    if CJK.search(q):
        q = re.sub(r"\s+", "", q)
        if registry is not None and (registry.named(q) or registry.pattern_body(q)):
            return Query(q, [], None, q, True)
        m = NATIONAL_ZH.match(q)
        if m and len(q) > len(m.group(0)):
            return Query(q, [], "national", q[len(m.group(0)):], True)
        place, rest = _strip_place(q)
        level, rest2 = registry.split_level(rest) if registry is not None else _strip_level(rest)
        if place is not None and level is None:
            level = place.level if place.level != "national" else None
        return Query(q, [place] if place else [], level, rest2 if level else rest, True)
    toks = _tokens(q)
    places, used = [], set()
    for j in J.all_jurisdictions():
        if j.level == "national":
            continue
        jt = _tokens(j.en)
        if jt and all(t in toks for t in jt):
            places.append(j)
            used.update(jt)
    # "Guangdong" also names Guangdong's cities' province; keep the most specific places.
    if any(p.level == "municipal" for p in places):
        places = [p for p in places if p.level == "municipal"] + [p for p in places if p.level == "provincial"
                                                                   and not any(c.province == p.name for c in places)]
    level = next((LEVEL_WORDS[t] for t in toks if t in LEVEL_WORDS), None)
    rest = " ".join(t for t in toks if t not in used and t not in LEVEL_WORDS and t not in STOP)
    return Query(q, places, level, rest, False)


@functools.lru_cache(maxsize=8)
def _type_texts(registry_id: int, registry: Registry):
    out = []
    for t in registry.types.values():
        # Only the units the type's Chinese names use: a 厅 is no "commission" (type words decide).
        fulls = {t.full, *t.full_by_level.values(), *t.place_full.values()}
        units = {en for f in fulls for zh, en in UNIT_EN if f.endswith(zh)} or {"Office"}
        en = [t.en.replace("{unit}", u) for u in sorted(units)] if "{unit}" in t.en else [t.en]
        en += [e for e in t.en_alt if "{" not in e]
        if t.en_pattern:
            en.append(re.sub(r"\{[a-zA-Z]+\}", " ", t.en_pattern))
        out.append((t, t.forms + [f for fs in t.level_forms.values() for f in fs], _name_sets(tuple(en))))
    return out


@functools.lru_cache(maxsize=65536)
def _name_sets(names: tuple[str, ...]) -> tuple[frozenset, ...]:
    return tuple(frozenset(_tokens(n)) - STOP for n in names)


def _en_score(rest_tokens: list[str], name_sets: tuple[frozenset, ...]) -> float:
    if not rest_tokens:
        return 0.0
    content = [t for t in rest_tokens if t not in UNIT_WORDS]
    units = [t for t in rest_tokens if t in UNIT_WORDS]
    best = 0.0
    for nt in name_sets:
        ncontent = nt - UNIT_WORDS
        if content:
            hit = sum(1 for t in content if t in nt or SYNONYMS.get(t, set()) & nt)
            if hit == 0:
                continue
            score = hit / len(content)
            score -= 0.04 * max(0, len(ncontent) - hit)       # prefer names that say little else
        else:
            score = 0.5
        if units:
            # "quality bureau" is a bureau: a name with another unit (or none) fits less well.
            score += 0.1 if any(u in nt for u in units) else -0.1
        best = max(best, score)
    return best


def _zh_score(rest: str, forms: list[str]) -> float:
    if not rest:
        return 0.0
    if rest in forms:
        return 1.0
    best = 0.0
    for f in forms:
        if len(rest) >= 2 and (rest in f or f in rest):
            best = max(best, 0.75 + 0.2 * min(len(rest), len(f)) / max(len(rest), len(f)))
        elif len(rest) >= 2:
            r = fuzz.ratio(rest, f) / 100
            if r >= 0.6:
                best = max(best, 0.7 * r)
    return best


def score_types(registry: Registry, q: Query) -> dict[str, float]:
    out = {}
    rt = q.rest.split()
    for t, zh_forms, en_names in _type_texts(id(registry), registry):
        s = _zh_score(q.rest, zh_forms) if q.chinese else _en_score(rt, en_names)
        if s > 0.3:
            out[t.key] = s
    return out


def score_body(q: Query, a: Agency, registry: Registry, type_scores: dict[str, float]) -> float:
    """How well one concrete body answers the query (0 when a constraint rules it out)."""
    in_province = False   # a city's body found through its province's name: a weaker answer
    if q.place:
        names = {p.name for p in q.place}
        j = J.get(a.jurisdiction)
        if a.jurisdiction not in names:
            if any(a.name.startswith(p.short) for p in q.place):
                pass          # 兰州海关 is Lanzhou's though it serves all of Gansu
            elif not (j is not None and j.province in names and q.level != "provincial"):
                return 0.0
            else:
                in_province = True
    if q.level and a.level not in (q.level, "collective"):
        j = J.get(a.jurisdiction)
        # Beijing's bodies are provincial in rank but "Municipal" in their English names.
        if not (q.level == "municipal" and a.level == "provincial" and j is not None and j.kind == "municipality"):
            return 0.0
    s = type_scores.get(a.type_key, 0.0) if a.type_key else 0.0
    body = registry.named(a.name)
    if q.chinese:
        exact = registry.named(q.text) or registry.pattern_body(q.text)
        if q.text == a.name or (exact is not None and exact.name in (a.name, a.short)):
            s = max(s, 1.1)
        elif q.text == a.short:
            s = max(s, 1.0)     # a short form names a kind of body: as good as the type, no better
        elif len(q.rest) >= 2 and q.rest in a.name:
            s = max(s, 0.8)
        elif a.level == "national":
            # 国家发改委: the type's full name inside a national body's name.
            for key, ts in type_scores.items():
                t = registry.types[key]
                if ts >= 0.9 and any(f in a.name for f in (t.full, *t.forms) if len(f) >= 2):
                    s = max(s, ts * 0.95)
    else:
        english = (a.name_en or "", *(body.en_alt if body else ()))
        own = _en_score(q.rest.split(), _name_sets(tuple(english)))
        if own >= 0.5 and not q.place and not q.level and a.level == "national":
            s = max(s, own + 0.15)  # a body named with no place: the national one, where there is one
        s = max(s, own * 0.95)
        if s >= 0.5 and q.place and (a.name_en or "").startswith(tuple(p.en for p in q.place)):
            s += 0.02       # Guangzhou Customs District, rather than Huangpu's in Guangzhou
    if a.level == "collective" and s < 1.0:
        s *= 0.9        # a collective answers a question about one body only as a fallback
    if in_province:
        s *= 0.7
    return s


def search(registry: Registry, query: str, pool: list[Agency] | None = None, limit: int = 25,
           spread: float = 0.85, preferred: AbstractSet[str] = frozenset(),
           floor: float = MATCH_FLOOR) -> list[tuple[Agency, float]]:
    """Ranked candidates for a free-text query. pool=None searches the whole registry.

    Scores are relative to the best candidate's, and only candidates scoring at least `floor`
    absolutely count: in a graph without the body asked about, its nearest look-alike is not it.

    preferred: ids of the bodies the loaded documents name; on equal scores they come before
    bodies that are in the graph only as a predecessor or successor."""
    q = parse_query(query, registry)
    if not q.rest and not q.place:
        return []
    type_scores = score_types(registry, q)
    if pool is None:
        top = sorted(type_scores, key=lambda k: -type_scores[k])[:6]
        municipality = any(p.kind == "municipality" for p in q.place)   # its bodies: provincial rank
        level = q.level if q.level in ("provincial", "municipal") and not municipality else None
        pool = list(registry.universe(type_keys=top, place=q.place[0] if len(q.place) == 1 else None,
                                      level=level))
        pool += [a for a in registry.universe() if a.type_key not in top]
    scored: dict[str, tuple[Agency, float]] = {}
    for a in pool:
        s = score_body(q, a, registry, type_scores)
        if s >= floor and s > 0.35 and (a.id not in scored or scored[a.id][1] < s):
            scored[a.id] = (a, s)
    if not scored:
        return []
    best = max(s for _, s in scored.values())
    # Scores are relative to the best answer (1.0), so scripts can threshold them.
    keep = [(a, round(s / best, 3)) for a, s in scored.values() if s >= spread * best]
    keep.sort(key=lambda x: (-x[1], x[0].id not in preferred, x[0].level != "provincial", x[0].name))
    return keep[:limit]


__all__ = ["search", "parse_query", "score_types", "Query", "MATCH_FLOOR"]
