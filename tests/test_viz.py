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
from policygraph.viz import layout as L
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
    assert d["importance"] == d["tasks"] == 32                         # sized by load (tasks)
    by_load = sorted(g.nodes(data=True), key=lambda nd: nd[1]["tasks"])
    sizes = [x["vis"]["size"] for _, x in by_load]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]             # a dot grows with its load
    assert d["vis"]["color"] == S.KIND_COLORS["government"]
    for u, v, e in g.edges(data=True):
        assert e["weight"] == pytest.approx(ref.edges[u, v]["weight"], abs=1e-3)
        assert e["shared"] == len(e["tasks"])
    by_weight = sorted(g.edges(data=True), key=lambda x: x[2]["weight"])
    widths = [e["vis"]["width"] for *_, e in by_weight]                # width grows with Newman weight
    assert widths == sorted(widths) and widths[0] < widths[-1]
    by_j = build_view(st, "coordination", color_by="jurisdiction", size_by="weighted_degree").graph
    colours = {d["jurisdiction"]: d["vis"]["color"] for _, d in by_j.nodes(data=True)}
    assert len(set(colours.values())) == len(colours) >= 4             # one colour per jurisdiction
    assert by_j.nodes[zjj]["importance"] == pytest.approx(by_j.nodes[zjj]["weighted_degree"], abs=1e-3)
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
    """A real store of synthetic documents (2,200 agencies): laid out, rendered, no physics in the page."""
    with open_store(str(tmp_path / "big.db")) as s:
        s.load(build_graph(synthetic_extract(900)))
    with open_store(str(tmp_path / "big.db"), read_only=True) as s:
        view = build_view(s, "coordination")
    path = write_html(view, tmp_path / "big.html")
    assert view.graph.number_of_nodes() >= 2000
    page = Path(path).read_text(encoding="utf-8")
    assert_self_contained(page)
    opts = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    assert opts["physics"] == {"enabled": False} and opts["edges"]["smooth"] is False
    assert all(isinstance(d["vis"]["x"], float) for _, d in view.graph.nodes(data=True))
    labelled = [n for n, d in view.graph.nodes(data=True) if d["vis"].get("label")]
    assert L.MIN_LABELS <= len(labelled) <= L.MAX_LABELS              # the rest on hover


def test_a_synthetic_graph_renders_through_the_same_function(tmp_path):
    g = nx.gnm_random_graph(2500, 4000, seed=1)
    g = nx.relabel_nodes(g, str)
    for n, d in g.nodes(data=True):
        d["vis"] = {"label": f"机构{n}", "size": 1 + g.degree(n)}
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


def test_readme_shows_a_screenshot_of_each_view_with_the_command_that_drew_it(store_dir, tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    shots_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots_mod)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", readme)
    shots = shots_mod.commands(readme)
    assert [p for _, p in shots] == pictures                 # every picture has its command above it
    assert {c.split()[2] for c, _ in shots} >= {"coordination", "lineage", "agency", "policy", "align"}
    for command, picture in shots:
        assert (ROOT / picture).stat().st_size > 10_000, picture
        # The command runs on the sample corpus (as SVG here: the PNG is that SVG through Chromium).
        import shlex
        argv = [str(tmp_path / "x.svg") if a == picture else a for a in shlex.split(command)[1:]]
        r = invoke(*argv, "--store", store_dir)
        assert r.exit_code == 0 and (tmp_path / "x.svg").stat().st_size > 5_000, (command, r.output)


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


# ── layout: positions, labels at rest, edges around boxes (viz/layout.py) ─────────────────────

def _labelled(g):
    return [n for n, d in g.nodes(data=True) if d["vis"].get("label")]


def test_the_most_important_nodes_are_labelled_and_no_two_labels_overlap(st):
    for kind, target in [("coordination", None), ("agency", "provincial quality bureau"), ("policy", "佛山")]:
        g = build_view(st, kind, target).graph
        shown = _labelled(g)
        assert len(shown) >= min(L.MIN_LABELS, len(g)), kind
        assert set(L.ranked(g)[:L.MIN_LABELS]) <= set(shown), kind
        boxes = [L.label_rect(g.nodes[n]["vis"]) for n in shown]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), kind
        for _, d in g.nodes(data=True):            # a cut label keeps the full name in the tooltip
            label = d["vis"].get("label") or ""
            assert len(label.replace("\n", "")) <= 40
            if label.endswith("…"):
                assert label[:-1] in d["vis"]["tooltip"]


def test_separate_pushes_overlapping_labels_apart():
    g = nx.Graph()
    for i in range(12):           # twelve long labels on (almost) one spot
        g.add_node(i, importance=12 - i, vis={"x": float(i % 2), "y": 0.0, "size": 10, "shape": "dot",
                                             "label": "广东省市场监督管理局"})
    L.choose_labels(g)
    boxes = [L.label_rect(g.nodes[n]["vis"]) for n in _labelled(g)]
    assert len(boxes) == 12
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_an_edge_bends_around_a_box_in_its_way():
    g = nx.DiGraph()
    for n, x in (("a", 0.0), ("b", 200.0), ("c", 400.0)):
        g.add_node(n, vis={"x": x, "y": 0.0, "shape": "box", "label": "质量发展纲要", "font": {"size": 16}})
    g.add_edge("a", "c", vis={})                   # straight, it would run through b
    g.add_edge("a", "b", vis={})
    L.route_edges(g)
    assert g.edges["a", "b"]["vis"]["smooth"] == {"enabled": False}
    bent = g.edges["a", "c"]["vis"]["smooth"]
    assert bent["enabled"] and bent["type"] in ("curvedCW", "curvedCCW")
    via = L.via_point(bent["type"], bent["roundness"], (0.0, 0.0), (400.0, 0.0))
    box = L.body_rect(g.nodes["b"]["vis"])
    assert not any(box.left <= x <= box.right and box.top <= y <= box.bottom
                   for x, y in L.curve_points((0.0, 0.0), (400.0, 0.0), via))


def test_lineage_puts_a_policy_of_unknown_level_in_its_own_band(st):
    view = build_view(st, "lineage", cites=True)
    g = view.graph
    unknown = [d for _, d in g.nodes(data=True) if d["level"] is None]
    assert unknown                                   # the seeds cite documents of no known level
    lowest_known = max(d["vis"]["y"] for _, d in g.nodes(data=True) if d["level"] is not None)
    assert all(d["vis"]["y"] > lowest_known for d in unknown)
    assert any(item["label"].startswith("level unknown") for item in view.legend)


def test_the_same_seed_draws_the_same_positions(st):
    def positions(seed):
        g = build_view(st, "coordination", seed=seed).graph
        return {n: (d["vis"]["x"], d["vis"]["y"]) for n, d in g.nodes(data=True)}
    assert positions(3) == positions(3)
    assert positions(3) != positions(4)


# ── static exports: SVG (pure Python), PNG and PDF (headless Chromium) ───────────────────────

def _svg_nodes(path):
    import xml.etree.ElementTree as ET
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.parse(path).getroot()                  # it parses
    out = {}
    for grp in root.iterfind(".//s:g[@class='node']", ns):
        shape = grp[0]
        if shape.tag.endswith("circle"):
            out[grp.get("data-id")] = (float(shape.get("cx")), float(shape.get("cy")), shape.get("fill"))
    return root, out


def test_svg_is_the_pages_drawing(st, tmp_path, store_dir):
    r = invoke("viz", "coordination", "--store", store_dir, "-o", tmp_path / "v.svg", "--seed", "5")
    assert r.exit_code == 0, r.output
    assert r.output == f"wrote {tmp_path / 'v.svg'} (127 nodes, 990 edges)\n"
    root, circles = _svg_nodes(tmp_path / "v.svg")
    assert root.get("width") == "1400" and root.get("height") == "900"
    view = build_view(st, "coordination", seed=5)
    assert len(circles) == view.graph.number_of_nodes()
    # Same positions as the page, up to the fit (one scale, one offset).
    pts = [(view.graph.nodes[n]["vis"]["x"], view.graph.nodes[n]["vis"]["y"], *circles[n][:2]) for n in circles]
    (x0, y0, X0, Y0), (x1, _, X1, _) = min(pts), max(pts)
    k = (X1 - X0) / (x1 - x0)
    for x, y, X, Y in pts:
        assert X == pytest.approx(X0 + k * (x - x0), abs=0.3) and Y == pytest.approx(Y0 + k * (y - y0), abs=0.3)
    text = (tmp_path / "v.svg").read_text(encoding="utf-8")
    for n in _labelled(view.graph):                  # the labels at rest, in Chinese
        assert f">{view.graph.nodes[n]['vis']['label']}</tspan>" in text


def test_unknown_output_kind_is_refused_before_anything_is_done(store_dir, tmp_path):
    r = invoke("viz", "coordination", "--store", store_dir, "-o", tmp_path / "v.jpg")
    assert r.exit_code == 2
    assert r.output == f"policygraph: error: -o {tmp_path / 'v.jpg'}: give a file ending in .html, .svg, .png or .pdf\n"
    assert not (tmp_path / "v.jpg").exists()


def test_png_without_chromium_says_what_to_install(store_dir, tmp_path, monkeypatch):
    from policygraph.viz import render
    monkeypatch.setattr(render, "find_chromium", lambda: None)
    r = invoke("viz", "coordination", "--store", store_dir, "-o", tmp_path / "v.png")
    assert r.exit_code == 2
    assert r.output == ("policygraph: error: v.png: PNG and PDF need headless Chromium — install it "
                        "(apt-get install chromium fonts-noto-cjk) or set CHROMIUM=/path; "
                        "-o FILE.svg or FILE.html need nothing\n")
    assert not (tmp_path / "v.png").exists()
