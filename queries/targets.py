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
    ids = [i["id"] for i in found]
    until = _last_year_needed(store, ids, limit) if limit and ids else None
    rows = run(store, "targets_by_indicator", indicator_ids=ids, limit=limit or 10**9, until=until)
    return [{"indicator": r["indicator"], "value": r["value"], "comparator": r["comparator"], "year": r["year"],
             "jurisdiction": r["jurisdiction"], "policy": r["policy"], "number": r["number"], "source": r["source"],
             "text": r["text"], "policy_id": r["policy_id"], "task_id": r["task_id"]} for r in rows]


def _last_year_needed(store, ids: list[str], limit: int) -> int:
    """The latest target year any indicator's first `limit` targets (earliest years first) reach:
    the rows of later years need no policy or task read and no sort (an indicator set by 80,000
    targets pages through its 200 earliest from a few years' rows)."""
    last, seen = 0, dict[str, int]()
    for r in run(store, "target_years", indicator_ids=ids):
        k = r["indicator_id"]
        if seen.get(k, 0) < limit:          # this year is still needed for this indicator
            last = max(last, r["year"])
            seen[k] = seen.get(k, 0) + r["targets"]
    return last
