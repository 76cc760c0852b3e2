"""Who does what: task rows per (task, agency, role), found by an agency query in any language."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..registry.agencies import Registry
from . import run
from .agencies import _jurisdiction_name, match_agencies, suggest_agencies, with_successors
from .policies import match_policies

ROLE_CHOICES = ("lead", "joint", "participant", "implementer", "any")


@dataclass
class TaskAnswer:
    rows: list[dict]
    matched: list[dict] = field(default_factory=list)     # the bodies the agency query resolved to
    suggestions: list[str] = field(default_factory=list)  # nearest bodies/policies when nothing matched
    problem: str | None = None


def find_tasks(store, agency: str | None = None, role: str = "any", jurisdiction: str | None = None,
               policy: str | None = None, successors: bool = False,
               registry: Registry | None = None) -> TaskAnswer:
    """Tasks with the agencies on them. `role`: lead (牵头, or 负责 alone) | joint (按职责分工负责) |
    participant (参与/配合) | implementer (负责落实) | any."""
    ids: list[str] = []
    matched: list[dict] = []
    if agency:
        bodies = match_agencies(store, agency, registry)
        if not bodies:
            return TaskAnswer([], [], suggest_agencies(store, agency, registry),
                              f"no agency in the graph matches {agency!r}")
        ids = [a.id for a in bodies]
        matched = [{"name": a.name, "english": a.name_en, "jurisdiction": a.jurisdiction} for a in bodies]
        if successors:
            ids = with_successors(store, ids)
    policies: list[str] = []
    if policy:
        found = match_policies(store, policy)
        if not found:
            return TaskAnswer([], matched, [], f"no policy in the graph matches {policy!r}")
        policies = [p["id"] for p in found]
    roles = [] if role in (None, "", "any") else [role]
    rows = run(store, "task_rows", ids=ids, roles=roles, policies=policies,
               jurisdiction=_jurisdiction_name(jurisdiction))
    out = [{"source": r["source"], "policy": r["policy"], "number": r["number"], "title": r["title"],
            "role": r["role"], "mode": r["mode"], "agency": r["agency"], "agency_en": r["agency_en"],
            "co_agencies": sorted(r["co_agencies"] or []), "clause": r["clause"], "written": r["surface"],
            "task_id": r["task_id"]} for r in rows]
    return TaskAnswer(out, matched)
