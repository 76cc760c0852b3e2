"""The five views as networkx graphs, built from the library's questions (queries/).

Every node and edge keeps its data attributes (what GEXF exports) and a `vis` dict with how
vis-network draws it (label, tooltip, colour, size, shape, level). A View also carries its
legend, so the HTML and the notebooks explain the same encoding.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..base import jurisdictions as J
from ..queries import run
from ..queries.agencies import match_agencies, matched_rows, suggest_agencies
from ..queries.coordination import cowork_graph, incidences
from ..queries.lineage import LEVEL_ORDER, lineage_graph
from ..queries.policies import list_policies, match_policies, policy_problem
from . import layout as L
from . import style as S

KINDS = ("coordination", "lineage", "agency", "policy", "align")
TASKS_PER_TOOLTIP = 5   # an edge between two busy bodies can share dozens of tasks


@dataclass
class View:
    graph: nx.Graph
    title: str
    legend: list[dict] = field(default_factory=list)   # {"label", "color", "shape"} or {"label", "line": style}
    notes: list[str] = field(default_factory=list)     # one-line explanations under the legend
    hierarchical: bool = False                         # lineage: levels top to bottom, no physics
    matched: list[dict] = field(default_factory=list)  # the bodies or policies the argument resolved to
    problem: str | None = None                         # why there is nothing to show
    suggestions: list[str] = field(default_factory=list)
    width: int = 1400                                  # the page it is laid out for (build_view)
    height: int = 900
    seed: int = 1

    @classmethod
    def nothing(cls, problem: str, suggestions: list[str] | None = None) -> View:
        return cls(nx.Graph(), "", problem=problem, suggestions=suggestions or [])


WIDTH, HEIGHT, SEED = 1400, 900, 1     # the page a view is laid out for; the layout's seed


def build_view(store, kind: str, target: str | None = None, *, jurisdiction: str | None = None,
               policy: str | None = None, color_by: str = "kind", size_by: str = "tasks",
               cites: bool = True, registry=None, other: str | None = None,
               seed: int = SEED, width: int = WIDTH, height: int = HEIGHT) -> View:
    """One view by name: coordination | lineage [POLICY] | agency AGENCY | policy POLICY |
    align X Y (target X, other Y), laid out for a `width` × `height` page (viz/layout.py: the
    same `seed` gives the same positions)."""
    view = _build(store, kind, target, jurisdiction=jurisdiction, policy=policy, color_by=color_by,
                  size_by=size_by, cites=cites, registry=registry, other=other)
    view.width, view.height, view.seed = width, height, seed
    if view.problem:
        return view
    if view.hierarchical:
        L.route_edges(view.graph)          # positions are the view's own bands or columns
    else:
        L.force_layout(view.graph, seed, width, height)
    return view


def _build(store, kind, target, *, jurisdiction, policy, color_by, size_by, cites, registry, other) -> View:
    if kind == "align":
        if not target or not other:
            return View.nothing("the align view needs two policies: X and Y")
        return align_view(store, target, other)
    if kind == "coordination":
        return coordination_view(store, jurisdiction, policy, color_by=color_by, size_by=size_by)
    if kind == "lineage":
        return lineage_view(store, target, cites=cites)
    if kind in ("agency", "policy") and not target:
        return View.nothing(f"the {kind} view needs {'an agency' if kind == 'agency' else 'a policy'}")
    if kind == "agency":
        return agency_view(store, target or "", registry=registry, jurisdiction=jurisdiction, policy=policy,
                           color_by=color_by)
    if kind == "policy":
        return policy_view(store, target or "", color_by=color_by)
    raise ValueError(f"unknown view {kind!r}; one of {', '.join(KINDS)}")


# ── coordination ─────────────────────────────────────────────────────────────────────────────

def coordination_view(store, jurisdiction=None, policy=None, color_by="kind", size_by="tasks") -> View:
    """Agencies joined by shared tasks; size = load, colour = kind or jurisdiction, width = Newman weight."""
    rows = incidences(store, jurisdiction, policy)
    if not rows:
        return View.nothing((policy and policy_problem(store, policy)) or "no tasks with agencies match those filters")
    g = cowork_graph(rows)
    # Load from the incidences directly: coordination_load would add betweenness, which is
    # quadratic and not needed for drawing (it is O(V·E) — minutes at 2,000 agencies).
    roles: dict[str, Counter] = defaultdict(Counter)
    tasks: dict[str, dict] = defaultdict(dict)
    for r in rows:
        roles[r["agency_id"]][r["role"]] += 1
        tasks[r["agency_id"]][r["task_id"]] = r
    colors, legend = _agency_colors([g.nodes[n] for n in g], color_by)
    measure = {n: len(tasks[n]) if size_by == "tasks" else g.degree(n, weight="weight") for n in g}
    top = max(measure.values(), default=1) or 1
    top_w = max((d["weight"] for _, _, d in g.edges(data=True)), default=1) or 1
    for n, d in g.nodes(data=True):
        c = roles[n]
        wdeg = g.degree(n, weight="weight")
        d.update(tasks=len(tasks[n]), leads=c["lead"], joint=c["joint"],
                 participations=c["participant"] + c["implementer"], weighted_degree=round(wdeg, 3),
                 partners=g.degree(n))
        d["importance"] = measure[n]
        d["vis"] = {"label": L.short_label(d["name"]), "size": round(6 + 22 * (measure[n] / top) ** 0.5, 1),
                    "shape": "dot",
                    "color": colors(d), "tooltip": S.tooltip(
                        d["name"], d.get("name_en"), f"{d.get('jurisdiction') or '?'} · {_kind_label(d)}",
                        f"{len(tasks[n])} tasks: leads {c['lead']}, joint {c['joint']}, "
                        f"participates {c['participant'] + c['implementer']}",
                        f"{g.degree(n)} partners · weighted degree {wdeg:.2f}")}
    for u, v, d in g.edges(data=True):
        shared = sorted(set(tasks[u]) & set(tasks[v]))
        d["weight"] = round(d["weight"], 4)
        d["tasks"] = shared
        d["vis"] = {"width": round(0.6 + 6 * d["weight"] / top_w, 2), "color": {"color": "#9aa5b1", "opacity": 0.55},
                    "tooltip": S.tooltip(f"{g.nodes[u]['name']} — {g.nodes[v]['name']}",
                                         f"{d['shared']} shared tasks · Newman weight {d['weight']:.3f}",
                                         *_task_lines([tasks[u][t] for t in shared]))}
    title = "Coordination network" + _filters(jurisdiction, policy)
    legend += [{"label": "size: " + ("tasks" if size_by == "tasks" else "weighted degree"), "shape": "note"},
               {"label": "edge width: Newman weight of shared tasks", "line": {"color": "#9aa5b1", "width": 3}}]
    return View(g, title, legend, notes=[
        "An edge joins two bodies that share tasks; a task with n bodies gives each pair 1/(n−1)."])


def _task_lines(task_rows: list[dict]) -> list[str]:
    out = []
    for r in task_rows[:TASKS_PER_TOOLTIP]:
        out.append(f"• {r['number']} {r['task']}  [{_file(r['source'])}]")
        if r.get("clause"):
            out.append(f"    ({_clip(r['clause'], 90)})")
    if len(task_rows) > TASKS_PER_TOOLTIP:
        out.append(f"… and {len(task_rows) - TASKS_PER_TOOLTIP} more")
    return out


# ── lineage ──────────────────────────────────────────────────────────────────────────────────

def lineage_view(store, ref: str | None = None, cites: bool = True) -> View:
    """Policies by level, national at the top; arrows point from a policy to what it implements."""
    if ref:
        g = lineage_graph(store, ref, cites=cites)
        if not g:
            return View.nothing(f"no policy in the graph matches {ref!r} — 'policygraph policies' lists them")
    else:
        g = _all_links(store, cites)
        if not g:
            return View.nothing("no policies in the graph — run 'policygraph load PATH…' first")
    levels = _levels(g)
    pos = _layered_positions(g, levels)
    roots = [n for n, d in g.nodes(data=True) if d.get("root")]
    for n, d in g.nodes(data=True):
        lvl = levels[n]
        d["level"] = d.get("level") or (S.LEVELS[lvl] if lvl < len(S.LEVELS) else None)
        referenced = d.get("status") == "referenced"
        col = S.LEVEL_COLORS[S.LEVELS[lvl]] if lvl < len(S.LEVELS) else UNKNOWN_COLOR
        d["importance"] = g.degree(n) + (10**6 if d.get("root") else 0)
        d["vis"] = {
            "label": S.wrap(d.get("title"), 9, 3) + (f"\n{d['doc_number']}" if d.get("doc_number") else ""),
            "shape": "box", "x": pos[n][0], "y": pos[n][1], "borderWidth": 4 if d.get("root") else 1.5,
            "color": {"background": "#ffffff" if referenced else col, "border": col},
            "font": {"color": "#333333" if referenced else "#ffffff", "size": 16, "strokeWidth": 0},
            "tooltip": S.tooltip(d.get("title"), d.get("doc_number"),
                                 " · ".join(x for x in (d["level"] or "level unknown", d.get("jurisdiction"),
                                                        d.get("issued"), d.get("status")) if x),
                                 "(the policy asked about)" if d.get("root") else None)}
    for u, v, d in g.edges(data=True):
        imp = d.get("relation") == "IMPLEMENTS"
        d["vis"] = {"arrows": "to", "width": 2.2 if imp else 1, "dashes": not imp,
                    "color": "#555555" if imp else "#b0b0b0",
                    "tooltip": f"{g.nodes[u].get('title')}\n{d.get('relation')}\n{g.nodes[v].get('title')}"}
    legend: list[dict] = [{"label": f"{lv} policy", "color": S.LEVEL_COLORS[lv], "shape": "box"} for lv in S.LEVELS]
    if any(lvl == len(S.LEVELS) for lvl in levels.values()):
        legend.append({"label": "level unknown (bottom row)", "color": UNKNOWN_COLOR, "shape": "box"})
    legend += [{"label": "referenced only (not loaded)", "color": "#ffffff", "border": "#888888", "shape": "box"},
               {"label": "IMPLEMENTS (arrow points up to the implemented policy)",
                "line": {"color": "#555555", "width": 3}},
               {"label": "CITES", "line": {"color": "#b0b0b0", "width": 2, "dashes": True}}]
    title = "Policy lineage" + (f": {g.nodes[roots[0]]['title']}" if len(roots) == 1 else
                                f" ({ref})" if ref else "")
    return View(g, title, legend, hierarchical=True, matched=[{"id": r, **_plain(g.nodes[r])} for r in roots],
                notes=["Top to bottom: national → provincial → municipal → county; a policy whose "
                       "level is not known (cited only, no jurisdiction) at the bottom."])


UNKNOWN_COLOR = "#9e9e9e"     # a level the documents do not tell: never drawn as county


ROW = 6                                   # policies per row inside a level before it wraps
DX, DY, LEVEL_GAP = 200, 95, 120           # px between boxes, between wrapped rows, between levels


def _layered_positions(g: nx.DiGraph, levels: dict) -> dict:
    """x, y per policy: one band per level (national at the top), wrapped every ROW policies.

    vis-network's own hierarchical layout puts a whole level on one line, so the dozen laws a
    provincial plan cites stretch the page until nothing is readable. Within a band, policies
    follow a depth-first walk from the top, which keeps a policy next to what it cites.
    """
    order: dict = {}
    start = sorted(g.nodes, key=lambda n: (levels[n], g.nodes[n].get("status") == "referenced",
                                           g.nodes[n].get("title") or ""))
    und = g.to_undirected(as_view=True)
    for s in start:
        if s not in order:
            for n in nx.dfs_preorder_nodes(und, s):
                order.setdefault(n, len(order))
    pos, y = {}, 0.0
    for lvl in sorted(set(levels.values())):
        band = sorted((n for n in g if levels[n] == lvl), key=lambda n: order[n])
        rows = [band[i:i + ROW] for i in range(0, len(band), ROW)]
        for r, row in enumerate(rows):
            for i, n in enumerate(row):
                # Stagger wrapped rows by half a step so their edges do not run through boxes.
                pos[n] = ((i - (len(row) - 1) / 2 + (0.5 if r % 2 else 0)) * DX, y + r * DY)
        y += (len(rows) - 1) * DY + DY + LEVEL_GAP
    return pos


def _all_links(store, cites: bool) -> nx.DiGraph:
    """Every policy and every IMPLEMENTS/CITES edge between policies, in one query."""
    pols = list_policies(store)
    g = nx.DiGraph()
    for p in pols:
        g.add_node(p["id"], title=p["title"], doc_number=p["doc_number"], jurisdiction=p["jurisdiction"],
                   issued=p["issued"], status=p["status"], level=None)
    level = {p["id"]: p["level"] for p in pols}
    for row in run(store, "all_policy_links"):
        # Edges in (from, relation, to) order: the layout's depth-first walk follows insertion order.
        for relation, targets in (("CITES", row["cites"] if cites else []), ("IMPLEMENTS", row["implements"])):
            for to in targets:
                for end in (row["from_id"], to):     # a policy's level is shown once it has a link
                    g.nodes[end]["level"] = level[end]
                g.add_edge(row["from_id"], to, relation=relation)
    if not cites:
        # A referenced-only policy is in the graph because a document cites it: with citations
        # hidden and no IMPLEMENTS edge, nothing places it.
        g.remove_nodes_from([n for n, d in g.nodes(data=True) if d["status"] == "referenced" and not g.degree(n)])
    return g


def _levels(g: nx.DiGraph) -> dict:
    """Level index per policy; referenced policies without one get it from their jurisdiction,
    else they sit in a band of their own ("level unknown"): guessing it from the citing
    policy put national laws cited by a city plan among the counties."""
    out = {}
    for n, d in g.nodes(data=True):
        lv = d.get("level")
        if lv not in LEVEL_ORDER:
            j = J.get(d.get("jurisdiction") or "")
            lv = j.level if j and j.level in LEVEL_ORDER else None
        if lv in LEVEL_ORDER:
            out[n] = LEVEL_ORDER[lv]
    for n in g.nodes:
        out.setdefault(n, len(S.LEVELS))      # its own band under the others: level unknown
    return out


# ── one agency's or one policy's neighbourhood ───────────────────────────────────────────────

def agency_view(store, query: str, registry=None, jurisdiction=None, policy=None, color_by="kind") -> View:
    """One body: its tasks (by role), the partners on them and the targets they set."""
    bodies = match_agencies(store, query, registry)
    if not bodies:
        return View.nothing(f"no agency in the graph matches {query!r}", suggest_agencies(store, query, registry))
    ids = {a.id for a in bodies}
    rows = incidences(store, jurisdiction, policy)
    mine = {r["task_id"] for r in rows if r["agency_id"] in ids}
    filtered = jurisdiction or policy
    matched = matched_rows(bodies, {r["agency_id"] for r in rows if r["task_id"] in mine} if filtered else None)
    if not mine:
        v = View.nothing((policy and policy_problem(store, policy))
                         or f"{'、'.join(a.name for a in bodies)} has no tasks" + _filters(jurisdiction, policy))
        v.matched = matched
        return v
    g = _task_graph(store, [r for r in rows if r["task_id"] in mine], focus=ids, color_by=color_by)
    names = "、".join(a.name for a in bodies)
    v = View(g, f"{names}: tasks, partners, targets" + _filters(jurisdiction, policy),
             _task_legend(g, color_by), matched=matched)
    v.notes = [f"{len(mine)} tasks; ★ = {names}"]
    return v


def policy_view(store, ref: str, color_by="kind") -> View:
    """One policy: its tasks, the agencies on them (by role) and the targets they set."""
    pols = match_policies(store, ref)
    problem = policy_problem(store, ref, pols)
    if problem:
        # Cited by loaded documents, never loaded itself: a page with one box would say nothing.
        return View.nothing(problem)
    rows = [r for p in pols for r in incidences(store, policy=p["id"])]
    # Tasks without an assigning clause have no incidence row; they belong to the policy all the same.
    extra = [{"task_id": t["task_id"], "task": t["title"], "number": t["number"], "clause": t["clause"],
              "source": t["source"], "policy": p["title"], "policy_id": p["id"]}
             for p in pols for t in run(store, "policy_tasks", policy=p["id"])]
    g = _task_graph(store, rows, color_by=color_by, tasks=extra)
    for p in pols:
        pid = "policy:" + p["id"]
        g.add_node(pid, kind="policy", title=p["title"], doc_number=p["doc_number"], level=p["level"],
                   jurisdiction=p["jurisdiction"], issued=p["issued"], source=p["source"], status=p["status"],
                   importance=10**7, vis={"label": S.wrap(p["title"], 14, 3), "shape": S.NODE_SHAPES["policy"],
                        "color": S.NODE_COLORS["policy"], "font": {"color": "#ffffff", "size": 16, "strokeWidth": 0},
                        "tooltip": S.tooltip(p["title"], p["doc_number"], " · ".join(
                            x for x in (p["level"], p["jurisdiction"], p["issued"], p["status"]) if x),
                            p["source"], f"{p['tasks']} tasks")})
        for r in extra:
            if r["policy_id"] == p["id"]:
                g.add_edge(pid, "task:" + r["task_id"], relation="CONTAINS",
                           vis={"color": "#c9a7dd", "width": 1})
    title = "Policy: " + "; ".join(p["title"] for p in pols)
    legend = [{"label": "policy", "color": S.NODE_COLORS["policy"], "shape": "box"}] + _task_legend(g, color_by)
    return View(g, title, legend, matched=[{"id": p["id"], "title": p["title"]} for p in pols],
                notes=[f"{sum(1 for _, d in g.nodes(data=True) if d['kind'] == 'task')} tasks"])


def _task_graph(store, rows: list[dict], focus: set | frozenset = frozenset(), color_by="kind",
                tasks: Sequence[dict] = ()) -> nx.Graph:
    """Task and agency nodes with one edge per (task, agency) carrying its roles, plus targets.
    `rows` are incidences (task × agency × role); `tasks` adds tasks that have none."""
    g = nx.Graph()
    colors, _ = _agency_colors([{"agency_kind": r["kind"], "jurisdiction": r["jurisdiction"]} for r in rows],
                               color_by)
    by_task: dict[str, list[dict]] = defaultdict(list)
    first: dict[str, dict] = {}
    for r in [*tasks, *rows]:
        first.setdefault(r["task_id"], r)
        if "agency_id" in r:
            by_task[r["task_id"]].append(r)
    targets: dict[str, list[dict]] = defaultdict(list)
    for tg in run(store, "task_targets", tasks=sorted(first)):
        targets[tg["task_id"]].append(tg)
    for tid, r0 in first.items():
        rs = by_task[tid]
        t = "task:" + tid
        g.add_node(t, kind="task", title=r0["task"], number=r0["number"], policy=r0["policy"],
                   clause=r0["clause"], source=r0["source"],
                   vis={"label": L.short_label(f"{r0['number']} {r0['task']}"), "shape": S.NODE_SHAPES["task"],
                        "color": S.NODE_COLORS["task"], "size": 10,
                        "tooltip": S.tooltip(f"{r0['number']} {r0['task']}", r0["policy"],
                                             f"clause: ({r0['clause']})" if r0["clause"] else "no clause",
                                             f"source: {r0['source']}")})
        for r in rs:
            a = "agency:" + r["agency_id"]
            if a not in g:
                me = r["agency_id"] in focus
                data = {"agency_kind": r["kind"], "jurisdiction": r["jurisdiction"]}
                where = f"{r['jurisdiction'] or '?'} · {_kind_label(data)}"
                g.add_node(a, kind="agency", name=r["agency"], name_en=r["agency_en"], jurisdiction=r["jurisdiction"],
                           agency_kind=r["kind"], focus=me,
                           vis={"label": L.short_label(r["agency"]),
                                "shape": S.NODE_SHAPES["focus" if me else "agency"], "size": 26 if me else 12,
                                "color": S.NODE_COLORS["focus"] if me else colors(data),
                                "tooltip": S.tooltip(r["agency"], r["agency_en"], where)})
            roles = g.edges[t, a]["roles"] if g.has_edge(t, a) else []
            roles = sorted(set(roles) | {r["role"]}, key=list(S.ROLE_STYLES).index)
            g.add_edge(t, a, roles=roles, vis={**S.ROLE_STYLES[roles[0]], "tooltip": S.tooltip(
                f"{r['agency']}: {', '.join(roles)}", f"{r0['number']} {r0['task']}",
                f"({r0['clause']})" if r0["clause"] else None, f"source: {r0['source']}")})
        for k, tg in enumerate(targets[tid]):
            n = f"target:{tid}:{k}"
            value = f"{tg['comparator'] or ''}{tg['value'] or ''}".replace(">=", "≥").replace("<=", "≤")
            g.add_node(n, kind="target", indicator=tg["indicator"], value=tg["value"], comparator=tg["comparator"],
                       year=tg["year"], text=tg["text"],
                       vis={"label": L.short_label(f"{tg['indicator']} {value}"), "shape": S.NODE_SHAPES["target"],
                            "size": 8, "color": S.NODE_COLORS["target"],
                            # The label's words first: a cut label is the start of this line.
                            "tooltip": S.tooltip(f"{tg['indicator']} {value}"
                                                 + (f" by {tg['year']}" if tg["year"] else ""), tg["text"])})
            g.add_edge(t, n, relation="SETS", vis={"color": "#7bd389", "width": 1})
    # The size measure: how many others a node is joined to, the body asked about first; an
    # agency's dot grows with it.
    for n, d in g.nodes(data=True):
        deg = g.degree(n)
        d["importance"] = deg + (10**6 if d.get("focus") else 0)
        if d["kind"] == "agency" and not d.get("focus"):
            d["vis"]["size"] = round(min(8 + 3 * deg ** 0.5, 22), 1)
    return g


def _task_legend(g: nx.Graph, color_by: str) -> list[dict]:
    asked = [d["name"] for _, d in sorted(g.nodes(data=True), key=lambda nd: str(nd[0])) if d.get("focus")]
    legend: list[dict] = [{"label": "asked about: " + "、".join(asked), "color": S.NODE_COLORS["focus"],
                           "shape": "star"}] if asked else []
    legend += [{"label": "task", "color": S.NODE_COLORS["task"], "shape": "square"},
               {"label": "target", "color": S.NODE_COLORS["target"], "shape": "triangle"}]
    _, agency_legend = _agency_colors([d for _, d in g.nodes(data=True) if d.get("kind") == "agency"
                                       and not d.get("focus")], color_by)
    legend += agency_legend
    roles = {r for _, _, d in g.edges(data=True) for r in d.get("roles", [])}
    legend += [{"label": S.ROLE_LABELS[r], "line": S.ROLE_STYLES[r]} for r in S.ROLE_STYLES if r in roles]
    return legend


# ── helpers ──────────────────────────────────────────────────────────────────────────────────

def _agency_colors(nodes: list[dict], color_by: str):
    """(colour function for an agency's data, legend entries) for --color-by kind|jurisdiction."""
    if color_by == "jurisdiction":
        pal = S.palette_for(d.get("jurisdiction") for d in nodes)
        legend = [{"label": j or "(no jurisdiction)", "color": c, "shape": "dot"} for j, c in pal.items()]
        return (lambda d: pal.get(d.get("jurisdiction") or "", "#9d9d9d")), legend
    present = {d.get("agency_kind") or "" for d in nodes}
    legend = [{"label": S.KIND_LABELS[k], "color": c, "shape": "dot"} for k, c in S.KIND_COLORS.items()
              if k in present]
    # Kinds from a user's own registry file share the "other" colour, under their own names.
    legend += [{"label": k, "color": S.KIND_COLORS["other"], "shape": "dot"}
               for k in sorted(present - set(S.KIND_COLORS))]
    return (lambda d: S.KIND_COLORS.get(d.get("agency_kind") or "", S.KIND_COLORS["other"])), legend


def _kind_label(d: dict) -> str:
    return S.KIND_LABELS.get(d.get("agency_kind") or "", d.get("agency_kind") or "")


def _filters(jurisdiction, policy) -> str:
    bits = [x for x in (jurisdiction, policy) if x]
    return f" ({', '.join(bits)})" if bits else ""


def _file(source: str | None) -> str:
    return (source or "?").replace("\\", "/").rsplit("/", 1)[-1]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _plain(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "vis"}


# ── align ────────────────────────────────────────────────────────────────────────────────────

ALIGN_DX, ALIGN_DY = 600, 30             # px between the two columns, between tasks (one line each)
STRENGTH_STYLE = {"strong": {"color": "#2e7d32", "width": 3.2, "dashes": False},
                  "partial": {"color": "#f9a825", "width": 1.6, "dashes": True}}


def align_view(store, x_ref: str, y_ref: str) -> View:
    """Two columns, X's tasks on the left and Y's on the right in document order, a line from a
    task of X to each task of Y it takes up (green: strong, dashed amber: partial)."""
    from ..queries.align import align, tasks_of
    ans = align(store, x_ref, y_ref)
    if ans.problem or ans.x is None or ans.y is None:
        return View.nothing(ans.problem or "nothing to align")
    g = nx.DiGraph()
    xs = run(store, "policy_task_texts", policies=[ans.x["id"]])
    ys = run(store, "policy_task_texts", policies=[ans.y["id"]])
    linked_x = {r["x_task_id"] for r in ans.rows}
    linked_y = {r["y_task_id"] for r in ans.rows}
    columns = ((tasks_of(xs), linked_x, S.LEVEL_COLORS["municipal"]),
               (tasks_of(ys), linked_y, S.LEVEL_COLORS["provincial"]))
    height = (max(len(c[0]) for c in columns) - 1) * ALIGN_DY
    for side, (tasks, linked, col) in enumerate(columns):
        pol = ans.x if side == 0 else ans.y
        step = height / max(len(tasks) - 1, 1)      # both columns span the same height
        for i, t in enumerate(tasks):
            on = t.id in linked
            g.add_node(t.id, kind="task", side="XY"[side], number=t.key, title=t.title, policy=pol["title"],
                       importance=1, vis={"label": f"{t.key} {L.short_label(t.title, 16)}", "shape": "box",
                            "x": (side - 0.5) * ALIGN_DX, "y": i * step,
                            "color": {"background": col if on else "#ffffff", "border": col},
                            "font": {"color": "#ffffff" if on else "#555555", "size": 14, "strokeWidth": 0},
                            "tooltip": S.tooltip(f"{t.key} {t.title}", pol["title"],
                                                 None if on else ("no counterpart in the other plan"))})
    for r in ans.rows:
        style = STRENGTH_STYLE[r["strength"]]
        g.add_edge(r["x_task_id"], r["y_task_id"], score=r["score"], strength=r["strength"],
                   vis={"arrows": "to", "smooth": False, **style,
                        "tooltip": f"{r['x_number']} {r['x_title']}\n{r['strength']} ({r['score']})\n"
                                   f"{r['y_number']} {r['y_title']}"})
    legend: list[dict] = [
        {"label": f"X: {ans.x['title']}", "color": S.LEVEL_COLORS["municipal"], "shape": "box"},
        {"label": f"Y: {ans.y['title']}", "color": S.LEVEL_COLORS["provincial"], "shape": "box"},
        {"label": "no counterpart", "color": "#ffffff", "border": "#888888", "shape": "box"},
        {"label": "strong: the same work item", "line": {"color": "#2e7d32", "width": 4}},
        {"label": "partial: one measure in common", "line": {"color": "#f9a825", "width": 2, "dashes": True}}]
    return View(g, f"Task alignment: {ans.x['title']} → {ans.y['title']}", legend, hierarchical=True,
                matched=[ans.x, ans.y],
                notes=[f"{len(ans.rows)} links; {len(ans.x_unmatched)} of X's tasks with no counterpart, "
                       f"{len(ans.y_unmatched)} of Y's that no task of X takes up."])
