"""Targets compared across policies: one indicator, every policy and year that sets it."""
from __future__ import annotations

from . import run


def _last_if_none(r: dict, *keys: str) -> tuple:
    """The queries' ORDER BY in Python: nulls after values, as Cypher sorts them."""
    return tuple((r[k] is None, r[k] or "") for k in keys)


def indicators(store) -> list[dict]:
    return run(store, "indicators")


def compare_targets(store, indicator: str | None = None, limit: int | None = None) -> list[dict]:
    """Rows per target of the indicators named `indicator` exactly, else containing it (all: None);
    at most `limit` rows per indicator (None or 0: all), earliest target years first."""
    found = indicators(store)
    if indicator:
        exact = [i for i in found if i["name"] == indicator]
        found = exact or [i for i in found if indicator in (i["name"] or "")]
    ids = [i["id"] for i in found]
    # Over a network every query is a round trip: Neo4j is asked for every indicator at once (a
    # per-indicator LIMIT in a subquery); the embedded store, without subqueries, one at a time.
    batches = ([ids] if ids else []) if store.dialect == "neo4j" else [[i] for i in ids]
    order = {iid: k for k, iid in enumerate(ids)}
    rows = sorted((r for b in batches for r in run(store, "targets_by_indicator", indicator_ids=b,
                                                      limit=limit or 10**9)),
                  key=lambda r: (order[r["indicator_id"]], r["sort_year"], *_last_if_none(r, "jurisdiction", "source",
                                                                                          "number")))
    return [{"indicator": r["indicator"], "value": r["value"], "comparator": r["comparator"], "year": r["year"],
             "jurisdiction": r["jurisdiction"], "policy": r["policy"], "number": r["number"], "source": r["source"],
             "text": r["text"], "policy_id": r["policy_id"], "task_id": r["task_id"]} for r in rows]
