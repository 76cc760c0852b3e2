"""Who does what: task rows per (task, agency, role), found by an agency query in any language."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..base.vocab import ROLES
from ..registry.agencies import Registry
from . import per_id, run
from .agencies import _jurisdiction_name, match_agencies, matched_rows, suggest_agencies, with_successors
from .policies import ALL, match_policies, policy_problem

ROLE_CHOICES = (*ROLES, "any")


@dataclass
class TaskAnswer:
    rows: list[dict]
    matched: list[dict] = field(default_factory=list)     # the bodies the agency query resolved to
    suggestions: list[str] = field(default_factory=list)  # nearest bodies/policies when nothing matched
    problem: str | None = None


def find_tasks(store, agency: str | None = None, role: str = "any", jurisdiction: str | None = None,
               policy: str | None = None, successors: bool = False,
               registry: Registry | None = None, limit: int | None = None) -> TaskAnswer:
    """Tasks with the agencies on them. `role`: lead (牵头, or 负责 alone) | joint (按职责分工负责) |
    participant (参与/配合) | implementer (负责落实) | any. `limit`: the first rows only (None or
    0: all), cut in the store, so a body on thousands of tasks answers as fast as one on ten."""
    cut = limit or ALL
    ids: list[str] = []
    matched: list[dict] = []
    if agency:
        bodies = match_agencies(store, agency, registry)
        if not bodies:
            return TaskAnswer([], [], suggest_agencies(store, agency, registry),
                              f"no agency in the graph matches {agency!r}")
        ids = [a.id for a in bodies]
        matched = matched_rows(bodies)
        if successors:
            ids = with_successors(store, ids)
    policies: list[str] = []
    if policy:
        found = match_policies(store, policy)
        problem = policy_problem(store, policy, found)
        if problem:
            return TaskAnswer([], matched, [], problem)
        policies = [p["id"] for p in found]
    roles = [] if role in (None, "", "any") else [role]
    juris = _jurisdiction_name(jurisdiction)
    # Anchored reads (an agency or a policy by id) stay fast however large the graph is.
    if ids:
        if len(ids) > 1 and (limit or juris) and not policies and per_id(store, "agency_task_rows"):
            ids = _bodies_on_page(store, ids, roles, juris, cut)
        rows = run(store, "agency_task_rows", agencies=ids, roles=roles, jurisdiction=juris, limit=cut) if ids else []
        if policies:
            rows = [r for r in rows if r["policy_id"] in set(policies)]
    elif policy and policies:
        if juris:
            policies = [p["id"] for p in match_policies(store, policy) if p["jurisdiction"] == juris]
        rows = [r for pid in policies for r in run(store, "policy_task_rows", policy=pid, roles=roles, limit=cut)]
    else:
        rows = run(store, "all_task_rows", roles=roles, jurisdiction=juris, limit=cut)
    rows.sort(key=lambda r: (r["source"] or "", r["seq"], r["agency"] or "", r["role"]))
    rows = rows[:cut]       # each agency's or policy's first rows: the first of them all
    if agency and (juris or policy) and not successors:
        matched = matched_rows(bodies, {r["agency_id"] for r in rows})
    # The bodies on each task: with the rows of an agency's tasks, else asked per task.
    on_task: dict[str, set[str]] = {r["task_id"]: set(r["on_task"]) for r in rows if "on_task" in r}
    for r in run(store, "task_agencies", tasks=sorted({r["task_id"] for r in rows} - set(on_task))):
        on_task.setdefault(r["task_id"], set()).add(r["agency"])
    out = [{"source": r["source"], "policy": r["policy"], "number": r["number"], "title": r["title"],
            "role": r["role"], "mode": r["mode"], "agency": r["agency"], "agency_en": r["agency_en"],
            "co_agencies": sorted(on_task[r["task_id"]] - {r["agency"]}),
            "clause": r["clause"], "written": r["surface"], "task_id": r["task_id"], "policy_id": r["policy_id"],
            "agency_id": r["agency_id"]} for r in rows]
    return TaskAnswer(out, matched)


def _bodies_on_page(store, ids: list[str], roles: list[str], juris: str | None, cut: int) -> list[str]:
    """The bodies among `ids` with a row on the first page (`cut` rows, in the order of
    find_tasks), from the sort keys alone: a query such as 'provincial quality bureau' matches a
    bureau per province, and reading every one's full rows was most of the answer's time."""
    keys = [k for k in run(store, "agency_task_keys", agencies=ids, roles=roles)
            if not juris or k["jurisdiction"] == juris]
    keys.sort(key=lambda k: (k["source"] or "", k["seq"], k["agency"] or "", k["role"]))
    on_page = {k["agency_id"] for k in keys[:cut]}
    return [i for i in ids if i in on_page]
