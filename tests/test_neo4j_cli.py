"""Issue 17 on a real Neo4j, through the CLI as users run it: the seeds over bolt:// and neo4j://
answer as the embedded store does, a second load waits its turn, a killed load leaves whole
documents and no process, and every failure is one line with the README's exit code."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from graphs import empty_neo4j
from procs import group_gone
from seedcheck import SEEDS

from policygraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("policygraph")
pytestmark = pytest.mark.usefixtures("neo4j_env")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def run(*args, timeout=300, env=None):
    return subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def count(cypher, *where):
    r = invoke("cypher", cypher, *where, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)[0]["n"]


def test_the_cards_question_is_the_same_over_bolt_neo4j_and_embedded(tmp_path):
    uri = empty_neo4j()
    first = json.loads(invoke("load", SEEDS, "--neo4j", uri, "--format", "json").stdout)
    assert len(first["added"]) == 5
    again = json.loads(invoke("load", SEEDS, "--neo4j", uri, "--format", "json").stdout)
    assert (len(again["added"]), len(again["changed"]), len(again["unchanged"])) == (0, 0, 5)
    assert count("MATCH (t:Task) RETURN count(t) AS n", "--neo4j", uri) == 132
    assert invoke("load", SEEDS, "--store", tmp_path / "pg.db").exit_code == 0
    embedded = invoke("tasks", "--lead", "省质监局", "--store", tmp_path / "pg.db", "--format", "json")
    rows = json.loads(embedded.stdout)
    assert len(rows) == 23
    for scheme in ("bolt", "neo4j"):
        r = invoke("tasks", "--lead", "省质监局", "--neo4j", uri.replace("bolt://", f"{scheme}://"), "--format", "json")
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout) == rows, scheme


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("neo4j-corpus") / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "1000", "--out", str(out)],
                   check=True, capture_output=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (out / "manifest.json").unlink()
    return out, {m["file"]: m["tasks"] for m in manifest}


def tasks_per_document(uri) -> dict[str, int]:
    r = invoke("cypher", "MATCH (p:Policy)-[:CONTAINS]->(t:Task) WHERE p.source IS NOT NULL "
               "RETURN p.source AS s, count(t) AS n", "--neo4j", uri, "--format", "json")
    return {Path(x["s"]).name: x["n"] for x in json.loads(r.stdout)}


def next_load_completes(folder, uri, expected) -> None:
    r = run("load", folder, "--neo4j", uri)
    assert r.returncode == 0, r.stderr
    assert tasks_per_document(uri) == expected


def test_a_load_killed_part_way_leaves_whole_documents_no_process_and_no_lock(corpus):
    folder, expected = corpus
    uri = empty_neo4j()
    p = subprocess.Popen([str(EXE), "load", str(folder), "--neo4j", uri], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    # Kill it once part of the corpus is committed (a chunk of 400 documents) and before the end.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and p.poll() is None:
        if tasks_per_document(uri):
            break
        time.sleep(0.3)
    assert p.poll() is None, "the load ended before it could be killed"
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert group_gone(p.pid, 10), "processes of the killed load still run"
    got = tasks_per_document(uri)
    assert 0 < len(got) < len(expected)
    assert all(got[f] == expected[f] for f in got), "a half-written document"
    # The next load is not refused by the dead load's lock, and completes.
    next_load_completes(folder, uri, expected)


def test_transactions_stay_bounded_where_one_for_the_whole_load_would_not(corpus):
    # The test server allows a transaction 512 MiB (tools/neo4j: db.memory.transaction.max), as
    # servers with default limits bound it: 1,000 documents in one transaction outgrow it, the
    # load's groups of whole documents do not.
    from policygraph.graph import StoreError, open_store
    from policygraph.pipeline import load_paths
    folder, expected = corpus
    uri = empty_neo4j()
    with open_store(neo4j=True) as st:
        with pytest.raises(StoreError) as err:
            load_paths(st, [folder], chunk=len(expected))
    assert "memory limit" in str(err.value) and "\n" not in str(err.value)
    assert tasks_per_document(uri) == {}               # nothing of it stayed
    next_load_completes(folder, uri, expected)


def test_a_second_load_is_refused_while_one_runs(corpus):
    folder, expected = corpus
    uri = empty_neo4j()
    p = subprocess.Popen([str(EXE), "load", str(folder), "--neo4j", uri], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)
        assert p.poll() is None
        r = run("load", SEEDS, "--neo4j", uri)
        assert r.returncode == 3, r.stderr
        line = r.stderr.splitlines()[-1]        # (after the seeds folder's README.md "skipped" line)
        assert line.startswith(f"policygraph: error: Neo4j at {uri} is being loaded by another policygraph (pid "
                               f"{p.pid} on ") and line.endswith("wait for it to finish and run again")
    finally:
        out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert tasks_per_document(uri) == expected      # nothing of the refused load, nothing twice
    assert count("MATCH (p:Policy)-[:CONTAINS]->(t:Task) WITH t, count(p) AS c WHERE c > 1 "
                 "RETURN count(t) AS n", "--neo4j", uri) == 0


def test_a_wrong_password_and_a_missing_database_are_one_line_exit_3(neo4j_env):
    uri = neo4j_env["NEO4J_URI"]
    r = run("policies", "--neo4j", uri, env={"NEO4J_PASSWORD": "wrong"})
    assert (r.returncode, r.stderr) == (3, f"policygraph: error: Neo4j at {uri} rejected the user name or password; "
                                           "check NEO4J_USER and NEO4J_PASSWORD\n")
    r = run("policies", "--neo4j", uri, env={"NEO4J_DATABASE": "nosuchdb"})
    assert (r.returncode, r.stderr) == (3, f"policygraph: error: Neo4j at {uri} has no database 'nosuchdb'; set "
                                           "NEO4J_DATABASE to one it has (SHOW DATABASES lists them)\n")


def test_a_constraint_violation_inside_a_load_is_a_store_error():
    from policygraph.graph import StoreError, open_store
    empty_neo4j()
    with open_store(neo4j=True) as st:
        with pytest.raises(StoreError) as err:
            with st.engine.transaction() as w:
                w.run("CREATE (:Task {id: 'twice'})")
                w.run("CREATE (:Task {id: 'twice'})")
        assert str(err.value).startswith("Neo4j refused a write (") and "\n" not in str(err.value)
        assert st.query("MATCH (t:Task {id: 'twice'}) RETURN count(t) AS n") == [{"n": 0}]   # rolled back


def test_a_server_stopped_mid_load_is_one_line_and_loses_no_document(corpus):
    sys.path.insert(0, str(ROOT / "tools"))
    import neo4j_server
    folder, expected = corpus
    proc, env = neo4j_server.start(watch=os.getpid())
    try:
        p = subprocess.Popen([str(EXE), "load", str(folder), "--neo4j"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
        threading.Timer(12, neo4j_server.stop, (proc,)).start()
        out, err = p.communicate(timeout=300)
    finally:
        neo4j_server.stop(proc)
    if p.returncode == 0:
        pytest.skip("the load finished before the server was stopped")
    assert p.returncode == 3
    line, = err.strip().splitlines()[-1:]
    assert line.startswith("policygraph: error: ") and ("Neo4j" in line) and "Traceback" not in err


@pytest.mark.parametrize("args,most", [
    # targets: the indicators, the years a page of each needs, the page
    (("targets",), 3), (("viz", "agency", "provincial quality bureau", "-o", "{tmp}/a.html"), 6),
    (("tasks", "--lead", "省质监局", "--with-successors"), 8), (("tasks", "--lead", "省质监局"), 5),
    (("lineage", "佛山"), 12)], ids=lambda a: " ".join(a) if isinstance(a, tuple) else str(a))
def test_questions_take_few_round_trips(args, most, tmp_path, monkeypatch):
    # Over a network to Aura every query is a round trip: a question asks a handful, not one per
    # row (before: targets 92, viz agency 58, tasks --with-successors 33 on the seeds).
    from policygraph.graph.backend_neo4j import Neo4jBackend
    uri = empty_neo4j()
    assert invoke("load", SEEDS, "--neo4j", uri).exit_code == 0
    sent = []
    original = Neo4jBackend._execute

    def counted(self, cypher, params, write):
        sent.append(cypher)
        return original(self, cypher, params, write)
    monkeypatch.setattr(Neo4jBackend, "_execute", counted)
    r = invoke(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--neo4j", uri)
    assert r.exit_code == 0, r.output
    assert len(sent) <= most, sent


class Stop(Exception):
    """The load's process dies here (as a kill would: after a committed group, before the end)."""


def test_a_load_stopped_after_a_committed_group_is_finished_by_the_next(tmp_path):
    # Foshan's plan cites 《广东省质量提升行动计划》 by title only: a stub. Guangdong's plan arrives in
    # the next group with its 文号 (another id): the stub is to be absorbed at the load's end.
    from policygraph.graph import open_store
    from policygraph.pipeline import build, extract_paths, load_paths
    from policygraph.registry.agencies import default_registry
    folder = Path(__file__).parent / "fixtures" / "absorb"
    foshan, guangdong = folder / "foshan_plan.txt", folder / "guangdong_plan.txt"
    reg = default_registry()
    empty_neo4j()
    title = "MATCH (p:Policy) WHERE p.title = '广东省质量提升行动计划' RETURN count(p) AS n"
    with open_store(neo4j=True) as st:
        def groups():
            yield build(extract_paths([str(foshan)], reg)[0], reg)
            yield build(extract_paths([str(guangdong)], reg)[0], reg)
            raise Stop
        with pytest.raises(Stop):
            st.load_many(groups())
        assert st.unfinished()
        assert st.query(title) == [{"n": 2}]             # the stub and the loaded plan, not yet one
        again = load_paths(st, [str(foshan), str(guangdong)], reg)
        assert again["added"] == [] and len(again["unchanged"]) == 2
        assert not st.unfinished()
        assert st.query(title) == [{"n": 1}]
        rows = st.query("MATCH (:Policy {title: '佛山市质量提升行动方案'})-[:IMPLEMENTS]->(p:Policy) "
                        "RETURN p.status AS status, p.doc_number AS n")
        assert rows == [{"status": "final", "n": "粤府办〔2017〕12号"}]
