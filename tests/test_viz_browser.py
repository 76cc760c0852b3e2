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
VIEWS = [("coordination", None), ("lineage", "佛山"), ("agency", "provincial quality bureau"), ("policy", "佛山")]


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
            v = build_view(st, kind, target)
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
        # Force layouts stop once stabilised; the lineage has precomputed positions and no physics.
        assert browser.evaluate("network.physics.options.enabled") is False, name
        shot = ARTIFACTS / f"viz_{name}.png"
        browser.screenshot(shot)
        assert shot.stat().st_size > 10_000
    print("browser timings (s):", timings)


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
