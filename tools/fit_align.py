"""Fit the task aligner's decision (base/align_model.json) on the hand-checked alignments.

    python tools/fit_align.py            # fit on tests/fixtures/align/*.json, write the model
    python tools/fit_align.py --check    # each document pair scored by a model fit on the others

The fixtures were written by reading the documents (tests/fixtures/align/README.md); each file
is one reader's links for one pair of seed documents, so a pair read twice counts twice. Two
logistic regressions (scikit-learn) over queries.align.FEATURES: link or not, and strong or
partial among links. Their probabilities are the scores `align` prints.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "align"
THRESHOLD = 0.4     # a link from p >= 0.4: with few links among many pairs, F1 peaks below 0.5
C = 1.0


def pair_data(path: Path):
    """(feature rows, labels 0/1/2, pair name) of one fixture file."""
    from policygraph.pipeline import extract_file
    from policygraph.queries.align import FEATURES, full_keys, pair_features, tasks_of
    fx = json.loads(path.read_text(encoding="utf-8"))
    xt, yt = (extract_file(str(ROOT / fx[s]["file"]))["tasks"] for s in ("x", "y"))
    xs, ys = tasks_of(xt), tasks_of(yt)
    kx, ky = full_keys(xt), full_keys(yt)
    gold = {(link["x"], link["y"]): link["strength"] for link in fx["links"]}
    unknown = [k for k in gold if k[0] not in kx or k[1] not in ky]
    if unknown:
        raise SystemExit(f"{path.name}: links to tasks the extract does not have: {unknown}")
    F = pair_features(xs, ys)
    rows, labels = [], []
    for i, a in enumerate(xs):
        for j, b in enumerate(ys):
            if a.goal != b.goal:
                continue             # never a link (queries.align.decide)
            rows.append([F[n][i, j] for n in FEATURES])
            labels.append({"strong": 2, "partial": 1}.get(gold.get((kx[i], ky[j])), 0))
    return np.array(rows), np.array(labels), path.name.split(".")[0]


def fit(data) -> dict:
    from policygraph.queries.align import FEATURES
    M = np.vstack([d[0] for d in data])
    y = np.concatenate([d[1] for d in data])
    link = LogisticRegression(C=C, max_iter=10000).fit(M, y > 0)
    strong = LogisticRegression(C=C, max_iter=10000).fit(M[y > 0], y[y > 0] == 2)
    return {"features": list(FEATURES), "threshold": THRESHOLD,
            "link": {"coef": [round(float(c), 6) for c in link.coef_[0]],
                     "intercept": round(float(link.intercept_[0]), 6)},
            "strong": {"coef": [round(float(c), 6) for c in strong.coef_[0]],
                       "intercept": round(float(strong.intercept_[0]), 6)},
            "fit_on": sorted({d[2] + "" for d in data})}


def scores(model: dict, M, y) -> dict:
    def prob(part):
        return 1 / (1 + np.exp(-(M @ np.array(part["coef"]) + part["intercept"])))
    link, strong = prob(model["link"]) >= model["threshold"], prob(model["strong"]) >= 0.5
    tp, fp, fn = int((link & (y > 0)).sum()), int((link & (y == 0)).sum()), int((~link & (y > 0)).sum())
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"f1": round(2 * p * r / max(p + r, 1e-9), 3), "precision": round(p, 3), "recall": round(r, 3),
            "strong_found": round(float((link & (y == 2)).sum() / max((y == 2).sum(), 1)), 3),
            "strong_as_strong": round(float((link & strong & (y == 2)).sum() / max((y == 2).sum(), 1)), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="score each pair with a model fit on the other pairs")
    args = ap.parse_args()
    data = [pair_data(p) for p in sorted(FIXTURES.glob("*.json"))]
    if args.check:
        for pair in sorted({d[2] for d in data}):
            rest = [d for d in data if d[2] != pair]
            model = fit(rest)
            for d in data:
                if d[2] == pair:
                    print(pair, "(fit on the others):", scores(model, d[0], d[1]))
        model = fit(data)
        for d in data:
            print(d[2], "(fit on all):", scores(model, d[0], d[1]))
        return
    model = fit(data)
    from policygraph.queries.align import MODEL
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
