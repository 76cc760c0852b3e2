"""Named queries: one `.cypher` file per question, with $parameters.

`name.cypher` runs on both stores; `name.ladybug.cypher` / `name.neo4j.cypher` exist only
where the dialects differ (type() vs label(), sorting a collected list). The header comment
documents the query: first line = what it answers, then `// @param name  description`;
"required" in the description makes the parameter mandatory. Optional parameters left out
are passed as null, which the queries read as "no filter".
"""
from __future__ import annotations

if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")


import re
from pathlib import Path

from ..graph.errors import QueryError

QUERY_DIR = Path(__file__).parent
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def names() -> list[str]:
    return sorted({p.name.split(".")[0] for p in QUERY_DIR.glob("*.cypher")})


def path_for(name: str, backend: str) -> Path:
    for candidate in (QUERY_DIR / f"{name}.{backend}.cypher", QUERY_DIR / f"{name}.cypher"):
        if candidate.exists():
            return candidate
    raise QueryError(f"no query named {name!r}; known queries: {', '.join(names())}")


def text(name: str, backend: str) -> str:
    return path_for(name, backend).read_text(encoding="utf-8")


def describe(name: str, backend: str = "ladybug") -> dict:
    """{"name", "summary", "params": {name: description}, "required": [names]}."""
    lines = [x[2:].strip() for x in text(name, backend).splitlines() if x.startswith("//")]
    params = {}
    for line in lines[1:]:
        if line.startswith("@param"):
            _, pname, *desc = line.split(maxsplit=2)
            params[pname] = desc[0] if desc else ""
    return {"name": name, "summary": lines[0] if lines else "", "params": params,
            "required": [p for p, d in params.items() if d.startswith("required")]}


# Lists of ids a query takes on Neo4j, and the single id its embedded variant takes instead:
# over a network each query is a round trip, so Neo4j is asked once with the list; the embedded
# store finds a node through its index only from a single-valued parameter (a list, IN or
# UNWIND, is a scan), so it is asked once per id. Callers pass the list either way.
LIST_PARAMS = {"tasks": "task", "agencies": "agency", "policies": "policy", "indicator_ids": "indicator_id"}


def per_id(store, name: str) -> bool:
    """Does `run` ask this query once per id on this store (LIST_PARAMS)? Then a caller with many
    ids gains by first narrowing them down."""
    used = set(_PARAM.findall(text(name, store.dialect)))
    return any(many not in used and one in used for many, one in LIST_PARAMS.items())


def run(store, name: str, **params) -> list[dict]:
    """Run a named query on a store (embedded or Neo4j); rows as dicts."""
    cypher = text(name, store.dialect)
    info = describe(name, store.dialect)
    used = sorted(set(_PARAM.findall(cypher)))
    for many, one in LIST_PARAMS.items():
        if many in params and many not in used and one in used:
            values = params.pop(many)
            return [r for v in values for r in run(store, name, **params, **{one: v})]
    unknown = set(params) - set(used)
    if unknown:
        raise QueryError(f"query {name!r} takes {', '.join(used) or 'no parameters'}; "
                         f"not {', '.join(sorted(unknown))}")
    missing = [p for p in info["required"] if params.get(p) in (None, "")]
    if missing:
        raise QueryError(f"query {name!r} needs {', '.join(missing)} "
                         f"(e.g. --param {missing[0]}=…)")
    # A list parameter left out is the empty list ("[]: every …" in its description): the
    # embedded store cannot type a null where a list is expected.
    lists = {p for p, d in info["params"].items() if "([]" in d}
    return store.query(cypher, {p: params.get(p, [] if p in lists else None) for p in used})
