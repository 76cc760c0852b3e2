"""The embedded store (real LadybugDB, no mocks): build, load, idempotence, incremental
replace, remove, atomicity (exception and killed process), locked/corrupt stores, export."""
import contextlib
import copy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policygraph.base.text import doc_key, title_key
from policygraph.graph import (
    QueryError,
    ReadOnlyQuery,
    StoreCorrupt,
    StoreLocked,
    StoreNotFound,
    build_graph,
    default_store_path,
    open_store,
)
from policygraph.graph.sample import SAMPLE_COUNTS, SAMPLE_SUCCESSIONS, sample_extract
from policygraph.graph.values import NodeValue, RelValue

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def extract():
    return sample_extract()


@pytest.fixture
def data(extract):
    return build_graph(extract, SAMPLE_SUCCESSIONS)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "graph.db")
    yield s
    s.close()


def shape(g):
    """A GraphData compared by content: nodes by id, edges by (type, ends, props) — edge ids
    and fingerprints depend on load history, not on the graph."""
    nodes = {(lbl, nid): {k: v for k, v in row.items() if k != "fingerprint"}
             for lbl, rows in g.nodes.items() for nid, row in rows.items()}
    edges = sorted(json.dumps({k: v for k, v in row.items() if k != "id"} | {"type": rel},
                              ensure_ascii=False, sort_keys=True)
                   for rel, rows in g.edges.items() for row in rows.values())
    return nodes, edges


# -- build_graph --------------------------------------------------------------------------------

def test_build_counts_match_the_extract(data):
    assert data.counts() == SAMPLE_COUNTS


def test_ids_are_deterministic(extract):
    a = build_graph(extract, SAMPLE_SUCCESSIONS).to_json()
    b = build_graph(sample_extract(), SAMPLE_SUCCESSIONS).to_json()
    assert a == b


def test_keys_normalise_damaged_numbers_and_titles():
    assert doc_key("国办发〔2016〕18号") == doc_key("国办发〔201618号") == "国办发201618"
    assert doc_key("粤发〔2016〕9号") == doc_key("粤发〔20169号")
    assert title_key("《质量发展纲要(2011-2020年)》") == title_key("质量发展纲要（2011—2020年）")
    assert title_key("国务院关于印发质量发展纲要(2011—2020年)的通知") == \
        title_key("质量发展纲要(2011-2020年)")


def test_citations_of_one_policy_are_one_node(data):
    policies = list(data.nodes["Policy"].values())
    gb = [p for p in policies if p["doc_key"] == "国办发201618"]
    assert len(gb) == 1 and gb[0]["status"] == "referenced"
    assert gb[0]["doc_number"] == "国办发〔2016〕18号"  # the well-formed spelling wins
    into = [e for e in data.edges["IMPLEMENTS"].values() if e["to"] == gb[0]["id"]]
    assert sorted(e["source"] for e in into) == ["000.txt", "002.txt"]
    gangyao = [p for p in policies if (p["title"] or "").startswith("质量发展纲要")]
    assert len(gangyao) == 1 and gangyao[0]["doc_number"] == "国发〔2012〕9号"
    assert len([e for e in data.edges["CITES"].values() if e["to"] == gangyao[0]["id"]]) == 2


def test_loaded_policy_absorbs_its_citation(data):
    gd = [p for p in data.nodes["Policy"].values() if p["title"].startswith("广东省实施")]
    assert len(gd) == 1 and gd[0]["status"] == "final" and gd[0]["source"] == "000.txt"
    (edge,) = [e for e in data.edges["IMPLEMENTS"].values() if e["source"] == "001.txt"]
    assert edge["to"] == gd[0]["id"]


def test_roles_and_modes(data):
    modes = sorted((rel, e["role"], e["mode"], e["surface"]) for rel in ("LEADS", "PARTICIPATES")
                   for e in data.edges[rel].values())
    assert modes == sorted([
        ("LEADS", "joint", "分工负责", "省科技厅"), ("LEADS", "joint", "分工负责", "质监局"),
        ("LEADS", "lead", "牵头", "市质监局"), ("LEADS", "lead", "牵头", "省质监局"),
        ("LEADS", "lead", "牵头", "省质监局"), ("LEADS", "lead", "负责", "市食品药品监管局"),
        ("PARTICIPATES", "implementer", "落实", "各区人民政府"),
        ("PARTICIPATES", "implementer", "落实", "各区人民政府"),
        ("PARTICIPATES", "participant", "参与", "商务厅"),
        ("PARTICIPATES", "participant", "参与", "省工商局"),
        ("PARTICIPATES", "participant", "参与", "省农业厅"),
        ("PARTICIPATES", "participant", "配合", "市发展改革局"),
        ("PARTICIPATES", "participant", "配合", "科技局"),
    ])


def test_provenance_on_every_owned_node_and_edge(data):
    for rel, rows in data.edges.items():
        for e in rows.values():
            if rel == "SUCCEEDED_BY" or (rel == "IN" and e["from_label"] == "Agency"):
                continue  # registry facts, not something a document said
            assert e["source"], (rel, e)
    for t in data.nodes["Task"].values():
        assert t["source"] and t["start"] is not None and t["end"] is not None and t["raw"]
    for e in data.edges["LEADS"].values():
        assert e["raw"] and e["start"] is not None


def test_agency_identity_uses_id_or_name_and_jurisdiction(data):
    names = sorted((a["name"], a["jurisdiction"]) for a in data.nodes["Agency"].values())
    assert ("广东省质量技术监督局", "广东省") in names and ("甘肃省质量技术监督局", "甘肃省") in names
    assert data.nodes["Agency"]["gd-zjj"]["short"] == "省质监局"
    (succ,) = data.edges["SUCCEEDED_BY"].values()
    assert (succ["from"], succ["to"], succ["year"]) == ("gd-zjj", "gd-scjg", 2018)


# -- loading ------------------------------------------------------------------------------------

def test_load_counts_and_second_load_changes_nothing(store, data):
    first = store.load(data)
    assert first["added"] == ["000.txt", "001.txt", "002.txt"]
    assert first["counts"] == SAMPLE_COUNTS
    assert shape(store.dump()) == shape(data)
    second = store.load(build_graph(sample_extract(), SAMPLE_SUCCESSIONS))
    assert (second["added"], second["changed"]) == ([], [])
    assert second["unchanged"] == ["000.txt", "001.txt", "002.txt"]
    assert second["counts"] == SAMPLE_COUNTS


def test_changed_document_replaces_its_tasks(store, data, extract):
    store.load(data)
    old_tasks = {r["id"] for r in store.query(
        "MATCH (p:Policy)-[:CONTAINS]->(t:Task) WHERE p.source = $s RETURN t.id AS id",
        {"s": "001.txt"})}
    changed = copy.deepcopy(extract)
    foshan = changed["policies"][1]
    del foshan["tasks"][1]
    foshan["tasks"][0]["path"] = ["二、重点任务"]
    foshan["tasks"][0]["participants"] = foshan["tasks"][0]["participants"][:1]
    expected = build_graph(changed, SAMPLE_SUCCESSIONS)
    summary = store.load(expected)
    assert summary["changed"] == ["001.txt"] and summary["added"] == []
    assert summary["counts"] == expected.counts()
    assert shape(store.dump()) == shape(expected)
    new_tasks = {r["id"] for r in store.query(
        "MATCH (p:Policy)-[:CONTAINS]->(t:Task) WHERE p.source = $s RETURN t.id AS id",
        {"s": "001.txt"})}
    assert len(new_tasks) == 1 and not (new_tasks & old_tasks)


def test_remove_one_document(store, data, extract):
    store.load(data)
    out = store.remove("./002.txt")  # the same document, spelled differently
    assert out["removed"] == ["002.txt"]
    rest = {"policies": [p for p in extract["policies"] if p["source"] != "002.txt"]}
    expected = build_graph(rest, SAMPLE_SUCCESSIONS)
    assert out["counts"] == expected.counts()
    assert shape(store.dump()) == shape(expected)
    assert store.remove("nothing.txt")["removed"] == []


def test_remove_keeps_what_a_reference_learned(store, data, extract):
    # 001 cited the 纲要 with its number, 002 by title only. Without 001 the node keeps the
    # number it learned: same counts as a fresh build, a better-identified node.
    store.load(data)
    out = store.remove("001.txt")
    rest = {"policies": [p for p in extract["policies"] if p["source"] != "001.txt"]}
    assert out["counts"] == build_graph(rest, SAMPLE_SUCCESSIONS).counts()
    assert store.query("MATCH (:Policy)-[:CITES]->(p:Policy) WHERE p.title_key = $k "
                       "RETURN p.doc_number AS n", {"k": "质量发展纲要20112020年"}) == [
        {"n": "国发〔2012〕9号"}]


def test_removed_document_still_cited_stays_as_reference(store, data):
    store.load(data)
    store.remove("000.txt")  # 001 implements 000
    rows = store.query("MATCH (p:Policy) WHERE p.title STARTS WITH '广东省实施' "
                       "RETURN p.status AS status, p.source AS source")
    assert rows == [{"status": "referenced", "source": None}]
    assert store.counts()["nodes"]["Task"] == 3


def test_documents_loaded_one_by_one_give_the_same_graph(store, extract, data):
    for i in (1, 0, 2):
        store.load(build_graph({"policies": [extract["policies"][i]]}, SAMPLE_SUCCESSIONS))
    assert store.counts() == SAMPLE_COUNTS
    assert shape(store.dump()) == shape(data)


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2)])
def test_streamed_chunks_give_the_same_graph_as_one_load(tmp_path, extract, data, order):
    # Later chunks name agencies the earlier ones wrote (unchanged ones are not rewritten, but
    # what they add must land), and load a policy an earlier chunk only cited (its stub, not yet
    # in the database, must become the loaded policy).
    chunks = [build_graph({"policies": [extract["policies"][i]]}, SAMPLE_SUCCESSIONS) for i in order]
    with open_store(tmp_path / "g.db") as st:
        st.load_many(iter(chunks))
        assert shape(st.dump()) == shape(data)


def test_streamed_chunks_citing_first_by_title_then_by_number(tmp_path, extract, data):
    # 002 cites 质量发展纲要 by title only, 001 later with its number: one stub either way, but
    # it keeps the id and number the first citation gave it (a load of all three at once
    # groups the citations first and picks the well-formed number). Known, order-dependent.
    chunks = [build_graph({"policies": [extract["policies"][i]]}, SAMPLE_SUCCESSIONS) for i in (2, 1, 0)]
    with open_store(tmp_path / "g.db") as st:
        st.load_many(iter(chunks))
        assert st.counts() == SAMPLE_COUNTS


def test_a_later_chunk_fills_what_an_agency_lacked(store, extract):
    first = copy.deepcopy(extract["policies"][0])
    second = copy.deepcopy(first)
    # another document (not a copy of the first: that would be one policy) naming the same body
    second.update(source="another-plan.txt", fingerprint="another", title="广东省另一份质量工作方案")
    aid = first["tasks"][0]["lead"][0]["agency_id"]
    en = first["tasks"][0]["lead"][0]["agency_en"]
    for t in first["tasks"]:                     # the first document does not know the English name
        for r in ("lead", "joint", "participants", "implementers"):
            for m in t[r]:
                if m.get("agency_id") == aid:
                    m["agency_en"] = None
    store.load_many(iter([build_graph({"policies": [first]}), build_graph({"policies": [second]})]))
    rows = store.query("MATCH (a:Agency) WHERE a.id = $id RETURN a.name_en AS en", {"id": aid})
    assert en and rows == [{"en": en}]


def test_document_loaded_later_absorbs_the_policy_others_cited(store, extract):
    store.load(build_graph({"policies": [extract["policies"][2]]}))
    gb = {"source": "gb.txt", "title": "国务院办公厅关于印发贯彻实施质量发展纲要2016年行动计划的通知",
          "doc_number": None, "issuer": [], "jurisdiction": "全国", "level": "national",
          "status": "final", "implements": [], "cites": [], "tasks": []}
    store.load(build_graph({"policies": [gb]}))
    rows = store.query("MATCH (a:Policy)-[:IMPLEMENTS]->(p:Policy) RETURN a.source AS a, "
                       "p.source AS p, p.status AS status")
    assert rows == [{"a": "002.txt", "p": "gb.txt", "status": "final"}]
    assert store.counts()["nodes"]["Policy"] == 3  # 002, gb, the 纲要 it cites


def test_failed_load_leaves_previous_graph_whole(store, data, extract, tmp_path):
    store.load(data)
    before = shape(store.dump())
    bad = build_graph({"policies": [dict(extract["policies"][0], source="new.txt",
                                         title="新文件")]})
    # A relationship to a node that does not exist: the bulk copy fails half-way through.
    bad.edges["LEADS"]["broken"] = {**next(iter(bad.edges["LEADS"].values())),
                                    "id": "broken", "from": "no-such-agency"}
    with pytest.raises(QueryError):
        store.load(bad)
    assert shape(store.dump()) == before
    assert not list((tmp_path / "graph.db").glob("*staging*"))


def test_killed_load_leaves_previous_graph_whole(store, data, tmp_path):
    store.load(data)
    before = shape(store.dump())
    store.close()
    path = tmp_path / "graph.db"
    code = ("import sys; from policygraph.graph import build_graph, open_store\n"
            "from policygraph.graph.sample import synthetic_extract\n"
            "g = build_graph(synthetic_extract(3000)); print('built', flush=True)\n"
            "open_store(sys.argv[1]).load(g); print('done', flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                            text=True)
    # The event to wait for: the load has written its first bulk-copy file into the staging
    # copy's CSV folder, so it is past the point of no return of nothing, and far from its end.
    csv_dir = path / "staging-csv"
    deadline = time.time() + 120
    while not list(csv_dir.glob("*.csv")) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    assert (path / "graph.lbug.staging").exists(), "the load never reached its staging copy"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    _whole_and_loadable(path, before)
    assert not (path / "graph.lbug.staging").exists() and not (path / "staging-csv").exists()


def _whole_and_loadable(path, before) -> None:
    """After a killed writer: the graph is as it was, and the next writer (which clears the dead
    one's leftovers) loads normally."""
    with open_store(path) as reopened:
        assert shape(reopened.dump()) == before
        extra = build_graph({"policies": [dict(sample_extract()["policies"][0], source="x.txt",
                                               title="另一个文件")]})
        assert reopened.load(extra)["added"] == ["x.txt"]


# -- errors -------------------------------------------------------------------------------------

@contextlib.contextmanager
def _holding(script: str, path):
    """Another process that holds `path` (a lock, an open database) until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_locked_store(store, data, tmp_path):
    script = ("import fcntl, os, sys, time\n"
              "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); os.write(fd, str(os.getpid()).encode())\n"
              "fcntl.flock(fd, fcntl.LOCK_EX); print('ready', flush=True); time.sleep(60)")
    with _holding(script, tmp_path / "graph.db" / "write.lock") as holder:
        with pytest.raises(StoreLocked) as err:
            store.load(data)
        msg = str(err.value)
        assert "\n" not in msg and f"pid {holder.pid}" in msg and "wait" in msg
        assert store.counts()["nodes"]["Policy"] == 0  # reads still work
    assert store.load(data)["counts"] == SAMPLE_COUNTS


def test_store_held_by_another_ladybug_writer(store, data, tmp_path):
    store.load(data)
    script = ("import sys, time, ladybug as lb; db = lb.Database(sys.argv[1]); "
              "print('ready', flush=True); time.sleep(60)")
    with _holding(script, tmp_path / "graph.db" / "graph.lbug"):
        with pytest.raises(StoreLocked) as err:
            store.remove("000.txt")
        assert "\n" not in str(err.value)


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_store(tmp_path, data, damage):
    path = tmp_path / "graph.db"
    with open_store(path) as s:
        s.load(data)
    db = path / "graph.lbug"
    blob = db.read_bytes()
    db.write_bytes(os.urandom(8192) if damage == "garbage" else blob[:5000])
    with pytest.raises(StoreCorrupt) as err:
        open_store(path)
    msg = str(err.value)
    assert "\n" not in msg and "damaged" in msg and "load the documents again" in msg


def test_missing_store_read_only(tmp_path):
    with pytest.raises(StoreNotFound) as err:
        open_store(tmp_path / "nowhere", read_only=True)
    assert "policygraph load" in str(err.value)


def test_queries_are_read_only_unless_asked(store, data):
    store.load(data)
    with pytest.raises(ReadOnlyQuery):
        store.query("MATCH (i:Indicator) SET i.name = 'x'")
    with pytest.raises(QueryError) as err:
        store.query("MATCH (n RETURN n")
    assert "\n" not in str(err.value)
    store.query("MATCH (i:Indicator) WHERE i.name = $n SET i.name = $m",
                {"n": "质量示范企业数量", "m": "示范企业数量"}, write=True)
    assert store.query("MATCH (i:Indicator) RETURN i.name AS name ORDER BY name") == [
        {"name": "制造业产品质量合格率"}, {"name": "示范企业数量"}]


def test_parameters_are_data_not_cypher(store, data):
    store.load(data)
    evil = "x' OR 1=1 //"
    assert store.query("MATCH (p:Policy) WHERE p.title = $t RETURN p.id AS id", {"t": evil}) == []


def test_default_store_location(monkeypatch, tmp_path):
    monkeypatch.delenv("POLICYGRAPH_STORE", raising=False)
    assert default_store_path() == "policygraph.db"
    monkeypatch.setenv("POLICYGRAPH_STORE", str(tmp_path / "elsewhere"))
    with open_store() as s:
        assert s.location == str(tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / "graph.lbug").exists()


# -- networkx and export --------------------------------------------------------------------------

def test_to_networkx(store, data):
    store.load(data)
    g = store.to_networkx()
    assert g.number_of_nodes() == sum(SAMPLE_COUNTS["nodes"].values())
    assert g.number_of_edges() == sum(SAMPLE_COUNTS["edges"].values())
    sub = store.to_networkx(query="MATCH (a:Agency)-[r:LEADS]->(t:Task) RETURN a, r, t")
    assert sub.number_of_edges() == 6
    assert {d["type"] for *_, d in sub.edges(data=True)} == {"LEADS"}
    assert sub.nodes["gd-zjj"]["label"] == "Agency"



def test_values_come_back_as_plain_python(store, data):
    # Plain columns skip conversion; graph elements, decimals and dates are still converted.
    store.load(data)
    (row,) = store.query("MATCH (a:Agency {id: 'gd-zjj'})-[r:LEADS]->(t:Task) "
                         "RETURN a.id AS id, a.resolved AS ok, t.path AS path, t.seq AS seq, 1.5 AS x, "
                         "CAST(2 AS DECIMAL) AS d, date('2016-09-18') AS day, a, r "
                         "ORDER BY t.seq LIMIT 1")
    assert (row["id"], row["ok"], row["seq"], row["x"], row["d"], row["day"]) == ("gd-zjj", True, 0, 1.5, 2, "2016-09-18")
    assert isinstance(row["path"], list) and all(isinstance(x, str) for x in row["path"])
    assert isinstance(row["a"], NodeValue) and row["a"]["name"] == "广东省质量技术监督局"
    assert isinstance(row["r"], RelValue) and row["r"].type == "LEADS" and row["r"]["role"] == "lead"

def test_exports(store, data, tmp_path):
    import networkx as nx
    store.load(data)
    n_nodes = sum(SAMPLE_COUNTS["nodes"].values())
    n_edges = sum(SAMPLE_COUNTS["edges"].values())
    (script,) = store.export("cypher", tmp_path / "out" / "graph.cypher")
    text = Path(script).read_text(encoding="utf-8")
    assert text.count("CREATE CONSTRAINT") == 6 and "REQUIRE n.id IS UNIQUE" in text
    assert "MERGE (n:`Policy` {id: row.id})" in text and text.count("AS row MATCH") == 11
    (gml,) = store.export("graphml", tmp_path / "out" / "graph.graphml")
    g = nx.read_graphml(gml)
    assert (g.number_of_nodes(), g.number_of_edges()) == (n_nodes, n_edges)
    (gexf,) = store.export("gexf", tmp_path / "out" / "graph.gexf")
    assert nx.read_gexf(gexf).number_of_nodes() == n_nodes
    (js,) = store.export("json", tmp_path / "out" / "graph.json")
    doc = json.loads(Path(js).read_text(encoding="utf-8"))
    assert (len(doc["nodes"]), len(doc["edges"])) == (n_nodes, n_edges)
    files = store.export("csv", tmp_path / "out" / "csv")
    assert len(files) == 17          # a file per label (6) and per relationship type (11)
    head = (tmp_path / "out" / "csv" / "nodes_Task.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("id:ID,:LABEL,") and "path:string[]" in head and "seq:long" in head
    rel = (tmp_path / "out" / "csv" / "rels_LEADS.csv").read_text(encoding="utf-8")
    assert rel.startswith(":START_ID,:END_ID,:TYPE,id,") and rel.count("\n") == 7


# -- issue 18: small loads in place, garbage from what was touched, the ledger -------------------

def test_a_small_load_killed_mid_transaction_is_rolled_back(store, data, tmp_path):
    # A few documents are written in place, in the engine's own transaction (no staging copy of
    # the store): a writer killed before COMMIT must leave the graph exactly as it was.
    store.load(data)
    before = shape(store.dump())
    store.close()
    path = tmp_path / "graph.db"
    code = ("import sys, time; from policygraph.graph import build_graph, open_store\n"
            "from policygraph.graph.sample import sample_extract\n"
            "p = dict(sample_extract()['policies'][0], source='new.txt', title='新文件')\n"
            "g = build_graph({'policies': [p]}); st = open_store(sys.argv[1])\n"
            "with st.engine.transaction(streaming=True, documents=1) as w:\n"
            "    for label in g.nodes:\n"
            "        w.insert_nodes(label, [r for r in g.node_rows(label) if r.get('source') == 'new.txt'])\n"
            "    print('written', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "written"
        assert not (path / "graph.lbug.staging").exists(), "a one-document load copied the store"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    _whole_and_loadable(path, before)


def test_in_place_and_bulk_loads_give_the_same_graph(tmp_path, extract, data):
    # The same documents, then the same change, through statements in place and through COPY
    # into a staging copy: one graph.
    changed = copy.deepcopy(extract)
    del changed["policies"][1]["tasks"][1]
    shapes = []
    for documents in (3, None):          # 3: in place; None (unknown): the bulk path
        with open_store(tmp_path / f"g{documents}.db") as st:
            st.load_many(iter([build_graph({"policies": extract["policies"][:1]}, SAMPLE_SUCCESSIONS)]), documents=documents)
            st.load_many(iter([data]), documents=documents)
            st.load_many(iter([build_graph(changed, SAMPLE_SUCCESSIONS)]), documents=documents)
            shapes.append(shape(st.dump()))
    assert shapes[0] == shapes[1] == shape(build_graph(changed, SAMPLE_SUCCESSIONS))


@pytest.mark.parametrize("source", ["000.txt", "001.txt", "002.txt"])
def test_removal_collects_what_a_full_sweep_would(store, data, source):
    # Garbage collection looks only at the shared nodes the removed document reached; a sweep
    # of the whole graph afterwards must find nothing more to drop.
    from policygraph.graph import sync
    store.load(data)
    store.remove(source)
    after = store.counts()
    with store.engine.transaction() as w:
        sync._collect_garbage(w)
    assert store.counts() == after


def test_the_ledger_applies_the_identity_rule_of_policy_keys():
    from policygraph.graph.identity import PolicyKeys
    from policygraph.graph.ledger import Ledger
    rows = [{"id": "p2", "dk": "k1", "tk": "t1", "status": "referenced", "source": None},
            {"id": "p3", "dk": "k1", "tk": "t2", "status": "final", "source": "a.txt"},
            {"id": "p1", "dk": None, "tk": "t3", "status": "referenced", "source": None},
            {"id": "p4", "dk": "k2", "tk": "t3", "status": "final", "source": "b.txt"},
            {"id": "p3", "dk": "k9", "tk": "t9", "status": "referenced", "source": None}]   # id taken: ignored
    keys, ledger = PolicyKeys(rows), Ledger()
    try:
        ledger.add_policies(rows)
        for dk, tk in [("k1", None), ("k1", "t3"), (None, "t3"), ("k2", None), (None, "t1"), ("k3", "t1"),
                       ("k9", "t9"), (None, None)]:
            assert ledger.match(dk, tk) == keys.match(dk, tk), (dk, tk)
        assert ledger.match("k1", None)["id"] == "p3"      # a loaded policy before a referenced one
        ledger.forget_sources(["a.txt"], [])
        assert ledger.match("k1", None)["id"] == "p2"
    finally:
        ledger.close()
    assert not Path(ledger.dir).exists()
