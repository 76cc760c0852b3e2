"""Compare the extractor with the hand-checked seed fixtures (shared by tests and by hand runs)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "seeds"
# Real documents beyond the seeds (a State Council plan …), with fixtures of the same format.
SAMPLES = {"national": (ROOT / "data" / "samples" / "national",
                        Path(__file__).resolve().parent / "fixtures" / "national")}
ROLES = ("lead", "joint", "participants", "implementers")


def fixture_pairs(kind: str = "seeds"):
    docs, fixtures = (SEEDS, FIXTURES) if kind == "seeds" else SAMPLES[kind]
    for fx in sorted(fixtures.glob("*.json")):
        expected = json.loads(fx.read_text(encoding="utf-8"))
        yield fx.stem, docs / expected["source"], expected


def role_names(task: dict, role: str) -> list[str]:
    return [m["expanded"] if isinstance(m, dict) else m for m in task[role]]


def target_keys(task: dict) -> Counter:
    return Counter((t["value"], t["year"]) for t in task["targets"])


def diff(expected: dict, got: dict) -> list[str]:
    out = []
    for k in ("title", "doc_number", "issuer", "issued", "jurisdiction", "level", "status"):
        if expected.get(k) != got.get(k):
            out.append(f"meta {k}: expected {expected.get(k)!r} got {got.get(k)!r}")
    for k in ("implements", "cites"):
        e = [(r["title"], r["doc_number"]) for r in expected[k]]
        g = [(r["title"], r["doc_number"]) for r in got[k]]
        if e != g:
            out.append(f"meta {k}: expected {e} got {g}")
    et, gt = expected["tasks"], got["tasks"]
    if len(et) != len(gt):
        out.append(f"task count: expected {len(et)} got {len(gt)}")
    for e, g in zip(et, gt):
        tag = f"{'/'.join(e['path'])} {e['number']}"
        for k in ("number", "path", "title"):
            if e[k] != g[k]:
                out.append(f"{tag} {k}: expected {e[k]!r} got {g[k]!r}")
        for r in ROLES:
            if role_names(e, r) != role_names(g, r):
                out.append(f"{tag} {r}: expected {role_names(e, r)} got {role_names(g, r)}")
        if target_keys(e) != target_keys(g):
            out.append(f"{tag} targets: missing {dict(target_keys(e) - target_keys(g))} extra {dict(target_keys(g) - target_keys(e))}")
    return out


if __name__ == "__main__":
    from policygraph.loaders.extract import extract_file

    for kind in ("seeds", *SAMPLES):
        for stem, src, exp in fixture_pairs(kind):
            got = extract_file(str(src))
            for line in diff(exp, got):
                print(stem, line)
