"""Agency lookup latency against the whole registry (every province and prefecture-level city).

    python bench/lookup.py [--rounds 20]

Prints p50/p95 per query for `search(..., pool=None)` (the registry-wide `agencies find --all`),
next to a baseline measured in the same run: a plain rapidfuzz scan over the names and English
names of every body the registry can generate.
"""
from __future__ import annotations

import argparse
import statistics
import time

from rapidfuzz import fuzz, process

from policygraph.base import jurisdictions as J
from policygraph.registry.agencies import default_registry
from policygraph.registry.lookup import search

QUERIES = ["provincial quality bureau", "Foshan market regulation", "Guangdong commerce department", "customs",
           "entry-exit inspection", "省质监局", "省質監局", "杭州市市场监督管理局", "Sichuan provincial health commission",
           "国家发改委"]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    reg = default_registry()
    t0 = time.perf_counter()
    universe = list(reg.universe(type_keys=list(reg.types)))
    build = time.perf_counter() - t0
    names = [f"{a.name} {a.name_en}" for a in universe]
    n_j = sum(1 for j in J.all_jurisdictions() if j.level != "national")
    print(f"registry: {len(reg.types)} types × {n_j} jurisdictions → {len(universe)} bodies "
          f"(generated in {build * 1000:.0f} ms, for the baseline only)")
    search(reg, QUERIES[0])  # warm caches
    print(f"{'query':40s} {'p50 ms':>8s} {'p95 ms':>8s} {'baseline p50':>13s} {'ratio':>6s}")
    for q in QUERIES:
        ts, bs = [], []
        for _ in range(args.rounds):
            t = time.perf_counter()
            search(reg, q)
            ts.append((time.perf_counter() - t) * 1000)
        for _ in range(max(3, args.rounds // 5)):
            t = time.perf_counter()
            process.extract(q, names, scorer=fuzz.WRatio, limit=10)
            bs.append((time.perf_counter() - t) * 1000)
        p50, base = statistics.median(ts), statistics.median(bs)
        print(f"{q:40s} {p50:8.2f} {pct(ts, 95):8.2f} {base:13.2f} {base / p50:5.1f}x")


if __name__ == "__main__":
    main()
