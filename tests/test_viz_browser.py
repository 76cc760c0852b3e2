"""Each view in headless Chromium with the network blocked: nothing leaves the page, the vis
network holds the expected nodes and edges, the layout settles; screenshots go to tests/artifacts/.

Chromium comes from Debian's `chromium` package (`tests/setup_chromium.sh`, run by `make test`).
In CI the test must run; elsewhere it is skipped only when Chromium cannot be installed.
"""
import os
import subprocess
import time
from pathlib import Path

import pytest
from browser import Browser, find_chromium
from click.testing import CliRunner

from policygraph.cli import cli
from policygraph.graph import build_graph, open_store
from policygraph.graph.sample import synthetic_extract
from policygraph.viz import build_view, write_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
READY = "document.getElementById('pg-status').dataset.ready === '1'"
VIEWS = [("coordination", None), ("lineage", "佛山"), ("agency", "provincial quality bureau"), ("policy", "佛山"),
         ("align", "佛山")]
ALIGN_Y = "2016-2017年行动计划"
WIDTH, HEIGHT = 1400, 900          # the Browser's window: a researcher's screen
TOP = 20                           # the floor: at least this many nodes labelled at rest


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        subprocess.run(["sh", str(ROOT / "tests" / "setup_chromium.sh")], check=False)
        binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: tests/setup_chromium.sh could not install it")
        pytest.skip("headless Chromium is not installed and tests/setup_chromium.sh could not install it "
                    "(needs apt-get as root or passwordless sudo); set CHROMIUM=/path/to/chromium")
    b = Browser(binary)
    yield b
    b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """(name, html path, expected nodes, expected edges) for the seeds' views and a 2,000+ node one."""
    d = tmp_path_factory.mktemp("vizb")
    r = CliRunner().invoke(cli, ["load", str(ROOT / "data" / "seeds"), "--store", str(d / "pg.db")])
    assert r.exit_code == 0, r.output
    out = []
    with open_store(str(d / "pg.db"), read_only=True) as st:
        for kind, target in VIEWS:
            v = build_view(st, kind, target, other=ALIGN_Y if kind == "align" else None)
            out.append((kind, write_html(v, d / f"{kind}.html"), v.graph.number_of_nodes(), v.graph.number_of_edges()))
    with open_store(str(d / "big.db")) as st:
        st.load(build_graph(synthetic_extract(900)))
    with open_store(str(d / "big.db"), read_only=True) as st:
        v = build_view(st, "coordination")
    assert v.graph.number_of_nodes() >= 2000
    out.append(("coordination_2000", write_html(v, d / "big.html"), v.graph.number_of_nodes(),
                v.graph.number_of_edges()))
    return out


def test_each_view_in_headless_chromium_offline(browser, pages):
    ARTIFACTS.mkdir(exist_ok=True)
    timings = {}
    for name, path, n_nodes, n_edges in pages:
        t = time.perf_counter()
        url = Path(path).resolve().as_uri()
        browser.open(url, READY, timeout=90)
        timings[name] = round(time.perf_counter() - t, 2)
        # Nothing but the file itself was requested (data: URIs are the inlined CSS icons).
        outside = [u for u in browser.requests() if not u.startswith(("file:", "data:", "about:"))]
        assert outside == [], (name, outside)
        counts = browser.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
        assert counts == [n_nodes, n_edges], name
        # Positions come with the page (viz/layout.py): no physics moves them.
        assert browser.evaluate("network.physics.options.enabled") is False, name
        shot = ARTIFACTS / f"viz_{name}.png"
        browser.screenshot(shot)
        assert shot.stat().st_size > 10_000
    print("browser timings (s):", timings)


# What the page draws, read back from vis-network: each node's place on screen, and each label
# at rest as the box the canvas drew it in (labelModule.size, canvas → DOM pixels).
GEOMETRY = """(function () {
  var c = network.body.container.getBoundingClientRect();
  var scale = network.getScale(), pos = network.getPositions();
  var out = {width: c.width, height: c.height, nodes: [], labels: []};
  Object.keys(pos).forEach(function (id) {
    var p = network.canvasToDOM(pos[id]), n = network.body.nodes[id];
    out.nodes.push({id: id, x: p.x, y: p.y, importance: network.body.data.nodes.get(id).importance || 0,
                    labelled: !!n.options.label});
    if (n.options.label) {
      var z = n.labelModule.size;
      var a = network.canvasToDOM({x: z.left, y: z.top});
      var b = network.canvasToDOM({x: z.left + z.width, y: z.top + z.height});
      out.labels.push({id: id, left: a.x, top: a.y, right: b.x, bottom: b.y,
                       px: n.labelModule.fontOptions.size * scale});
    }
  });
  return out;
})()"""


def test_every_view_fits_and_its_labels_at_rest_are_readable_and_apart(browser, pages):
    for name, path, n_nodes, _ in pages[:len(VIEWS)]:
        browser.open(Path(path).resolve().as_uri(), READY, timeout=90)
        geo = browser.evaluate(GEOMETRY)
        assert len(geo["nodes"]) == n_nodes, name
        outside = [n["id"] for n in geo["nodes"] if not (0 <= n["x"] <= geo["width"] and 0 <= n["y"] <= geo["height"])]
        assert outside == [], (name, outside[:5])
        # The TOP nodes by the view's size measure (ties: a labelled one first) show a label.
        top = sorted(geo["nodes"], key=lambda n: (-n["importance"], not n["labelled"]))[:TOP]
        assert all(n["labelled"] for n in top), (name, [n["id"] for n in top if not n["labelled"]])
        assert len(geo["labels"]) >= min(TOP, n_nodes), name
        labels = geo["labels"]
        clash = [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                 if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]
        assert clash == [], (name, clash[:3])
        # Drawn, not hidden for being too small (vis-network skips labels under 5 px), and readable.
        assert min(lb["px"] for lb in labels) >= 9, name


def test_lineage_edges_bend_where_the_layout_said(browser, pages):
    """The curve the page draws is the one layout.route_edges checked against the boxes."""
    from policygraph.viz import layout as L
    name, path, *_ = next(p for p in pages if p[0] == "lineage")
    browser.open(Path(path).resolve().as_uri(), READY, timeout=90)
    vias = browser.evaluate("""(function () {
      var out = [];
      network.body.edgeIndices.forEach(function (id) {
        var e = network.body.edges[id], s = e.options.smooth;
        if (s.enabled && (s.type === 'curvedCW' || s.type === 'curvedCCW')) {
          var v = e.edgeType.via || e.edgeType._getViaCoordinates();
          out.push({type: s.type, roundness: s.roundness, from: [e.from.x, e.from.y], to: [e.to.x, e.to.y],
                    via: [v.x, v.y]});
        }
      });
      return out;
    })()""")
    assert vias, "the seeds' lineage has edges that had to bend"
    for v in vias:
        mine = L.via_point(v["type"], v["roundness"], tuple(v["from"]), tuple(v["to"]))
        assert mine == pytest.approx(tuple(v["via"]), abs=0.01)


def test_png_and_pdf_draw_the_svg(browser, pages, tmp_path):
    """`viz -o view.png|.pdf` are the SVG drawn by headless Chromium: the PNG is the picture's
    size, and where the SVG puts the largest dots the PNG has their colours."""
    from PIL import Image

    store = Path(pages[0][1]).parent / "pg.db"
    for suffix in ("svg", "png", "pdf"):
        r = CliRunner().invoke(cli, ["viz", "coordination", "--store", str(store), "-o", str(tmp_path / f"v.{suffix}"),
                                     "--seed", "2", "--width", "1600", "--height", "1000"])
        assert r.exit_code == 0, r.output
    assert (tmp_path / "v.pdf").read_bytes()[:5] == b"%PDF-"
    img = Image.open(tmp_path / "v.png").convert("RGB")
    assert img.size == (1600, 1000)
    import xml.etree.ElementTree as ET
    ns = {"s": "http://www.w3.org/2000/svg"}
    circles = [g[0] for g in ET.parse(tmp_path / "v.svg").getroot().iterfind(".//s:g[@class='node']", ns)
               if g[0].tag.endswith("circle")]
    big = sorted(circles, key=lambda c: -float(c.get("r")))[:5]
    for c in big:
        want = tuple(int(c.get("fill")[i:i + 2], 16) for i in (1, 3, 5))
        got = img.getpixel((round(float(c.get("cx"))), round(float(c.get("cy")) - 0.6 * float(c.get("r")))))
        assert max(abs(a - b) for a, b in zip(want, got)) <= 24, (c.get("fill"), got)


def test_the_request_log_would_catch_a_page_reaching_out(browser, tmp_path):
    """The check above is only worth something if an outside request shows up in the log."""
    page = tmp_path / "leak.html"
    page.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png">'
                    '<div id="pg-status" data-ready="1"></div>', encoding="utf-8")
    browser.open(page.resolve().as_uri(), READY)
    deadline = time.time() + 10
    while not any(u.startswith("http://example.invalid") for u in browser.requests()) and time.time() < deadline:
        browser.evaluate("1")          # drain protocol events
        time.sleep(0.05)
    assert any(u.startswith("http://example.invalid") for u in browser.requests())
