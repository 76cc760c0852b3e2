"""Targets compared across policies: one indicator, every policy and year that sets it."""
from __future__ import annotations

from . import run


def indicators(store) -> list[dict]:
    return run(store, "indicators")


def compare_targets(store, indicator: str | None = None, limit: int | None = None) -> list[dict]:
    """Rows per target of the indicators named `indicator` exactly, else containing it (all: None);
    at most `limit` rows per indicator (None or 0: all), earliest target years first."""
    found = indicators(store)
    if indicator:
        exact = [i for i in found if i["name"] == indicator]
        found = exact or [i for i in found if indicator in (i["name"] or "")]
    rows = run(store, "targets_by_indicator", indicator_ids=[i["id"] for i in found], limit=limit or 10**9)
    return [{"indicator": r["indicator"], "value": r["value"], "comparator": r["comparator"], "year": r["year"],
             "jurisdiction": r["jurisdiction"], "policy": r["policy"], "number": r["number"], "source": r["source"],
             "text": r["text"], "policy_id": r["policy_id"], "task_id": r["task_id"]} for r in rows]
