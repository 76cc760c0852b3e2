"""Policies: list, match a researcher's reference to one, show one with provenance."""
from __future__ import annotations

from . import run

ALL = 10**9


def list_policies(store, status: str | None = None, limit: int | None = None) -> list[dict]:
    """Policies by status then title; `limit` rows at most (None or 0: all)."""
    return run(store, "policies", status=status or None, limit=limit or ALL)


def match_policies(store, ref: str) -> list[dict]:
    """Policies for an id, source path, document number (normalised) or part of a title."""
    from ..base import jurisdictions as J
    from ..loaders.references import normalize_doc_number

    # An id is found through the index; anything else is looked for in every policy.
    rows = run(store, "policy_by_id", policy=ref) or run(store, "policy_detail", policy=ref)
    j = J.get(ref.strip())
    if j is not None:
        # "佛山" means Foshan's own policies, not every title that mentions Foshan.
        own = [r["id"] for r in run(store, "policies", status=None, limit=ALL)
               if r["jurisdiction"] == j.name and r["source"]]
        rows = [d for pid in own for d in run(store, "policy_by_id", policy=pid)] or rows
    if not rows:
        num = normalize_doc_number(ref)
        if num and num != ref:
            rows = run(store, "policy_detail", policy=num)
    return rows


def policy_problem(store, ref: str, found: list[dict] | None = None) -> str | None:
    """Why a policy reference gives no tasks, in the user's words, or None when it has some:
    nothing matches it, or it is only cited by the loaded documents (no document, no tasks)."""
    found = match_policies(store, ref) if found is None else found
    if not found:
        return f"no policy in the graph matches {ref!r} — 'policygraph policies' lists them"
    if all(p["status"] == "referenced" for p in found):
        return (f"{ref} is only referenced by the loaded documents, not loaded: it has no tasks — load its "
                f"document, or see where it sits with 'policygraph lineage {ref}'")
    return None


def show_policy(store, ref: str) -> list[dict]:
    return match_policies(store, ref)


def show_task(store, task_id: str) -> dict | None:
    rows = run(store, "task_detail", task=task_id)
    if not rows:
        return None
    t = dict(rows[0])
    t["agencies"] = [dict(zip(("role", "mode", "agency", "written"), a)) for a in t["agencies"] if a[2]]
    t["targets"] = [{k: v for k, v in g.items() if k != "task_id"}
                    for g in run(store, "task_targets", tasks=[task_id])]
    return t
