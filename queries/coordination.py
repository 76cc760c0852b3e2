"""Coordination load: who leads, who joins, who works with whom — and how central each body is.

The co-work network is the projection of the bipartite task × agency graph onto agencies with
Newman's collaboration weighting: on a task with n agencies each pair gains 1/(n-1), so a
30-agency task adds as much to a body's weighted degree as a two-agency one, and does not
swamp the picture. Betweenness uses 1/weight as the distance (strong ties are short).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from fractions import Fraction
from heapq import heappop, heappush
from itertools import chain, combinations, count, repeat
from math import lcm

from ..base.runtime import chunks, gc_paused
from ..base.vocab import ROLES
from ..registry.agencies import Registry
from . import run
from .agencies import _jurisdiction_name, match_agencies, matched_rows, suggest_agencies
from .policies import match_policies


def incidences(store, jurisdiction: str | None = None, policy: str | None = None) -> list[dict]:
    """Task × agency rows, read from the policy or the jurisdiction node when one is given."""
    juris = _jurisdiction_name(jurisdiction)
    if policy:
        found = [p for p in match_policies(store, policy) if not juris or p["jurisdiction"] == juris]
        return [r for p in found for r in run(store, "policy_cowork_edges", policy=p["id"])]
    if juris:
        tasks = run(store, "jurisdiction_cowork_edges", jurisdiction_id=_jurisdiction_id(juris))
        info = _agency_info(store, {a for t in tasks for a in t["agency_ids"]})
        rows = [{**{k: t[k] for k in _TASK_KEYS}, "agency_id": a, "agency": info[a]["name"],
                 "agency_en": info[a]["name_en"], "jurisdiction": info[a]["jurisdiction"],
                 "kind": info[a]["kind"], "level": info[a]["level"], "role": role}
                for t in tasks for a, role in zip(t["agency_ids"], t["roles"])]
        # The order the whole-graph and per-policy queries give (policy, task, agency, role).
        rows.sort(key=lambda r: (r["policy_id"], r["task_id"], r["agency_id"], r["role"]))
        return rows
    return run(store, "cowork_edges")


_TASK_KEYS = ("policy_id", "policy", "task_id", "task", "number", "clause", "source")


def _jurisdiction_id(juris: str) -> str:
    from ..graph.ids import jurisdiction_id
    return jurisdiction_id(juris)


def _agency_info(store, ids) -> dict[str, dict]:
    return {r["id"]: r for r in run(store, "agencies_by_id", ids=sorted(ids))} if ids else {}


def _task_agencies(store, jurisdiction: str | None, policy: str | None):
    """(tasks, agencies): per task (policy title, agency ids, roles) with one entry per incidence,
    and the agencies' details by id — None when still to be read (a jurisdiction alone is read
    as one row per task, without them)."""
    juris = _jurisdiction_name(jurisdiction)
    if juris and not policy:
        return _jurisdiction_tasks(store, _jurisdiction_id(juris)), None
    by_task: dict[str, tuple] = {}
    info = {}
    for r in incidences(store, jurisdiction, policy):
        t = by_task.setdefault(r["task_id"], (r["policy"], [], []))
        t[1].append(r["agency_id"])
        t[2].append(r["role"])
        info[r["agency_id"]] = {"name": r["agency"], "name_en": r["agency_en"],
                                "jurisdiction": r["jurisdiction"], "kind": r["kind"]}
    return list(by_task.values()), info


def newman_ties(tasks) -> tuple[int, Counter, Counter]:
    """The co-work ties of tasks given as collections of agency keys: (scale, units, shared).

    For each pair (u, v), u < v, that shares a task: units[u, v] = scale × its Newman weight
    (each task with n agencies adds 1/(n-1) to every pair of them), an exact integer, and
    shared[u, v] the number of tasks they share. Exact sums do not depend on the order tasks
    come in; divide by scale once. The one place Newman weights are computed (coordination
    load, partners, the network views).
    """
    by_size: dict[int, list] = defaultdict(list)
    for t in tasks:
        t = tuple(sorted(set(t)))
        if len(t) > 1:
            by_size[len(t)].append(t)
    scale = _scale(by_size)
    units: Counter = Counter()
    shared: Counter = Counter()
    for n, group in by_size.items():
        # One C-level count per task size: pairs counted in bulk, then weighted once per pair.
        pairs = Counter(chain.from_iterable(map(combinations, group, repeat(2))))
        w = scale // (n - 1)
        for pair, k in pairs.items():
            units[pair] += k * w
            shared[pair] += k
    return scale, units, shared


def _scale(sizes) -> int:
    """A common denominator of every 1/(n-1): Newman weights become exact integer sums."""
    return lcm(*range(1, max(sizes, default=2)))


def cowork_graph(rows: list[dict]):
    """Agencies joined by shared tasks: weight (Newman), shared (number of tasks), distance
    (1/weight, for betweenness) — the numbers of networkx's
    collaboration_weighted_projected_graph, without building the bipartite graph first."""
    import networkx as nx  # here: a load imports this module for refresh_stored, not networkx
    g = nx.Graph()
    on_task: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        a = r["agency_id"]
        if a not in g:
            g.add_node(a, kind="agency", name=r["agency"], name_en=r["agency_en"], jurisdiction=r["jurisdiction"],
                       agency_kind=r["kind"], level=r["level"])
        on_task[r["task_id"]].append(a)
    scale, units, shared = newman_ties(on_task.values())
    g.add_edges_from((u, v, {"weight": x / scale, "shared": shared[(u, v)], "distance": scale / x})
                     for (u, v), x in units.items())
    return g


def betweenness(adj: dict, exact=None) -> dict:
    """Normalised betweenness centrality over positive edge lengths adj[u][v] (undirected).

    Brandes' algorithm in networkx's steps and names — a shortest-path search from every
    source (_single_source_dijkstra), the dependency accumulation (_accumulate) and the
    rescaling (_rescale) — with the same Dijkstra, tie-breaking and accumulation, so without
    `exact` the same numbers for the same adjacency order, on lists indexed by node number
    instead of G's views and a weight function per edge (4-5x faster).

    With exact(u, v) (the length as a Fraction), two path lengths within float error of each
    other are compared exactly: whether shortest paths tie decides the path counts, and float
    sums of inexact lengths (1/3 + 1/6 against 1/2) get that wrong either way.
    """
    nodes = list(adj)
    index = {v: i for i, v in enumerate(nodes)}
    nbrs = [[(index[w], length) for w, length in adj[v].items()] for v in nodes]
    longest = max((length for row in nbrs for _, length in row), default=0.0)
    exact_length = (lambda v, w: exact(nodes[v], nodes[w])) if exact else None
    bc = [0.0] * len(nodes)
    for s in range(len(nodes)):
        order, preds, sigma = _single_source_dijkstra(nbrs, s, longest, exact_length)
        _accumulate(bc, order, preds, sigma, s)
    return dict(zip(nodes, _rescale(bc)))


def _single_source_dijkstra(nbrs: list, s: int, longest: float, exact=None) -> tuple[list, list, list]:
    """(order settled, predecessors on shortest paths, number of shortest paths) from s.

    A settled node is skipped before the addition: with positive lengths it can be neither
    improved nor tied. With exact(v, w), near-ties are decided on exact path lengths.
    """
    n = len(nbrs)
    order: list[int] = []
    preds: list = [None] * n
    sigma = [0.0] * n
    done = [False] * n
    inf = float("inf")
    seen = [inf] * n
    sigma[s], seen[s] = 1.0, 0
    tol = 1e-9 if exact else 0.0        # relative; float error of a path is ~1e-15
    known = {s: Fraction(0)}            # exact path lengths, worked out only for near-ties

    def exact_dist(v):
        chain_ = []
        while v not in known:           # back along first predecessors to a known length
            chain_.append(v)
            v = preds[v][0]
        for u in reversed(chain_):
            known[u] = known[v] + exact(v, u)
            v = u
        return known[v]

    c = count()
    heap = [(0, next(c), s, s)]
    while heap:
        dist, _, pred, v = heappop(heap)
        if done[v]:
            continue
        sigma[v] += sigma[pred]
        order.append(v)
        done[v] = True
        eps = tol * (dist + longest)    # >= tol * any path length through v
        for w, length in nbrs[v]:
            vw = dist + length
            d = vw - seen[w]
            if d > eps or done[w]:      # longer (settled nodes almost always are): skip
                continue
            if d < -eps:
                shorter = True
            elif exact:
                a, b = exact_dist(v) + exact(v, w), exact_dist(w)
                if a > b:
                    continue
                shorter = a < b
            else:
                shorter = False         # d == 0: a tie
            if shorter:
                seen[w] = vw
                heappush(heap, (vw, next(c), v, w))
                sigma[w] = 0.0
                preds[w] = [v]
                known.pop(w, None)
            else:
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, preds, sigma


def _accumulate(bc: list, order: list, preds: list, sigma: list, s: int) -> None:
    """Add the dependencies of source s to bc (Brandes' back-propagation), in place."""
    delta = [0.0] * len(bc)
    while order:
        w = order.pop()
        coeff = (1 + delta[w]) / sigma[w]
        for v in preds[w] or ():
            delta[v] += sigma[v] * coeff
        if w != s:
            bc[w] += delta[w]


def _rescale(bc: list) -> list:
    """networkx's normalisation for undirected graphs: over pairs (s, t) with s, t != v."""
    n = len(bc)
    if n <= 2:
        return bc
    scale = 1 / ((n - 1) * (n - 2))
    return [x * scale for x in bc]


def coordination_load(store, jurisdiction: str | None = None, policy: str | None = None,
                      limit: int | None = None) -> list[dict]:
    """Per agency: tasks led, joint, participated; partners; share of each policy's tasks; centrality.

    A jurisdiction's figures alone are read as the last load left them on its Jurisdiction node
    (`refresh_stored`), and worked out here when they are not there (a store loaded otherwise,
    or whose load was killed): the same numbers either way, only the cost differs."""
    juris = _jurisdiction_name(jurisdiction)
    numbers = _stored_numbers(store, juris) if juris and not policy else None
    if numbers is None:
        with gc_paused():     # tens of thousands of tuples and counters, none of them cyclic
            numbers, info = _numbers(*_task_agencies(store, jurisdiction, policy))
    else:
        info = None
    if info is None:
        info = _agency_info(store, [n["agency_id"] for n in numbers])
    out = [{"agency": info[n["agency_id"]]["name"], "agency_en": info[n["agency_id"]]["name_en"],
            "jurisdiction": info[n["agency_id"]]["jurisdiction"], "kind": info[n["agency_id"]]["kind"],
            **{k: n[k] for k in _FIGURES}, "agency_id": n["agency_id"]} for n in numbers]
    out.sort(key=lambda x: (-x["weighted_degree"], -x["tasks"], x["agency"]))
    for i, row in enumerate(out, 1):
        row["rank"] = i
    return out[:limit] if limit else out


# What coordination_load works out per agency (the rest of a row is the agency's own details).
_FIGURES = ("leads", "joint", "participations", "tasks", "partners", "share", "share_policy",
            "weighted_degree", "betweenness")


def _jurisdiction_tasks(store, jid: str) -> list[tuple]:
    return [(r["policy"], r["agency_ids"], r["roles"]) for r in run(store, "jurisdiction_roles", jurisdiction_id=jid)]


def _numbers(tasks, info) -> tuple[list[dict], dict | None]:
    """The figures per agency id of the tasks given as (policy title, agency ids, roles)."""
    if not tasks:
        return [], info
    roles = Counter(zip(chain.from_iterable(t[1] for t in tasks), chain.from_iterable(t[2] for t in tasks)))
    ids = sorted({a for a, _ in roles})
    num = {a: i for i, a in enumerate(ids)}
    on_task = [(pol, tuple(sorted({num[a] for a in agencies}))) for pol, agencies, _ in tasks]
    n_tasks = Counter(chain.from_iterable(ags for _, ags in on_task))
    by_policy: dict[str, list] = defaultdict(list)          # policy title -> its tasks with an agency
    for pol, ags in on_task:
        by_policy[pol].append(ags)
    scale, units, _ = newman_ties(ags for _, ags in on_task)
    adj: list[dict] = [{} for _ in ids]
    weighted = [0] * len(ids)
    for (u, v), x in sorted(units.items()):
        adj[u][v] = adj[v][u] = scale / x                  # distance = 1/weight
        weighted[u] += x
        weighted[v] += x

    def exact(u, v):
        return Fraction(scale, units[min(u, v), max(u, v)])
    between = betweenness(dict(enumerate(adj)), exact) if units else {}
    share: dict[int, tuple] = {}                            # the policy with the largest share
    for pol, group in by_policy.items():
        for i, k in Counter(chain.from_iterable(group)).items():
            share[i] = max(share.get(i, (-1.0, "")), (k / len(group), pol))
    return [{
        "agency_id": aid, "leads": roles[aid, "lead"], "joint": roles[aid, "joint"],
        "participations": roles[aid, "participant"] + roles[aid, "implementer"], "tasks": n_tasks[i],
        "partners": len(adj[i]), "share": round(share[i][0], 3), "share_policy": share[i][1],
        # An agency with no partner has weighted degree 0, an int, as networkx sums nothing.
        "weighted_degree": round(weighted[i] / scale, 3) if weighted[i] else 0,
        "betweenness": round(between.get(i, 0.0), 4),
    } for i, aid in enumerate(ids)], info


def _stored_numbers(store, juris: str) -> list[dict] | None:
    rows = run(store, "jurisdiction_coordination", jurisdiction_id=_jurisdiction_id(juris))
    if not rows:
        return []                       # no such jurisdiction in the graph: nobody works there
    stored = rows[0]["coordination"]
    if not stored:          # null: not worked out; "": small enough to work out from its tasks
        return None
    return [dict(zip(("agency_id", *_FIGURES), n)) for n in json.loads(stored)]


# A jurisdiction with fewer tasks is answered from its tasks (tens of ms) and stores no figures:
# working out and storing those of hundreds of small ones was most of a small corpus's load.
STORE_FROM = 1500


def refresh_stored(store) -> int:
    """Work out and store the figures of every jurisdiction whose figures a load cleared (it
    clears those of the jurisdictions whose documents it wrote or took out: graph.sync), so
    that `coordination --jurisdiction` reads them instead of every task of the jurisdiction;
    one with fewer than STORE_FROM tasks gets "" (answered from its tasks). Run inside the
    load's transaction (pipeline); returns how many were cleared."""
    stale = store.query("MATCH (j:Jurisdiction) WHERE j.coordination IS NULL RETURN j.id AS id")
    sizes = {r["id"]: r["tasks"] for r in store.query(
        "MATCH (j:Jurisdiction)<-[:`IN`]-(:Policy)-[:CONTAINS]->(t:Task) WHERE j.coordination IS NULL "
        "RETURN j.id AS id, count(t) AS tasks")} if stale else {}
    rows = []
    for j in stale:
        if sizes.get(j["id"], 0) < STORE_FROM:
            rows.append({"id": j["id"], "c": ""})
            continue
        with gc_paused():
            numbers, _ = _numbers(_jurisdiction_tasks(store, j["id"]), None)
        rows.append({"id": j["id"], "c": json.dumps([[n["agency_id"], *(n[k] for k in _FIGURES)] for n in numbers],
                                                    ensure_ascii=False, separators=(",", ":"))})
    # Written together (a statement each was most of the time where jurisdictions are small).
    for part in chunks(rows, 500):
        store.query("UNWIND $rows AS r MATCH (j:Jurisdiction) WHERE j.id = r.id SET j.coordination = r.c",
                    {"rows": part}, write=True)
    return len(stale)


def partners(store, agency: str, jurisdiction: str | None = None, policy: str | None = None,
             registry: Registry | None = None) -> tuple[list[dict], list[dict], list[str]]:
    """(rows, matched bodies, suggestions): who works with an agency, how often, in which roles.

    weight is the Newman tie strength: the sum over shared tasks of 1/(n-1), n = agencies on the task.
    """
    bodies = match_agencies(store, agency, registry)
    if not bodies:
        return [], [], suggest_agencies(store, agency, registry)
    juris = _jurisdiction_name(jurisdiction)
    keep_policies = {p["id"] for p in match_policies(store, policy)} if policy else None
    out = []
    answering = set()
    for me in bodies:
        rows = [r for r in run(store, "agency_partners", agency=me.id)
                if (not juris or r["policy_jurisdiction"] == juris)
                and (keep_policies is None or r["policy_id"] in keep_policies)]
        on_task: dict[str, set] = defaultdict(set)
        acc: dict[str, dict] = {}
        for r in rows:
            on_task[r["task_id"]].add(r["partner_id"])
            row = acc.setdefault(r["partner_id"], {"partner": r["partner"], "partner_en": r["partner_en"],
                                                   "partner_id": r["partner_id"],
                                                   "jurisdiction": r["jurisdiction"], "tasks": set(),
                                                   "partner_roles": Counter(), "own": {}})
            row["tasks"].add(r["task_id"])
            row["partner_roles"][r["partner_role"]] += 1
            row["own"].setdefault(r["task_id"], set()).add(r["own_role"])
        if rows:
            answering.add(me.id)
        scale, units, _ = newman_ties(ids | {me.id} for ids in on_task.values())
        for pid, row in acc.items():
            own = Counter(role for roles in row.pop("own").values() for role in roles)
            weight = units[(me.id, pid) if me.id < pid else (pid, me.id)] / scale
            out.append({"agency": me.name, "partner": row["partner"], "partner_en": row["partner_en"],
                        "jurisdiction": row["jurisdiction"], "shared_tasks": len(row["tasks"]),
                        "weight": round(weight, 3), "partner_roles": _roles_text(row["partner_roles"]),
                        "own_roles": _roles_text(own), "agency_id": me.id, "partner_id": row["partner_id"]})
    out.sort(key=lambda x: (-x["shared_tasks"], -x["weight"], x["agency"], x["partner"]))
    return out, matched_rows(bodies, answering if juris or keep_policies is not None else None), []


def _roles_text(c: Counter) -> str:
    return ", ".join(f"{r} {c[r]}" for r in ROLES if c[r])
