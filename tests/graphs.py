"""Both backends for the store, load, identity and question tests (imported by them)."""
import os

import pytest


# Every store, load, identity and question test runs on both backends: `graph` is the CLI's
# arguments naming one empty graph — ("--store", DIR) embedded, or ("--neo4j", URI) on the test
# Neo4j, emptied first — and graph.open() a Store on it.
class Graph(tuple):
    backend: str
    location: str

    def __new__(cls, backend: str, location):
        args = ("--store", str(location)) if backend == "ladybug" else ("--neo4j", str(location))
        obj = super().__new__(cls, args)
        obj.backend, obj.location = backend, str(location)
        return obj

    def open(self, read_only: bool = False):
        from policygraph.graph import open_store
        if self.backend == "ladybug":
            return open_store(self.location, read_only=read_only)
        return open_store(neo4j_uri=self.location, neo4j=True, read_only=read_only)


def empty_neo4j():
    """The test Neo4j, emptied (refusing one that holds other programs' data)."""
    from policygraph.graph import open_store
    from policygraph.graph.backend_neo4j import LOCK
    from policygraph.graph.schema import NODES
    with open_store(neo4j=True) as s:
        labels = {r["l"] for r in s.query("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l")}
        foreign = labels - set(NODES) - {LOCK}
        if foreign:
            pytest.skip(f"the Neo4j at {os.environ['NEO4J_URI']} holds other data (labels {sorted(foreign)}); "
                        "not wiping it")
        # In bounded transactions, as the server bounds them (a 1,000-document graph is more);
        # the write holds the load lock, whose node is left to it.
        while s.query(f"MATCH (n) WHERE NOT (n:{LOCK} AND n.name = 'load') WITH n LIMIT 5000 DETACH DELETE n "
                      "RETURN count(*) AS c",
                      write=True)[0]["c"]:
            pass
    return os.environ["NEO4J_URI"]


BACKENDS = ["ladybug", "neo4j"]


def new_graph(request, backend: str, where) -> Graph:
    if backend == "neo4j":
        request.getfixturevalue("neo4j_env")
        return Graph("neo4j", empty_neo4j())
    return Graph("ladybug", where / "pg.db")
