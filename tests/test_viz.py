"""policygraph viz: the four views of the seeds, self-contained HTML, GEXF, 2,000+ nodes, the command."""
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from policygraph.cli import cli
from policygraph.graph import build_graph, open_store
from policygraph.graph.sample import synthetic_extract
from policygraph.queries.coordination import cowork_graph, incidences
from policygraph.viz import View, build_view, external_refs, to_html, write_gexf, write_html
from policygraph.viz import style as S
from policygraph.viz.html import strip_external
from policygraph.viz.views import _all_links

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "data" / "seeds")
FOSHAN = "贯彻落实广东省实施质量强省战略决定实施方案"
GB18 = "国办发〔2016〕18号"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("viz") / "pg.db"
    r = invoke("load", SEEDS, "--store", d, "--format", "json")
    assert r.exit_code == 0, r.output
    return d


@pytest.fixture(scope="module")
def st(store_dir):
    with open_store(str(store_dir), read_only=True) as s:
        yield s


def assert_self_contained(page: str):
    assert external_refs(page) == []
    # Nothing left of pyvis's CDN template, and vis-network is inlined.
    for needle in ("cdn.jsdelivr", "cdnjs", "bootstrap", "tom-select", "lib/bindings", "<script src", "<link "):
        assert needle not in page, needle
    assert "@version 10.1.5" in page and "new vis.Network(" in page
    assert '<meta charset="utf-8">' in page
    assert "Noto Sans CJK SC" in page


def test_every_view_of_the_seeds_is_one_self_contained_page(st, tmp_path):
    for kind, target in [("coordination", None), ("lineage", "佛山"), ("lineage", None),
                         ("agency", "provincial quality bureau"), ("policy", "佛山")]:
        view = build_view(st, kind, target)
        assert view.problem is None and view.graph.number_of_nodes() > 5, (kind, view.problem)
        page = Path(write_html(view, tmp_path / f"{kind}.html")).read_text(encoding="utf-8")
        assert_self_contained(page)
        assert view.title in page                       # Chinese kept as text, not \u escapes
        assert 'id="pg-legend"' in page and all(item["label"] in page for item in view.legend)
        data = json.loads(re.search(r"new vis\.DataSet\((\[.*?\])\);\n", page).group(1))
        assert len(data) == view.graph.number_of_nodes()


def test_the_check_catches_what_pyvis_emits_and_the_strip_removes_it():
    # pyvis 0.3.2 links bootstrap from a CDN even with cdn_resources="in_line" (WestHealth/pyvis#229).
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node("a")
    page = net.generate_html()
    assert any("cdn.jsdelivr.net" in r for r in external_refs(page))
    assert not any("cdn" in r for r in external_refs(strip_external(page)))
    for bad in ['<img src="https://x.org/a.png">', "<style>@import url('//x.org/a.css')</style>",
                '<div style="background: url(http://x.org/b.png)">', "<link href='https://x.org/c.css'>"]:
        assert external_refs(bad), bad
    assert not external_refs('<a href="#top"></a><div style="background:url(data:image/png;base64,AA)">')


def test_coordination_sizes_colours_and_widths(st):
    view = build_view(st, "coordination")
    g = view.graph
    ref = cowork_graph(incidences(st))
    assert set(g.nodes) == set(ref.nodes) and g.number_of_edges() == ref.number_of_edges()
    zjj = next(n for n, d in g.nodes(data=True) if d["name"] == "广东省质量技术监督局")
    d = g.nodes[zjj]
    assert d["vis"]["value"] == d["tasks"] == 32                       # sized by load (tasks)
    assert d["vis"]["color"] == S.KIND_COLORS["government"]
    for u, v, e in g.edges(data=True):                                 # width = Newman weight
        assert e["vis"]["value"] == pytest.approx(ref.edges[u, v]["weight"], abs=1e-3)
        assert e["shared"] == len(e["tasks"])
    by_j = build_view(st, "coordination", color_by="jurisdiction", size_by="weighted_degree").graph
    colours = {d["jurisdiction"]: d["vis"]["color"] for _, d in by_j.nodes(data=True)}
    assert len(set(colours.values())) == len(colours) >= 4             # one colour per jurisdiction
    assert by_j.nodes[zjj]["vis"]["value"] == pytest.approx(by_j.nodes[zjj]["weighted_degree"], abs=1e-3)
    foshan = build_view(st, "coordination", jurisdiction="佛山市").graph
    assert {d["jurisdiction"] for _, d in foshan.nodes(data=True)} == {"佛山市"}


def test_tooltips_carry_task_title_raw_clause_and_source(st):
    g = build_view(st, "agency", "Guangdong quality bureau").graph
    task = next(d for _, d in g.nodes(data=True) if d["kind"] == "task" and d["clause"])
    tip = task["vis"]["tooltip"]
    assert task["title"] in tip and task["clause"] in tip and task["source"] in tip
    assert "<" not in tip            # plain text: document text cannot inject markup
    g = build_view(st, "coordination").graph
    u, v, e = max(g.edges(data=True), key=lambda x: x[2]["shared"])
    assert "shared tasks" in e["vis"]["tooltip"] and ".txt]" in e["vis"]["tooltip"]


def test_agency_view_is_the_bodys_neighbourhood(st):
    view = build_view(st, "agency", "provincial quality bureau")
    g = view.graph
    focus = {d["name"] for _, d in g.nodes(data=True) if d.get("focus")}
    assert focus == {"广东省质量技术监督局", "甘肃省质量技术监督局"}     # both provinces' 质监局
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"task", "agency", "target"}
    roles = {r for _, _, d in g.edges(data=True) for r in d.get("roles", [])}
    assert {"lead", "joint", "participant"} <= roles
    for n, d in g.nodes(data=True):   # every task is one of the body's own
        if d["kind"] == "task":
            assert any(g.nodes[m].get("focus") for m in g[n])
    assert build_view(st, "agency", "no such body xyz").problem


def test_policy_view_has_every_task_of_the_policy(st):
    view = build_view(st, "policy", "佛山")
    g = view.graph
    tasks = [n for n, d in g.nodes(data=True) if d["kind"] == "task"]
    pol = next(d for _, d in g.nodes(data=True) if d["kind"] == "policy")
    assert pol["title"] == FOSHAN and len(tasks) == 23
    assert any(d["kind"] == "target" for _, d in g.nodes(data=True))
    assert build_view(st, "policy", "不存在的政策").problem


def test_lineage_runs_top_to_bottom_by_level(st):
    view = build_view(st, "lineage", "佛山")
    g = view.graph
    by_title = {d["title"]: d for _, d in g.nodes(data=True)}
    gb = next(d for d in by_title.values() if d.get("doc_number") == GB18)
    y = lambda d: d["vis"]["y"]  # noqa: E731
    assert y(gb) < y(by_title["广东省实施质量强省战略2016-2017年行动计划"]) < y(by_title[FOSHAN])
    levels = {d["level"]: y(d) for d in by_title.values()}
    assert levels["national"] < levels["provincial"] < levels["municipal"]
    assert {d["relation"] for *_, d in g.edges(data=True)} == {"IMPLEMENTS", "CITES"}
    no_cites = build_view(st, "lineage", "佛山", cites=False).graph
    assert {d["relation"] for *_, d in no_cites.edges(data=True)} == {"IMPLEMENTS"}



def test_lineage_of_every_policy_is_every_link_in_order(st):
    # The edges go in by (from, relation, to): the layout's depth-first walk follows that order.
    rows = st.query("MATCH (p:Policy)-[r:IMPLEMENTS|CITES]->(q:Policy) RETURN p.id AS f, label(r) AS rel, "
                    "q.id AS t, p.level AS fl, q.level AS tl ORDER BY f, rel, t")
    assert {r["rel"] for r in rows} == {"IMPLEMENTS", "CITES"} and len({r["f"] for r in rows}) > 3
    for cites in (True, False):
        g = _all_links(st, cites)
        links = [r for r in rows if cites or r["rel"] == "IMPLEMENTS"]
        last = {(r["f"], r["t"]): r["rel"] for r in links}       # one edge per pair: the last relation
        assert {(u, v): d["relation"] for u, v, d in g.edges(data=True)} == last
        for n in g:                                             # neighbours in link order, both ways
            assert list(g.succ[n]) == list(dict.fromkeys(r["t"] for r in links if r["f"] == n))
            assert list(g.pred[n]) == list(dict.fromkeys(r["f"] for r in links if r["t"] == n))
        # A policy on a link carries its stored level; the others none (the view derives one).
        stored = {**{r["f"]: r["fl"] for r in links}, **{r["t"]: r["tl"] for r in links}}
        assert {n: d["level"] for n, d in g.nodes(data=True)} == {n: stored.get(n) for n in g}
        assert build_view(st, "lineage", cites=cites).graph.edges == g.edges


def test_gexf_is_the_same_subgraph(st, tmp_path):
    for kind, target in [("coordination", None), ("lineage", "佛山"), ("agency", "省质监局")]:
        view = build_view(st, kind, target)
        path = write_gexf(view, tmp_path / f"{kind}.gexf")
        back = nx.read_gexf(path)
        assert back.number_of_nodes() == view.graph.number_of_nodes()
        assert back.number_of_edges() == view.graph.number_of_edges()
    roles = [d["roles"] for *_, d in back.edges(data=True) if "roles" in d]
    assert roles and all(isinstance(r, str) for r in roles)


def test_a_2000_node_view_stays_light(tmp_path):
    """A real store of synthetic documents (2,200 agencies): built, rendered, physics set to stop."""
    with open_store(str(tmp_path / "big.db")) as s:
        s.load(build_graph(synthetic_extract(900)))
    with open_store(str(tmp_path / "big.db"), read_only=True) as s:
        view = build_view(s, "coordination")
    path = write_html(view, tmp_path / "big.html")
    assert view.graph.number_of_nodes() >= 2000
    page = Path(path).read_text(encoding="utf-8")
    assert_self_contained(page)
    assert "stabilizationIterationsDone" in page and "setOptions({physics: false})" in page
    opts = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    assert opts["physics"]["stabilization"]["iterations"] <= 150 and opts["edges"]["smooth"] is False


def test_a_synthetic_graph_renders_through_the_same_function(tmp_path):
    g = nx.gnm_random_graph(2500, 4000, seed=1)
    g = nx.relabel_nodes(g, str)
    for n, d in g.nodes(data=True):
        d["vis"] = {"label": f"机构{n}", "value": 1 + g.degree(n)}
    page = to_html(View(g, "synthetic 2500"))
    assert_self_contained(page)
    assert page.count('"id": "') >= 2500


def test_viz_command(store_dir, tmp_path):
    out, gx = tmp_path / "c.html", tmp_path / "c.gexf"
    r = invoke("viz", "coordination", "--store", store_dir, "-o", out, "--gexf", gx, "--color-by", "jurisdiction",
               "--size-by", "weighted_degree")
    assert r.exit_code == 0, r.output
    assert out.exists() and gx.exists() and "nodes" in r.output
    r = invoke("viz", "lineage", "佛山", "--store", store_dir, "-o", tmp_path / "l.html", "--no-cites")
    assert r.exit_code == 0, r.output
    r = invoke("viz", "agency", "Foshan quality bureau", "--store", store_dir, "-o", tmp_path / "a.html",
               "--policy", "佛山")
    assert r.exit_code == 0, r.output
    r = invoke("viz", "policy", GB18, "--store", store_dir, "-o", tmp_path / "p.html")
    # a referenced-only policy has no tasks to draw: said, and no one-box page (issue 16, item 9)
    assert r.exit_code == 1 and "only referenced" in r.stderr and not (tmp_path / "p.html").exists()
    r = invoke("viz", "policy", "佛山", "--store", store_dir, "-o", tmp_path / "p.html")
    assert r.exit_code == 0, r.output
    assert invoke("viz", "agency", "--store", store_dir, "-o", tmp_path / "x.html").exit_code == 2
    r = invoke("viz", "agency", "no such body xyz", "--store", store_dir, "-o", tmp_path / "x.html")
    assert r.exit_code == 1 and "no agency in the graph matches" in r.output and not (tmp_path / "x.html").exists()
    r = invoke("viz", "agency", "Foshan statistics bureau", "--store", store_dir, "-o", tmp_path / "x.html")
    assert r.exit_code == 1 and "nearest: 广东省统计局" in r.output
    assert invoke("viz", "coordination", "--store", tmp_path / "none.db", "-o", tmp_path / "x.html").exit_code == 3


def test_readme_shows_a_screenshot_of_each_view():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shots = re.findall(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", readme)
    assert len(shots) >= 4
    for s in shots:
        assert (ROOT / s).stat().st_size > 10_000, s


def test_align_view_is_two_columns_with_a_line_per_link(st, tmp_path):
    from policygraph.queries.align import align
    view = build_view(st, "align", "佛山", other="2016-2017年行动计划")
    ans = align(st, "佛山", "2016-2017年行动计划")
    assert view.problem is None
    sides = Counter(d["side"] for _, d in view.graph.nodes(data=True))
    assert sides == {"X": 23, "Y": 36}                  # every task of both plans, linked or not
    assert view.graph.number_of_edges() == len(ans.rows) > 0
    xs = {d["vis"]["x"] for _, d in view.graph.nodes(data=True) if d["side"] == "X"}
    ys = {d["vis"]["x"] for _, d in view.graph.nodes(data=True) if d["side"] == "Y"}
    assert len(xs) == len(ys) == 1 and xs.pop() < ys.pop()   # X on the left, Y on the right
    for u, v, d in view.graph.edges(data=True):
        assert view.graph.nodes[u]["side"] == "X" and view.graph.nodes[v]["side"] == "Y"
        assert d["vis"]["dashes"] == (d["strength"] == "partial")
    page = Path(write_html(view, tmp_path / "align.html")).read_text(encoding="utf-8")
    assert_self_contained(page)
    r = invoke("viz", "align", "佛山", "--store", st.location, "-o", tmp_path / "x.html")   # one policy only
    assert r.exit_code == 2 and "viz align needs two policies X Y" in r.output
