"""Targets compared across policies: one indicator, every policy and year that sets it."""
from __future__ import annotations

from . import run


def compare_targets(store, indicator: str | None = None) -> list[dict]:
    """Rows per target; `indicator` matches exactly, then as a part of the indicator name."""
    rows = run(store, "targets_by_indicator", indicator=indicator or None)
    if indicator and not rows:
        rows = [r for r in run(store, "targets_by_indicator", indicator=None) if indicator in (r["indicator"] or "")]
    return [{"indicator": r["indicator"], "value": r["value"], "comparator": r["comparator"], "year": r["year"],
             "jurisdiction": r["jurisdiction"], "policy": r["policy"], "number": r["number"], "source": r["source"],
             "text": r["text"]} for r in rows]


def indicators(store) -> list[str]:
    return sorted({r["indicator"] for r in run(store, "targets_by_indicator", indicator=None) if r["indicator"]})
