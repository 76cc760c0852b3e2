"""The Neo4j store: the same load/idempotence/replace/remove checks and the same named-query
rows as the embedded store, against a real Neo4j: the one NEO4J_URI names, else a throwaway
server the test run starts (tests/conftest.py, tools/neo4j_server.py).

The tests empty the database first, so they refuse (skip) a database holding nodes with
labels other than policygraph's.
"""

import pytest
from graphs import empty_neo4j
from test_store import shape
from test_store_queries import EXPECTED, check

from policygraph.graph import QueryError, ReadOnlyQuery, StoreAuthError, StoreUnavailable, build_graph, open_store
from policygraph.graph.sample import SAMPLE_COUNTS, SAMPLE_SUCCESSIONS, sample_extract
from policygraph.graph.schema import NODES

pytestmark = pytest.mark.usefixtures("neo4j_env")


@pytest.fixture
def store():
    empty_neo4j()
    s = open_store(neo4j=True)
    yield s
    s.close()


@pytest.fixture
def data():
    return build_graph(sample_extract(), SAMPLE_SUCCESSIONS)


def test_constraints_and_indexes_exist(store):
    rows = store.query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                       "RETURN labelsOrTypes[0] AS label, properties[0] AS prop, type")
    # Cypher 5 says UNIQUENESS, Cypher 25 NODE_PROPERTY_UNIQUENESS
    assert {(r["label"], r["prop"]) for r in rows if r["type"] in ("UNIQUENESS", "NODE_PROPERTY_UNIQUENESS")} >= \
        {(label, "id") for label in NODES}
    rows = store.query("SHOW INDEXES YIELD labelsOrTypes, properties RETURN labelsOrTypes[0] AS l, properties[0] AS p")
    have = {(r["l"], r["p"]) for r in rows}
    assert {("Task", "source"), ("Target", "source"), ("Policy", "doc_key"), ("LEADS", "source")} <= have


def test_a_writable_open_creates_no_schema_that_exists():
    # Creating needs the schema privilege; a second open finds everything there and creates nothing.
    from policygraph.graph.backend_neo4j import Neo4jBackend
    open_store(neo4j=True).close()
    sent = []
    b = Neo4jBackend.__new__(Neo4jBackend)
    original = Neo4jBackend._execute

    def spy(self, cypher, params, write):
        sent.append(cypher)
        return original(self, cypher, params, write)
    Neo4jBackend._execute = spy
    try:
        b.__init__()
    finally:
        Neo4jBackend._execute = original
    b.close()
    assert not [c for c in sent if c.startswith("CREATE")]


def test_load_idempotent_replace_remove(store, data):
    assert store.load(data)["counts"] == SAMPLE_COUNTS
    assert shape(store.dump()) == shape(data)
    again = store.load(build_graph(sample_extract(), SAMPLE_SUCCESSIONS))
    assert again["unchanged"] == ["000.txt", "001.txt", "002.txt"]
    assert again["counts"] == SAMPLE_COUNTS
    changed = sample_extract()
    del changed["policies"][1]["tasks"][1]
    expected = build_graph(changed, SAMPLE_SUCCESSIONS)
    assert store.load(expected)["changed"] == ["001.txt"]
    assert shape(store.dump()) == shape(expected)
    store.remove("002.txt")
    rest = {"policies": [p for p in changed["policies"] if p["source"] != "002.txt"]}
    assert shape(store.dump()) == shape(build_graph(rest, SAMPLE_SUCCESSIONS))


def test_failed_load_rolls_back(store, data):
    store.load(data)
    before = shape(store.dump())
    bad = build_graph({"policies": [dict(sample_extract()["policies"][0], source="new.txt",
                                         title="新文件")]})
    bad.nodes["Task"]["bad"] = {**next(iter(bad.nodes["Task"].values())), "id": "bad",
                                "seq": {"not": "a property value"}}
    with pytest.raises(Exception):  # noqa: B017 - which driver error a bad value raises is the server's choice
        store.load(bad)
    assert shape(store.dump()) == before


@pytest.mark.parametrize("name,params,cols,expected", EXPECTED,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXPECTED)])
def test_named_query(store, data, name, params, cols, expected):
    store.load(data)
    check(store, name, params, cols, expected)


def test_read_only_and_errors(store, data):
    store.load(data)
    with pytest.raises(ReadOnlyQuery):
        store.query("MATCH (i:Indicator) SET i.name = 'x'")
    with pytest.raises(QueryError):
        store.query("MATCH (n RETURN n")


def test_export_script_replays(store, data, tmp_path):
    store.load(data)
    (script,) = store.export("cypher", tmp_path / "g.cypher")
    store.query("MATCH (n) DETACH DELETE n", write=True)
    for stmt in open(script, encoding="utf-8").read().split(";\n"):
        if stmt.strip():
            store.query(stmt, write=True)
    assert store.counts() == SAMPLE_COUNTS


def test_wrong_password():
    with pytest.raises(StoreAuthError) as err:
        open_store(neo4j=True, password="definitely-wrong-password")
    assert "\n" not in str(err.value)


def test_unreachable():
    with pytest.raises(StoreUnavailable):
        open_store(neo4j_uri="bolt://127.0.0.1:1", password="x")
