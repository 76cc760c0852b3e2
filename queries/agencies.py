"""Agency questions: list the bodies in the graph, the unresolved ones, and free-text lookup."""
from __future__ import annotations

from ..base import jurisdictions as J
from ..registry.agencies import Agency, Registry, default_registry
from ..registry.lookup import search
from . import run


def graph_agencies(store, types=(), names=()) -> list[Agency]:
    """Agency nodes of the graph; with types/names, only those (a narrow read at scale)."""
    rows = run(store, "agencies", types=list(types), names=list(names))
    return [Agency(r["id"], r["name"], r["name_en"] or "", r["short"] or r["name"], r["jurisdiction"],
                   r["level"] or "", r["kind"] or "", r["type"], bool(r["resolved"])) for r in rows]


def _jurisdiction_name(q: str | None) -> str | None:
    if not q:
        return None
    j = J.get(q)
    if j:
        return j.name
    for cand in J.all_jurisdictions():
        if cand.en.lower() == q.strip().lower():
            return cand.name
    return q


def list_agencies(store, unresolved: bool = False, jurisdiction: str | None = None) -> list[dict]:
    """Agencies with their task counts; unresolved ones with the documents and forms they occur in."""
    rows = run(store, "agency_occurrences", jurisdiction=_jurisdiction_name(jurisdiction),
               unresolved=bool(unresolved))
    return [{"name": r["name"], "english": r["name_en"], "jurisdiction": r["jurisdiction"], "level": r["level"],
             "kind": r["kind"], "resolved": r["resolved"], "tasks": r["tasks"],
             "forms": sorted(set(r["forms"] or [])), "sources": sorted(set(r["sources"] or [])), "id": r["id"]}
            for r in rows]


def find_agencies(store, query: str, registry: Registry | None = None, limit: int = 25) -> list[dict]:
    """Ranked candidates (the CLI JSON shape, docs/architecture.md). store=None searches the whole registry."""
    registry = registry or default_registry()
    pool = candidate_pool(store, query, registry) if store is not None else None
    named = _named_ids(store, pool) if store is not None and pool else frozenset()
    return [{"name": a.name, "english": a.name_en, "jurisdiction": a.jurisdiction, "level": a.level,
             "kind": a.kind, "score": score, "id": a.id}
            for a, score in search(registry, query, pool, limit=limit, preferred=named)]


def _named_ids(store, pool: list[Agency]) -> set[str]:
    """The pool's bodies that the documents name (not only reached through a succession)."""
    return {r["id"] for r in run(store, "named_agencies", ids=sorted({a.id for a in pool}))}


def match_agencies(store, query: str, registry: Registry | None = None) -> list[Agency]:
    """The graph's bodies a researcher most likely means: every candidate tied for the best score.

    An exact id (``agency:…``) or canonical name short-circuits the fuzzy lookup.
    """
    registry = registry or default_registry()
    # An id (agency:广东省质量技术监督局) or a canonical name needs no fuzzy lookup.
    name = query[len("agency:"):] if query.startswith("agency:") else query
    exact = [a for a in graph_agencies(store, names=[name]) if query in (a.id, a.name)]
    if exact:
        return exact
    pool = candidate_pool(store, query, registry)
    found = search(registry, query, pool, preferred=_named_ids(store, pool) if pool else frozenset())
    return [a for a, s in found if s >= 0.999]


def matched_rows(bodies: list[Agency], answering: set[str] | None = None) -> list[dict]:
    """The bodies a query resolved to, as the answer names them; with a filter (a jurisdiction, a
    policy), only those the filtered answer holds — unless it holds none of them."""
    keep = [a for a in bodies if answering is None or a.id in answering] or bodies
    return [{"name": a.name, "english": a.name_en, "jurisdiction": a.jurisdiction} for a in keep]


def candidate_pool(store, query: str, registry: Registry) -> list[Agency]:
    """The graph's bodies a query could mean: those of the agency types it scores, plus names it
    states; the whole graph only when the query names no type (a place alone)."""
    from ..registry.lookup import parse_query, score_types

    q = parse_query(query, registry)
    types = [k for k, s in score_types(registry, q).items() if s > 0.35]
    names = {q.text}
    for finder in (registry.named, registry.pattern_body):
        b = finder(q.text)
        if b is not None:
            names.add(b.name)
            if b.type:
                types.append(b.type)
    if not types:
        return graph_agencies(store)
    return graph_agencies(store, types=types, names=sorted(names))


def suggest_agencies(store, query: str, registry: Registry | None = None, n: int = 5) -> list[str]:
    """Nearest bodies in the graph for a query that matched nothing (for the error message), most
    alike first: bodies of the kind asked about in other places (佛山市统计局 → 广东省统计局), then
    bodies whose names are alike with the place left out (a shared 局 alone is no likeness)."""
    from rapidfuzz import fuzz

    from ..registry.agencies import _strip_place
    from ..registry.lookup import UNIT_WORDS, _tokens, parse_query

    registry = registry or default_registry()
    pool = graph_agencies(store)
    q = parse_query(query, registry)
    out: list[str] = []
    if q.rest and q.rest != q.text:
        out += [a.name for a, _ in search(registry, q.rest, pool, limit=n, spread=0.0)]
    if q.chinese:
        key = q.rest or q.text
        sim = {a.name: fuzz.ratio(key, _strip_place(a.name)[1]) for a in pool}
    else:
        # English: the share of the query's content words (not bureau, office …) the name has.
        words = [w for w in q.rest.split() if w not in UNIT_WORDS]
        sim = {}
        for a in pool if words else ():
            own = _tokens(a.name_en or "")
            sim[a.name] = 100 * sum(any(fuzz.ratio(w, o) >= 85 for o in own) for w in words) / len(words)
    places = {p.name for p in q.place}
    ranked = sorted((name for name, s in sim.items() if s >= 50),
                    key=lambda name: (-sim[name], name not in places and not name.startswith(tuple(places)), name))
    out += [name for name in ranked if name not in out]
    return out[:n]


def with_successors(store, ids: list[str]) -> list[str]:
    """ids plus their successors (forward, transitively) and predecessors (backward, transitively).

    The two walks never turn: 质监局 → 市场监管局 is followed, but not on to 工商局, which is
    another predecessor of the 市场监管局 rather than part of the 质监局's line.
    """
    out = set(ids)
    for forward in (True, False):
        seen, frontier = set(ids), list(ids)
        while frontier:
            rows = run(store, "successions", ids=frontier)
            nxt = [r["new_id"] if forward else r["old_id"] for r in rows
                   if (r["old_id"] if forward else r["new_id"]) in frontier]
            frontier = [x for x in nxt if x not in seen]
            seen.update(frontier)
        out |= seen
    return sorted(out)
