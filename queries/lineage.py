"""Policy lineage: the chain of IMPLEMENTS (and CITES) up to the State Council and down to cities."""
from __future__ import annotations

from . import run
from .policies import match_policies

MAX_DEPTH = 8
# A national plan is implemented by every province and city: past this many links from one
# policy the tree says "… N more" (a national corpus would otherwise print thousands of rows).
MAX_FANOUT = 50
# And the whole tree stops at this many policies: a story, not the national corpus.
MAX_NODES = 150
# Policies whose links are asked for together: a few round trips per level, and no more asked
# for once the tree holds MAX_NODES.
_ASK = 20
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
    relations = ["IMPLEMENTS", "CITES"] if cites else ["IMPLEMENTS"]
    frontier = [r["id"] for r in roots]
    seen = set(frontier)
    out = []
    for depth in range(1, MAX_DEPTH + 1):
        if not frontier:
            break
        nxt = []
        links_of: dict[tuple[str, str], list[dict]] = {}
        for k, pid in enumerate(frontier):
            if len(seen) >= MAX_NODES:
                break
            if k % _ASK == 0:     # the next policies' links, asked together (a round trip each)
                for way in ways:
                    # Links down come cut in the store one past MAX_FANOUT (a national plan has
                    # thousands): a link past it says there are more. A policy cites a few.
                    for link in run(store, f"policy_links_{way}", policies=frontier[k:k + _ASK],
                                    relations=relations):
                        links_of.setdefault((link["near_id"], way), []).append(link)
            for way in ways:
                links = links_of.get((pid, way), [])
                for link in links[:MAX_FANOUT]:
                    far_id = link["far_id"]
                    if far_id in seen:
                        continue          # already placed in the tree (one path per policy)
                    seen.add(far_id)
                    nxt.append(far_id)
                    out.append({"depth": depth, "from_id": pid, "from": link["near_title"],
                                "relation": link["relation"], "way": way, "policy_id": far_id,
                                "policy": link["far_title"], "doc_number": link["far_doc_number"],
                                "level": link["far_level"], "jurisdiction": link["far_jurisdiction"],
                                "issued": link["far_issued"], "status": link["far_status"]})
                if len(links) > MAX_FANOUT:
                    n = run(store, "policy_links_count", policy=pid)[0]
                    total = sum(n[f"{way}_{rel.lower()}"] for rel in relations)
                    out.append({"depth": depth, "from_id": pid, "from": links[0]["near_title"], "relation": "…",
                                "way": way, "policy_id": f"{pid}:more:{way}",
                                "policy": f"… {total - MAX_FANOUT} more",
                                "doc_number": None, "level": None, "jurisdiction": None, "issued": None,
                                "status": "truncated"})
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
        g.add_node(row["policy_id"], title=row["policy"], level=row["level"], jurisdiction=row["jurisdiction"],
                   issued=row["issued"], doc_number=row["doc_number"], status=row["status"])
        a, b = (row["from_id"], row["policy_id"]) if upward else (row["policy_id"], row["from_id"])
        g.add_edge(a, b, relation=row["relation"])
    return g
