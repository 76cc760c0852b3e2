"""Benchmark task alignment (issue 19): one pair of policies, and ECHOES for a corpus.

    python bench/align.py                 # the seed pairs, a 40 × 40 pair, and 1,000 documents
    python bench/align.py --documents 2000

Figures are ratios against baselines measured in the same run:
- aligning a pair against a plain character n-gram TF-IDF cosine of the same pair (what the
  literature does; the floor is an absolute < 1 s for two 40-task policies);
- `load --align` against a plain `load` of the same corpus into a fresh store (floor: 2x).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXE = str(Path(sys.executable).with_name("policygraph"))
PAIRS = [("data/seeds/004_cae4f0d23229f21f.txt", "data/seeds/000_aa28b4d85b00b654.txt"),
         ("data/seeds/002_b6f44f95e8cc3b8c.txt", "data/seeds/003_feca6a08d1751c1c.txt")]


def timed(fn, rounds: int = 10) -> float:
    from policygraph.queries import align
    fn()
    ts = []
    for _ in range(rounds):
        # A pair read for the first time: nothing of it in the aligner's caches.
        for cached in (align._counts, align._analyzer, align.concepts_only, align._object_terms):
            cached.cache_clear()
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def plain(xs, ys):
    from sklearn.feature_extraction.text import TfidfVectorizer
    docs = [t.title + t.body for t in xs + ys]
    m = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True).fit_transform(docs)
    return (m[:len(xs)] @ m[len(xs):].T).toarray() > 0.1


def pairs() -> list[dict]:
    from policygraph.pipeline import extract_file
    from policygraph.queries.align import align_tasks, tasks_of
    out = []
    loaded = [tuple(tasks_of(extract_file(str(ROOT / f))["tasks"]) for f in pair) for pair in PAIRS]
    x40 = (list(loaded[0][0]) * 2)[:40]
    y40 = (list(loaded[0][1]) * 2)[:40]
    for name, (xs, ys) in [("Foshan 2016 x Guangdong 2016-17", loaded[0]), ("Gansu 2015 x Guangdong 2015", loaded[1]),
                           ("40 x 40 tasks", (x40, y40))]:
        xs, ys = list(xs), list(ys)
        a = timed(lambda xs=xs, ys=ys: align_tasks(xs, ys))
        b = timed(lambda xs=xs, ys=ys: plain(xs, ys))
        out.append({"pair": name, "tasks": f"{len(xs)} x {len(ys)}", "align_ms": round(a * 1000, 1),
                    "plain_tfidf_ms": round(b * 1000, 1), "ratio": round(a / b, 1)})
    return out


def load(corpus: Path, store: Path, *extra: str) -> float:
    t = time.perf_counter()
    r = subprocess.run([EXE, "load", str(corpus), "--store", str(store), *extra], capture_output=True, text=True)
    if r.returncode:
        errors = [x for x in r.stderr.splitlines() if "error" in x]
        raise SystemExit(f"load {' '.join(extra)} failed ({r.returncode}): {errors[-1] if errors else r.stderr[-300:]}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=1000)
    args = ap.parse_args()
    for row in pairs():
        print(f"{row['pair']:34s} {row['tasks']:>8s}  align {row['align_ms']:7.1f} ms  "
              f"plain tf-idf {row['plain_tfidf_ms']:6.1f} ms  ({row['ratio']}x)")
    sys.path.insert(0, str(HERE))
    from run import corpus
    d = corpus(args.documents)
    work = Path(tempfile.mkdtemp(prefix="pg-align-"))
    try:
        base = load(d, work / "plain")
        with_align = load(d, work / "align", "--align")
        n = subprocess.run([EXE, "cypher",
                            "MATCH ()-[e:ECHOES]->() RETURN count(e) AS n", "--store", str(work / "align"),
                            "--format", "json"], check=True, capture_output=True, text=True)
        edges = json.loads(n.stdout)[0]["n"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.documents} documents: load {base:.1f} s, load --align {with_align:.1f} s "
          f"({with_align / base:.1f}x; floor 2x), {edges} ECHOES edges")


if __name__ == "__main__":
    main()
