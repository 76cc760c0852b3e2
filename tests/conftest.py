import os
import sys
from pathlib import Path

# seedcheck.py (the fixture comparison shared with hand runs) lives beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Exact-table tests assume piped output's width (200); a developer's exported $COLUMNS would
# change it (output.table_width honours it, as users asked).
os.environ.pop("COLUMNS", None)


# A real Neo4j for the Neo4j tests: the one NEO4J_URI names, else a throwaway server started
# here (tools/neo4j_server.py: Java 17 + Maven) that stops with the run. Without Java the Neo4j
# tests skip with one line saying how to get them — unless POLICYGRAPH_REQUIRE_NEO4J is set
# (.ci/run sets it), when not having a server fails them.
import pytest  # noqa: E402

_NEO4J: dict = {}


@pytest.fixture(scope="session")
def neo4j_env():
    if os.environ.get("NEO4J_URI"):
        return {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD") if k in os.environ}
    if "env" not in _NEO4J and "error" not in _NEO4J:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
        import neo4j_server
        try:
            _NEO4J["proc"], _NEO4J["env"] = neo4j_server.start(watch=os.getpid())
        except neo4j_server.Unavailable as e:
            _NEO4J["error"] = str(e)
    if "error" in _NEO4J:
        msg = f"no Neo4j to test against: {_NEO4J['error']} — install Java 17 and Maven, or set NEO4J_URI"
        if os.environ.get("POLICYGRAPH_REQUIRE_NEO4J"):
            pytest.fail(msg)
        pytest.skip(msg)
    os.environ.update(_NEO4J["env"])
    return _NEO4J["env"]


def pytest_sessionfinish(session, exitstatus):
    if "proc" in _NEO4J:
        import neo4j_server
        neo4j_server.stop(_NEO4J["proc"])

