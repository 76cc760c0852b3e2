"""Coordination load: who leads, who joins, who works with whom — and how central each body is.

The co-work network is the projection of the bipartite task × agency graph onto agencies with
Newman's collaboration weighting: on a task with n agencies each pair gains 1/(n-1), so a
30-agency task adds as much to a body's weighted degree as a two-agency one, and does not
swamp the picture. Betweenness uses 1/weight as the distance (strong ties are short).
"""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from ..registry.agencies import Registry
from . import run
from .agencies import _jurisdiction_name, match_agencies, suggest_agencies
from .policies import match_policies


def incidences(store, jurisdiction: str | None = None, policy: str | None = None) -> list[dict]:
    """Task × agency rows, read from the policy or the jurisdiction node when one is given."""
    from ..graph.model import _nfkc, make_id

    juris = _jurisdiction_name(jurisdiction)
    if policy:
        found = [p for p in match_policies(store, policy) if not juris or p["jurisdiction"] == juris]
        return [r for p in found for r in run(store, "policy_cowork_edges", policy=p["id"])]
    if juris:
        return run(store, "jurisdiction_cowork_edges", jurisdiction_id=make_id("Jurisdiction", _nfkc(juris)))
    return run(store, "cowork_edges")


def lean_incidences(store, jurisdiction: str | None = None, policy: str | None = None) -> list[dict]:
    """Incidences with only what the load figures need; agency details joined from one read."""
    from ..graph.model import _nfkc, make_id

    juris = _jurisdiction_name(jurisdiction)
    if policy or not juris:
        return incidences(store, jurisdiction, policy)
    rows = run(store, "jurisdiction_roles", jurisdiction_id=make_id("Jurisdiction", _nfkc(juris)))
    info = {r["id"]: r for r in run(store, "agencies", ids=sorted({r["agency_id"] for r in rows}))}
    for r in rows:
        a = info[r["agency_id"]]
        r.update(agency=a["name"], agency_en=a["name_en"], jurisdiction=a["jurisdiction"], kind=a["kind"],
                 level=a["level"], task=None, number=None, clause=None, source=None)
    return rows


def cowork_graph(rows: list[dict]) -> nx.Graph:
    """Agencies joined by shared tasks: weight (Newman: each task adds 1/(n-1) to every pair of
    its n agencies), shared (number of tasks), distance (1/weight, for betweenness).

    Computed directly from the task lists: the same numbers as networkx's
    collaboration_weighted_projected_graph, without building the bipartite graph first.
    """
    g = nx.Graph()
    on_task: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        a = r["agency_id"]
        if a not in g:
            g.add_node(a, kind="agency", name=r["agency"], name_en=r["agency_en"], jurisdiction=r["jurisdiction"],
                       agency_kind=r["kind"], level=r["level"])
        if a not in on_task[r["task_id"]]:
            on_task[r["task_id"]].append(a)
    weight: dict[tuple, float] = defaultdict(float)
    shared: Counter = Counter()
    for agencies in on_task.values():
        n = len(agencies)
        if n < 2:
            continue
        w = 1.0 / (n - 1)
        for i in range(n):
            for j in range(i + 1, n):
                key = (agencies[i], agencies[j]) if agencies[i] < agencies[j] else (agencies[j], agencies[i])
                weight[key] += w
                shared[key] += 1
    g.add_edges_from((u, v, {"weight": w, "shared": shared[(u, v)], "distance": 1.0 / w})
                     for (u, v), w in weight.items())
    return g


def coordination_load(store, jurisdiction: str | None = None, policy: str | None = None,
                      limit: int | None = None) -> list[dict]:
    """Per agency: tasks led, joint, participated; partners; share of each policy's tasks; centrality."""
    rows = lean_incidences(store, jurisdiction, policy)
    if not rows:
        return []
    g = cowork_graph(rows)
    between = nx.betweenness_centrality(g, weight="distance", normalized=True) if g.number_of_edges() else {}
    roles: dict[str, Counter] = defaultdict(Counter)
    tasks: dict[str, set] = defaultdict(set)
    per_policy: dict[str, Counter] = defaultdict(Counter)
    policy_tasks: dict[str, set] = defaultdict(set)
    info = {}
    for r in rows:
        roles[r["agency_id"]][r["role"]] += 1
        tasks[r["agency_id"]].add(r["task_id"])
        policy_tasks[r["policy"]].add(r["task_id"])
        info[r["agency_id"]] = r
    for r in rows:
        per_policy[r["agency_id"]][r["policy"]] = 0
    for aid in tasks:
        for pol in per_policy[aid]:
            per_policy[aid][pol] = len(tasks[aid] & policy_tasks[pol])
    out = []
    for aid, ts in tasks.items():
        r = info[aid]
        shares = {pol: n / len(policy_tasks[pol]) for pol, n in per_policy[aid].items()}
        top_policy = max(shares, key=lambda p: (shares[p], p))
        out.append({
            "agency": r["agency"], "agency_en": r["agency_en"], "jurisdiction": r["jurisdiction"],
            "kind": r["kind"], "leads": roles[aid]["lead"], "joint": roles[aid]["joint"],
            "participations": roles[aid]["participant"] + roles[aid]["implementer"], "tasks": len(ts),
            "partners": g.degree(aid) if aid in g else 0,
            "share": round(shares[top_policy], 3), "share_policy": top_policy,
            "weighted_degree": round(g.degree(aid, weight="weight"), 3) if aid in g else 0.0,
            "betweenness": round(between.get(aid, 0.0), 4), "agency_id": aid,
        })
    out.sort(key=lambda x: (-x["weighted_degree"], -x["tasks"], x["agency"]))
    for i, row in enumerate(out, 1):
        row["rank"] = i
    return out[:limit] if limit else out


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
    for me in bodies:
        rows = [r for r in run(store, "agency_partners", agency=me.id)
                if (not juris or r["policy_jurisdiction"] == juris)
                and (keep_policies is None or r["policy_id"] in keep_policies)]
        size: dict[str, set] = defaultdict(set)
        for r in rows:
            size[r["task_id"]].add(r["partner_id"])
        acc: dict[str, dict] = {}
        for r in rows:
            row = acc.setdefault(r["partner_id"], {"agency": me.name, "partner": r["partner"],
                                                   "partner_en": r["partner_en"], "jurisdiction": r["jurisdiction"],
                                                   "tasks": set(), "weight": 0.0, "partner_roles": Counter(),
                                                   "own": {}})
            if r["task_id"] not in row["tasks"]:
                row["weight"] += 1.0 / len(size[r["task_id"]])       # n-1 = the other agencies
            row["tasks"].add(r["task_id"])
            row["partner_roles"][r["partner_role"]] += 1
            row["own"].setdefault(r["task_id"], set()).add(r["own_role"])
        for row in acc.values():
            own = Counter(role for roles in row.pop("own").values() for role in roles)
            out.append({"agency": row["agency"], "partner": row["partner"], "partner_en": row["partner_en"],
                        "jurisdiction": row["jurisdiction"], "shared_tasks": len(row["tasks"]),
                        "weight": round(row["weight"], 3), "partner_roles": _roles_text(row["partner_roles"]),
                        "own_roles": _roles_text(own)})
    out.sort(key=lambda x: (-x["shared_tasks"], -x["weight"], x["agency"], x["partner"]))
    matched = [{"name": a.name, "english": a.name_en, "jurisdiction": a.jurisdiction} for a in bodies]
    return out, matched, []


def _roles_text(c: Counter) -> str:
    order = ("lead", "joint", "participant", "implementer")
    return ", ".join(f"{r} {c[r]}" for r in order if c[r])
