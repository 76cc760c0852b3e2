"""`show`: one thing in the graph with its provenance — a task, a policy or an agency."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..registry.agencies import Registry
from .agencies import list_agencies, match_agencies
from .policies import show_policy, show_task


@dataclass
class Shown:
    kind: str                   # task | policy | agency | "" (nothing matched)
    rows: list[dict] = field(default_factory=list)   # one per policy or agency; one record for a task


def show(store, what: str, registry: Registry | None = None) -> Shown:
    """A task id (task_…), a policy (id, source, document number, part of the title) or an
    agency (id, name or free-text query), tried in that order."""
    if what.startswith("task_"):
        t = show_task(store, what)
        return Shown("task", [t]) if t else Shown("")
    found = show_policy(store, what)
    if found:
        return Shown("policy", found)
    bodies = match_agencies(store, what, registry)
    if bodies:
        names = {a.name for a in bodies}
        return Shown("agency", [r for r in list_agencies(store) if r["name"] in names])
    return Shown("")
