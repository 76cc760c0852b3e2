"""Policy lineage: the chain of IMPLEMENTS (and CITES) up to the State Council and down to cities."""
from __future__ import annotations

from . import run
from .policies import match_policies

MAX_DEPTH = 8
LEVEL_ORDER = {"national": 0, "provincial": 1, "municipal": 2, "county": 3}


def lineage(store, ref: str, direction: str = "both", cites: bool = True) -> tuple[list[dict], list[dict]]:
    """(roots, rows): breadth-first over IMPLEMENTS (and CITES) edges from the matched policies.

    A row is an edge of the tree: {depth, from, relation, way, policy, level, jurisdiction, issued,
    doc_number, status}. "up" follows what a policy implements, "down" what implements it, "both"
    turns at every step, so siblings that implement the same policy join the story.
    """
    roots = match_policies(store, ref)
    if not roots:
        return [], []
    ways = ["up", "down"] if direction == "both" else [direction]
    frontier = [r["id"] for r in roots]
    seen = set(frontier)
    out = []
    for depth in range(1, MAX_DEPTH + 1):
        if not frontier:
            break
        links = [dict(link, way=w) for w in ways for link in run(store, "policy_links", ids=frontier, down=w == "down")]
        nxt = []
        for link in links:
            down = link["way"] == "down"
            if (link["to_id"] if down else link["from_id"]) not in frontier:
                continue
            if link["relation"] == "CITES" and not cites:
                continue
            near, far = ("to", "from") if down else ("from", "to")
            far_id = link[f"{far}_id"]
            if far_id in seen and far_id not in nxt:
                continue          # already placed in the tree (one path per policy)
            out.append({"depth": depth, "from_id": link[f"{near}_id"], "from": link[f"{near}_title"],
                        "relation": link["relation"], "way": link["way"], "id": far_id, "policy": link[f"{far}_title"],
                        "doc_number": link[f"{far}_doc_number"], "level": link[f"{far}_level"],
                        "jurisdiction": link[f"{far}_jurisdiction"], "issued": link[f"{far}_issued"],
                        "status": link[f"{far}_status"]})
            if far_id not in seen:
                seen.add(far_id)
                nxt.append(far_id)
        frontier = nxt
    out.sort(key=lambda r: (r["depth"], r["relation"] != "IMPLEMENTS", r["from"] or "", r["policy"] or ""))
    return roots, out


def lineage_graph(store, ref: str, cites: bool = True):
    """Both directions as a networkx DiGraph (edges point from the implementing policy upward)."""
    import networkx as nx

    g = nx.DiGraph()
    roots, rows = lineage(store, ref, "both", cites)
    for r in roots:
        g.add_node(r["id"], title=r["title"], level=r["level"], jurisdiction=r["jurisdiction"],
                   issued=r["issued"], doc_number=r["doc_number"], status=r["status"], root=True)
    for row, upward in [(x, x["way"] == "up") for x in rows]:
        g.add_node(row["id"], title=row["policy"], level=row["level"], jurisdiction=row["jurisdiction"],
                   issued=row["issued"], doc_number=row["doc_number"], status=row["status"])
        a, b = (row["from_id"], row["id"]) if upward else (row["id"], row["from_id"])
        g.add_edge(a, b, relation=row["relation"])
    return g
