"""The scale benchmark: how policygraph's cost grows from 1,000 to 100,000 documents.

    python bench/run.py --sizes 1000,20000,100000 --out bench/results.json

For each size, on a corpus from bench/corpus.py (generated once, cached under bench/.cache):
extract throughput (one process, best of three fresh runs on the corpus's first 2,000
documents: throughput is per document, and three passes over 100,000 would take 25 minutes),
end-to-end load into a fresh embedded store (the CLI's path: worker processes read and build,
one transaction loads) with the peak RSS of the whole process tree (the load and its workers,
sampled from /proc every 50 ms) and the store's size, an unchanged reload, adding one new
document and replacing it with a changed text (each `policygraph load FILE` end to end, as a
researcher runs it), then p50/p95 latency of every named query and every researcher question.
In the same run, the bulk loader's rows/s against the row-at-a-time baseline a typical tutorial
uses (one MERGE per node and per edge), and the growth exponents of load time and peak memory
(the slope of log cost against log size). Prints a table and writes JSON.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PY = sys.executable

EXTRACT_RUNS = 3
EXTRACT_DOCS = 2000
FLOORS = {"extract_mb_s": 5.0, "load_s_100000": 900.0, "peak_tree_mb_100000": 1536.0, "query_p95_ms": 200.0,
          "add_one_s_20000": 3.0, "replace_one_s_20000": 3.0, "baseline_ratio": 20.0,
          "memory_ratio_16000_vs_2000": 1.3}


def corpus(n: int) -> Path:
    out = CACHE / f"corpus-{n}"
    if not (out / "manifest.json").exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([PY, str(HERE / "corpus.py"), str(n), "--out", str(out)], check=True)
    return out


def child(code: str, *args, tree: bool = False) -> dict:
    """Run a measurement in a fresh process. tree: also the peak RSS of its whole process tree
    (it and its workers, summed at each sample), as "peak_tree_mb"."""
    p = subprocess.Popen([PY, "-c", PEAK + code, *map(str, args)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    peak, out, err = _sample_tree(p) if tree else (None, *p.communicate())
    if p.returncode != 0:
        raise SystemExit(f"measurement failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, "peak_tree_mb": peak} if tree else result


def _sample_tree(p: subprocess.Popen, every: float = 0.05) -> tuple[float, str, str]:
    """(peak of the summed VmRSS of p and all its descendants while p runs, its stdout, its
    stderr): reader threads drain its pipes, so a chatty child cannot block on a full pipe."""
    import threading
    bufs: dict[str, str] = {}

    def drain(name, f):
        bufs[name] = f.read()
    threads = [threading.Thread(target=drain, args=(n, f), daemon=True) for n, f in (("out", p.stdout), ("err", p.stderr))]
    for t in threads:
        t.start()
    peak = 0.0
    while p.poll() is None:
        total, stack = 0.0, [p.pid]
        while stack:
            pid = stack.pop()
            total += _rss_mb(pid)
            stack += _children(pid)
        peak = max(peak, total)
        time.sleep(every)
    for t in threads:
        t.join()
    return peak, bufs.get("out", ""), bufs.get("err", "")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass              # gone between two reads
    return out


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cli(*args) -> float:
    """Seconds one `policygraph` command takes, end to end (startup included)."""
    os.sync()    # the previous step's writes are not this command's to flush
    t = time.perf_counter()
    r = subprocess.run([str(Path(PY).with_name("policygraph")), *map(str, args)], capture_output=True, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"policygraph {' '.join(map(str, args))} failed:\n{r.stderr[-3000:]}")
    return dt


def exponent(sizes: list[int], values: list[float]) -> float | None:
    """Least-squares slope of log(value) against log(size): 1.0 is linear growth."""
    if len(sizes) < 2:
        return None
    xs, ys = [math.log(n) for n in sizes], [math.log(v) for v in values]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# Peak RSS of the measuring process and, separately, of its largest worker: the load's main
# process and its worker processes run at once, so the peak in use is bounded by their sum.
PEAK = """
import resource
def open_graph(where, **kw):
    from policygraph.graph import open_store
    if where.startswith(("bolt://", "neo4j://", "neo4j+s://")):
        return open_store(neo4j_uri=where, neo4j=True, **kw)
    return open_store(where, **kw)
def peak_mb():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, workers
"""


EXTRACT = """
import json, sys, time
from pathlib import Path
from policygraph.pipeline import extract_file, extract_paths
d = Path(sys.argv[1]); files = sorted(str(p) for p in d.glob("*.txt"))[:int(sys.argv[2])]
mb = sum(Path(f).stat().st_size for f in files) / 1e6
extract_paths(files[:20])                       # warm the registry and caches
m = {x["file"]: x["tasks"] for x in json.loads((d / "manifest.json").read_text())}
ok = docs = 0
t = time.perf_counter()
for f in files:                                  # one at a time: nothing is kept
    p = extract_file(f)
    docs += 1
    ok += len(p["tasks"]) == m[Path(f).name]
dt = time.perf_counter() - t
print(json.dumps({"extract_s": dt, "mb": mb, "docs": docs, "errors": 0, "task_counts_exact": ok}))
"""

LOAD = """
import json, sys, time
from policygraph.graph import open_store
from policygraph.pipeline import load_paths
t = time.perf_counter()
with open_graph(sys.argv[2]) as st:
    s = load_paths(st, [sys.argv[1]])
dt = time.perf_counter() - t
c = s["counts"]
own, workers = peak_mb()
print(json.dumps({"load_s": dt, "documents": s["documents"], "tasks": c["nodes"]["Task"],
                  "nodes": sum(c["nodes"].values()), "edges": sum(c["edges"].values()),
                  "peak_rss_mb": own, "peak_worker_rss_mb": workers}))
"""

QUERIES = """
import json, statistics, sys, time
from policygraph import queries
from policygraph.graph import open_store
from policygraph.queries.agencies import find_agencies
from policygraph.queries.coordination import coordination_load, partners
from policygraph.queries.lineage import lineage
from policygraph.queries.policies import list_policies, show_task
from policygraph.queries.targets import compare_targets
from policygraph.queries.tasks import find_tasks
R = int(sys.argv[2])
out = {}
with open_graph(sys.argv[1], read_only=True) as st:
    gd = [r for r in queries.run(st, "agencies", types=["quality_supervision"]) if r["jurisdiction"] == "广东省"]
    one = queries.run(st, "agency_task_rows", agencies=[gd[0]["id"]], roles=["lead"], limit=1)
    agency, task, policy, source = one[0]["agency_id"], one[0]["task_id"], one[0]["policy_id"], one[0]["source"]
    jur = one[0]["agency_jurisdiction"]
    from policygraph.graph.ids import jurisdiction_id, make_id
    named = {
        "agencies": {"types": ["quality_supervision"], "names": []}, "agencies_by_id": {"ids": [agency]},
        "named_agencies": {"ids": [agency]},
        "agency_occurrences": {"jurisdiction": jur, "unresolved": False},
        "agency_partners": {"agency": agency}, "agency_task_rows": {"agencies": [agency], "roles": ["lead"], "limit": 200},
        "agency_task_keys": {"agencies": [agency], "roles": ["lead"]},
        "jurisdiction_coordination": {"jurisdiction_id": jurisdiction_id(jur)},
        "target_years": {"indicator_ids": [make_id("Indicator", "制造业产品质量合格率")]},
        "policy_task_texts": {"policies": [policy]}, "policy_parents": {"policies": [policy]},
        "policy_implementers": {"policies": [policy]},
        "task_echoes": {"task": task},
        "all_policy_links": {}, "all_task_rows": {"roles": ["lead"], "jurisdiction": jur, "limit": 200},
        "cowork_edges": None,   # the whole graph: measured through the questions that need it, not alone
        "jurisdiction_cowork_edges": {"jurisdiction_id": jurisdiction_id(jur)},
        "jurisdiction_roles": {"jurisdiction_id": jurisdiction_id(jur)},
        "policies": {"status": "final", "limit": 200}, "policy_cowork_edges": {"policy": policy},
        "policy_detail": {"policy": source}, "policy_by_id": {"policy": policy},
        "policy_links_down": {"policies": [policy], "relations": ["IMPLEMENTS", "CITES"]},
        "policy_links_up": {"policies": [policy], "relations": ["IMPLEMENTS", "CITES"]},
        "policy_links_count": {"policy": policy}, "policy_task_rows": {"policy": policy, "roles": [], "limit": 200},
        "policy_tasks": {"policy": policy}, "successions": {"ids": [agency]},
        "targets_by_indicator": {"indicator_ids": [make_id("Indicator", "制造业产品质量合格率")], "limit": 200},
        "indicators": {}, "task_agencies": {"tasks": [task]},
        "task_detail": {"task": task}, "task_targets": {"tasks": [task]},
    }
    questions = {
        "q:tasks --lead 'provincial quality bureau' --jurisdiction J (--limit 200)": lambda: find_tasks(st, agency="provincial quality bureau", role="lead", jurisdiction=jur, limit=200),
        "q:agencies find 'provincial quality bureau'": lambda: find_agencies(st, "provincial quality bureau"),
        "q:coordination --jurisdiction J": lambda: coordination_load(st, jurisdiction=jur),
        "q:partners AGENCY --jurisdiction J": lambda: partners(st, agency, jurisdiction=jur),
        "q:lineage POLICY": lambda: lineage(st, policy),
        "q:targets --indicator 制造业产品质量合格率 (--limit 200)": lambda: compare_targets(st, "制造业产品质量合格率", 200),
        "q:policies (--limit 200)": lambda: list_policies(st, limit=200),
        "q:show TASK": lambda: show_task(st, task),
    }
    missing = set(queries.names()) - set(named)
    assert not missing, missing
    jobs = {k: (lambda k=k, p=p: queries.run(st, k, **p)) for k, p in named.items() if p is not None}
    jobs.update(questions)
    for name, fn in jobs.items():
        fn()                                   # warm
        ts = []
        for _ in range(R):
            t = time.perf_counter(); fn(); ts.append((time.perf_counter() - t) * 1000)
        ts.sort()
        out[name] = {"p50": statistics.median(ts), "p95": ts[min(len(ts) - 1, int(round(0.95 * (len(ts) - 1))))]}
print(json.dumps(out))
"""

BASELINE = """
import json, sys, time, tempfile
from pathlib import Path
from policygraph.graph import open_store
from policygraph.pipeline import build, extract_paths
from policygraph.registry.agencies import default_registry
sys.path.insert(0, sys.argv[3])
from load import row_merge_baseline_rows
files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.txt"))
data = build(extract_paths(files)[0], default_registry())
rows = sum(data.counts()["nodes"].values()) + sum(data.counts()["edges"].values())
t = time.perf_counter()
with open_store(sys.argv[2]) as st:
    st.load_many(iter([data]))
bulk = time.perf_counter() - t
sample = int(sys.argv[4])
base_s, base_rows = row_merge_baseline_rows(data, Path(tempfile.mkdtemp()) / "g", sample)
print(json.dumps({"rows": rows, "bulk_s": bulk, "bulk_rows_s": rows / bulk, "baseline_rows": base_rows,
                  "baseline_s": base_s, "baseline_rows_s": base_rows / base_s}))
"""


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,20000,100000")
    ap.add_argument("--out", default=str(HERE / "results.json"))
    ap.add_argument("--rounds", type=int, default=20, help="repetitions per query for p50/p95")
    ap.add_argument("--queries-on", metavar="STORE", help="only measure query latency on an existing store")
    ap.add_argument("--baseline-sample", type=int, default=4000,
                    help="rows the row-at-a-time baseline writes (its rows/s is steady; all 1,000 documents would take ~15 min)")
    args = ap.parse_args()
    if args.queries_on:
        qs = child(QUERIES, args.queries_on, args.rounds)
        for k, v in sorted(qs.items(), key=lambda kv: -kv[1]["p95"] if isinstance(kv[1], dict) else 0):
            if isinstance(v, dict):
                print(f"{v['p50']:9.1f} {v['p95']:9.1f}  {k}")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict = {"date": date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                     f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}",
                     "sizes": {}}
    work = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    try:
        new_doc = one_new_document(work)
        for n in sizes:
            d = corpus(n)
            # Best of three fresh processes: throughput on a shared machine only ever loses to
            # interference (as timeit takes the minimum); every run is kept in the JSON.
            runs = [child(EXTRACT, d, EXTRACT_DOCS) for _ in range(EXTRACT_RUNS)]
            ex = min(runs, key=lambda r: r["extract_s"])
            store = work / f"store-{n}"
            ld = child(LOAD, d, store, tree=True)
            # The same corpus again, unchanged: files are recognised before they are parsed.
            reload = child(LOAD, d, store)
            # One new document, then a changed text of it: what a researcher adding a file pays.
            doc = work / f"new-{n}.txt"
            shutil.copy(new_doc, doc)
            add_s = cli("load", doc, "--store", store)
            doc.write_text(doc.read_text(encoding="utf-8").replace("。", "；", 1), encoding="utf-8")
            replace_s = cli("load", doc, "--store", store)
            qs = {k: v for k, v in child(QUERIES, store, args.rounds).items() if isinstance(v, dict)}
            row = {
                "extract_mb_s": ex["mb"] / ex["extract_s"], "extract_docs_s": ex["docs"] / ex["extract_s"],
                "extract_runs_mb_s": [round(r["mb"] / r["extract_s"], 2) for r in runs],
                "extract_documents": ex["docs"], "task_counts_exact": f"{ex['task_counts_exact']}/{ex['docs']}",
                "load_s": ld["load_s"], "tasks_s": ld["tasks"] / ld["load_s"], "edges_s": ld["edges"] / ld["load_s"],
                "reload_s": reload["load_s"], "reload_ratio": reload["load_s"] / ld["load_s"],
                "add_one_s": add_s, "replace_one_s": replace_s,
                "nodes": ld["nodes"], "edges": ld["edges"], "peak_tree_mb": ld["peak_tree_mb"],
                "peak_main_rss_mb": ld["peak_rss_mb"], "peak_worker_rss_mb": ld["peak_worker_rss_mb"],
                "store_mb": du_mb(store),
                "query_p50_ms": {k: round(v["p50"], 2) for k, v in qs.items()},
                "query_p95_ms": {k: round(v["p95"], 2) for k, v in qs.items()},
            }
            results["sizes"][str(n)] = row
            print(f"N={n:6d}  extract {row['extract_mb_s']:.2f} MB/s ({row['extract_docs_s']:.0f} docs/s, tasks exact "
                  f"{row['task_counts_exact']})  load {row['load_s']:.1f} s ({row['tasks_s']:.0f} tasks/s, "
                  f"{row['edges_s']:.0f} edges/s; unchanged reload {row['reload_ratio']:.1%} of it)  "
                  f"peak {row['peak_tree_mb']:.0f} MB, all processes  store {row['store_mb']:.0f} MB  "
                  f"add one {add_s:.2f} s, replace it {replace_s:.2f} s  "
                  f"slowest query p95 {max(row['query_p95_ms'].values()):.0f} ms", flush=True)
            shutil.rmtree(store, ignore_errors=True)
        n0 = 1000 if 1000 in sizes else sizes[0]
        b = child(BASELINE, corpus(n0), work / "bulk", HERE, args.baseline_sample)
        results["baseline"] = {**b, "documents": n0}
        results["baseline_ratio"] = b["bulk_rows_s"] / b["baseline_rows_s"]
        rows = [results["sizes"][str(n)] for n in sizes]
        results["growth_exponent"] = exponent(sizes, [r["load_s"] for r in rows])
        results["memory_growth_exponent"] = exponent(sizes, [r["peak_tree_mb"] for r in rows])
        # The pair (16,000 against 2,000 documents) when measured, else the extremes.
        lo, hi = (2000, 16000) if {2000, 16000} <= set(sizes) else (sizes[0], sizes[-1])
        results["memory_ratio"] = {"sizes": [lo, hi], "ratio": results["sizes"][str(hi)]["peak_tree_mb"]
                                   / results["sizes"][str(lo)]["peak_tree_mb"]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nbulk loader {results['baseline']['bulk_rows_s']:.0f} rows/s vs one MERGE per row "
          f"{results['baseline']['baseline_rows_s']:.0f} rows/s: {results['baseline_ratio']:.0f}x "
          f"(N={results['baseline']['documents']})")
    if results["growth_exponent"] is not None:
        print(f"load time grows as N^{results['growth_exponent']:.2f}, peak memory as N^{results['memory_growth_exponent']:.2f} "
              f"(peak at {results['memory_ratio']['sizes'][1]} is {results['memory_ratio']['ratio']:.2f}x the peak at "
              f"{results['memory_ratio']['sizes'][0]})")
    print("\nper-query p95 (ms):")
    names = sorted({k for r in results["sizes"].values() for k in r["query_p95_ms"]})
    print(f"{'query':60s}" + "".join(f"{n:>10s}" for n in results["sizes"]))
    for k in names:
        print(f"{k:60s}" + "".join(f"{r['query_p95_ms'].get(k, float('nan')):10.1f}" for r in results["sizes"].values()))
    results["floors"] = FLOORS
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


def one_new_document(work: Path) -> Path:
    """A document none of the corpora holds (another seed of the generator)."""
    out = work / "new-corpus"
    subprocess.run([PY, str(HERE / "corpus.py"), "1", "--out", str(out), "--seed", "20261201"], check=True,
                   capture_output=True)
    return next(out.glob("*.txt"))


if __name__ == "__main__":
    main()
