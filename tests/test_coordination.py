"""Coordination load against its definition: networkx's collaboration-weighted projection and
betweenness, computed from the flat task × agency rows, on the seeds and a synthetic graph."""
import json
import random
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from graphs import BACKENDS, new_graph
from networkx.algorithms import bipartite
from seedcheck import SEEDS

from policygraph.cli import cli
from policygraph.graph import build_graph, open_store
from policygraph.graph.sample import synthetic_extract
from policygraph.pipeline import load_paths, remove
from policygraph.queries import coordination
from policygraph.queries.coordination import betweenness, coordination_load, cowork_graph, incidences
from policygraph.queries.policies import list_policies


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    path = tmp_path_factory.mktemp("coord") / "pg.db"
    assert CliRunner().invoke(cli, ["load", str(SEEDS), "--store", str(path)]).exit_code == 0
    with open_store(str(path), read_only=True) as st:
        yield st


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("coord") / "syn.db"
    with open_store(str(path)) as st:
        st.load(build_graph(synthetic_extract(60)))
    with open_store(str(path), read_only=True) as st:
        yield st


def reference(rows):
    """Per agency id: the figures coordination_load reports, computed the textbook way, with
    exact fractions (networkx runs Dijkstra on Fraction lengths as well as on floats)."""
    b = nx.Graph()
    b.add_edges_from((("t", r["task_id"]), ("a", r["agency_id"])) for r in rows)
    agencies = {("a", r["agency_id"]) for r in rows}
    g = nx.Graph()
    g.add_nodes_from(agencies)
    for t in set(b) - agencies:                       # Newman: 1/(n-1) to each pair of a task
        on = sorted(b[t])
        for i, u in enumerate(on):
            for v in on[i + 1:]:
                w = g.edges[u, v]["weight"] if g.has_edge(u, v) else 0
                g.add_edge(u, v, weight=w + Fraction(1, len(on) - 1))
    projected = bipartite.collaboration_weighted_projected_graph(b, agencies)
    assert {(u, v): float(d["weight"]) for u, v, d in g.edges(data=True)} == pytest.approx(
        {(u, v): projected.edges[u, v]["weight"] for u, v in g.edges}, abs=1e-12)
    for _, _, d in g.edges(data=True):
        d["distance"] = 1 / d["weight"]
    between = nx.betweenness_centrality(g, weight="distance")
    roles, tasks, policy_tasks, name = defaultdict(Counter), defaultdict(set), defaultdict(set), {}
    for r in rows:
        roles[r["agency_id"]][r["role"]] += 1
        tasks[r["agency_id"]].add(r["task_id"])
        policy_tasks[r["policy"]].add(r["task_id"])
        name[r["agency_id"]] = r["agency"]
    out = {}
    for a, ts in tasks.items():
        share, pol = max((len(ts & policy_tasks[p]) / len(policy_tasks[p]), p) for p in policy_tasks
                         if ts & policy_tasks[p])
        out[a] = {"agency": name[a], "leads": roles[a]["lead"], "joint": roles[a]["joint"],
                  "participations": roles[a]["participant"] + roles[a]["implementer"], "tasks": len(ts),
                  "partners": g.degree(("a", a)), "share": round(share, 3), "share_policy": pol,
                  "weighted_degree": round(float(g.degree(("a", a), weight="weight")), 3),
                  "betweenness": round(float(between[("a", a)]), 4)}
    return out


def check_against_reference(st, **where):
    rows = incidences(st, **where)
    got = coordination_load(st, **where)
    ref = reference(rows)
    assert len(got) == len(ref) > 0
    assert {r["agency_id"]: {k: r[k] for k in ref[r["agency_id"]]} for r in got} == ref
    assert [r["agency_id"] for r in got] == sorted(
        ref, key=lambda a: (-ref[a]["weighted_degree"], -ref[a]["tasks"], ref[a]["agency"]))
    assert [r["rank"] for r in got] == list(range(1, len(got) + 1))
    return got


def test_coordination_load_is_its_definition(seeds, synthetic):
    for st in (seeds, synthetic):
        jurisdictions = sorted({p["jurisdiction"] for p in list_policies(st) if p["source"]})
        assert len(jurisdictions) >= 3
        for j in jurisdictions:
            check_against_reference(st, jurisdiction=j)     # read one row per task
        check_against_reference(st)                         # the whole graph, flat rows
    got = check_against_reference(seeds, policy="佛山")
    assert any(r["betweenness"] > 0 for r in got)
    assert check_against_reference(seeds, jurisdiction="广东省")[0]["agency"] == "广东省质量技术监督局"


def test_jurisdiction_incidences_are_the_whole_graph_rows_of_its_policies(seeds, synthetic):
    for st in (seeds, synthetic):
        where = {p["id"]: p["jurisdiction"] for p in list_policies(st)}
        whole = incidences(st)
        for j in sorted(set(where.values()) - {None}):
            assert incidences(st, jurisdiction=j) == [r for r in whole if where[r["policy_id"]] == j]


def test_newman_weights_are_exact_whatever_the_row_order():
    # One pair shares tasks of 3, 4 and 7 agencies: 1/2 + 1/3 + 1/6 = 1, which float addition
    # gives as 0.9999999999999999 or 1.0 depending on the order.
    assert (1 / 2 + 1 / 3) + 1 / 6 != (1 / 6 + 1 / 3) + 1 / 2
    rows = []
    for task, n in (("t3", 3), ("t4", 4), ("t7", 7)):
        for i in range(n):
            a = "ab"[i] if i < 2 else f"{task}-{i}"
            rows.append({"task_id": task, "agency_id": a, "agency": a, "agency_en": a, "jurisdiction": "J",
                         "kind": None, "level": None})
    for order in (rows, rows[::-1]):
        g = cowork_graph(order)
        assert g.edges["a", "b"]["weight"] == 1.0 and g.edges["a", "b"]["distance"] == 1.0
        assert g.edges["a", "b"]["shared"] == 3


def test_betweenness_equals_networkx_exactly():
    rnd = random.Random(7)
    for _ in range(200):
        n, p = rnd.randint(1, 22), rnd.random()
        g = nx.Graph()
        g.add_nodes_from(f"n{i}" for i in range(n))                  # isolated nodes count too
        for i in range(n):
            for j in range(i + 1, n):
                if rnd.random() < p:                                  # equal lengths: tied paths
                    length = rnd.choice([1.0, 2.0, 0.5, 1 / 3, 1.5, rnd.random() + 0.01])
                    g.add_edge(f"n{i}", f"n{j}", distance=length)
        adj = {u: {v: d["distance"] for v, d in g[u].items()} for u in g}
        assert betweenness(adj) == nx.betweenness_centrality(g, weight="distance", normalized=True)


def test_betweenness_decides_ties_exactly():
    # Lengths 1/k as Newman weights make them: a path 1/2 + 1/3 + 1/6 ties an edge of length 1,
    # which float addition may miss; with exact= the counts of shortest paths are right.
    rnd = random.Random(11)
    floats_wrong = 0
    for _ in range(150):
        n = rnd.randint(3, 14)
        g = nx.Graph()
        g.add_nodes_from(range(n))
        for i in range(n):
            for j in range(i + 1, n):
                if rnd.random() < 0.5:
                    g.add_edge(i, j, distance=rnd.choice([Fraction(1, k) for k in (1, 2, 3, 6, 7, 9)] + [Fraction(5, 6)]))
        ref = nx.betweenness_centrality(g, weight="distance")
        adj = {u: {v: float(d["distance"]) for v, d in g[u].items()} for u in g}
        got = betweenness(adj, exact=lambda u, v, g=g: g.edges[u, v]["distance"])
        assert got == pytest.approx({k: float(x) for k, x in ref.items()}, abs=1e-12)
        floats_wrong += betweenness(adj) != pytest.approx({k: float(x) for k, x in ref.items()}, abs=1e-12)
    assert floats_wrong > 0          # the case exists: without exact= some of these come out wrong



# -- the figures a load stores per jurisdiction ----------------------------------------------

FIGURES = ("agency_id", "agency", "leads", "joint", "participations", "tasks", "partners", "share",
           "share_policy", "weighted_degree", "betweenness", "rank")


@pytest.fixture(params=BACKENDS)
def graph(request, tmp_path):
    return new_graph(request, request.param, tmp_path)


def _stored(st) -> dict:
    return {r["name"]: r["c"] for r in st.query("MATCH (j:Jurisdiction) RETURN j.name AS name, j.coordination AS c")}


def _mark(st, names) -> None:
    """A mark in these jurisdictions' stored figures, written past Store.query (whose writes
    clear them all): a load that works them out again replaces it."""
    with st.engine.transaction() as w:
        for n in names:
            w.run("MATCH (j:Jurisdiction) WHERE j.name = $n SET j.coordination = 'mark'", {"n": n})


def _answers(st) -> dict:
    places = sorted({p["jurisdiction"] for p in list_policies(st) if p["source"]})
    return {j: [{k: r[k] for k in FIGURES} for r in coordination_load(st, jurisdiction=j)] for j in places}


def test_stored_figures_answer_as_the_tasks_do(graph, monkeypatch):
    monkeypatch.setattr(coordination, "STORE_FROM", 0)     # the seeds' jurisdictions are small
    with graph.open() as st:
        load_paths(st, [str(SEEDS)])
        stored = _stored(st)
        assert None not in stored.values() and len(stored) >= 3
        assert all(json.loads(c) for j, c in stored.items() if j in ("广东省", "甘肃省", "佛山市"))
        read = _answers(st)
        assert len(read) >= 3 and all(read.values())
        # Any write through Store.query clears them (what it changed is not known): the same
        # answers, worked out from the tasks.
        st.query("MATCH (p:Policy) WHERE p.id = 'no-such-policy' SET p.title = 'x'", write=True)
        assert set(_stored(st).values()) == {None}
        assert _answers(st) == read
        # With the default floor the seeds' jurisdictions are answered from their tasks: "".
        monkeypatch.undo()
        load_paths(st, [str(SEEDS / "000_aa28b4d85b00b654.txt")])   # unchanged: nothing to do
        remove(st, str(SEEDS / "000_aa28b4d85b00b654.txt"))
        assert set(_stored(st).values()) == {""}
        load_paths(st, [str(SEEDS / "000_aa28b4d85b00b654.txt")])
        assert _answers(st) == read


def test_a_small_jurisdiction_stores_no_figures_and_answers_from_its_tasks(graph):
    with graph.open() as st:
        load_paths(st, [str(SEEDS)])
        assert set(_stored(st).values()) == {""}        # fewer than STORE_FROM tasks each
        check_against_reference(st, jurisdiction="广东省")


def test_a_load_works_out_again_only_the_figures_its_documents_change(graph, monkeypatch):
    monkeypatch.setattr(coordination, "STORE_FROM", 0)
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    foshan = next(f for f in files if "佛山市人民政府关于印发" in Path(f).read_text(encoding="utf-8")[:300])
    with graph.open() as st:
        load_paths(st, [f for f in files if f != foshan])
        others = set(_stored(st))
        _mark(st, others)
        load_paths(st, [foshan])
        after = _stored(st)
        assert after["佛山市"] not in (None, "mark", "")
        assert {j for j, c in after.items() if c == "mark"} == others - {"佛山市"}
        _mark(st, ["佛山市"])
        load_paths(st, [foshan])                     # unchanged: nothing to work out
        assert _stored(st)["佛山市"] == "mark"
        remove(st, foshan)
        gone = _stored(st)
        assert gone.get("佛山市") != "mark"          # worked out again (no tasks left), or the node went
        assert {j for j, c in gone.items() if c == "mark"} == others - {"佛山市"}
