#!/usr/bin/python3
"""Refit a `sparkimaging train` run with scikit-learn and compare hold-out accuracies.

Usage: /usr/bin/python3 scripts/compare_sklearn.py MODEL_DIR [--tolerance 0.02]

MODEL_DIR must come from `sparkimaging train ... --export-features`: it reads
features.csv (exact float32 features), split.csv (the train/test side of each row)
and metrics.json (C, class weight, PCA, seed, our accuracy). It fits
StandardScaler -> [PCA] -> LogisticRegression(C, L2, lbfgs) on the same training rows,
scores the same test rows, prints both accuracies and exits 1 if they differ by more
than the tolerance. Needs only numpy and scikit-learn (Debian python3-sklearn).
"""
import argparse
import csv
import json
import os
import sys

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--tolerance", type=float, default=0.02)
    args = parser.parse_args()

    with open(os.path.join(args.model_dir, "metrics.json"), encoding="utf-8") as f:
        metrics = json.load(f)
    with open(os.path.join(args.model_dir, "split.csv"), newline="", encoding="utf-8") as f:
        split = list(csv.DictReader(f))
    with open(os.path.join(args.model_dir, "features.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        rows = list(reader)

    # features.csv is written in split.csv's row order; check rather than trust.
    if [r[0] for r in rows] != [s["path"] for s in split]:
        print("features.csv and split.csv list different rows", file=sys.stderr)
        return 2

    x = np.array([[float(v) for v in r[1:]] for r in rows], dtype=np.float32).astype(np.float64)
    y = np.array([s["label"] for s in split])
    test = np.array([s["side"] == "test" for s in split])

    p = metrics["parameters"]
    c = p.get("c") or 1.0 / p["l2_regularization"]
    class_weight = "balanced" if p["class_weight"] == "balanced" else None
    steps = [StandardScaler()]
    if p.get("pca"):
        steps.append(PCA(n_components=p["pca"], random_state=metrics["seed"]))
    # max_iter above the default 100 so lbfgs reaches the optimum ML.NET's tolerance reaches.
    steps.append(LogisticRegression(C=c, class_weight=class_weight, max_iter=5000))
    model = make_pipeline(*steps).fit(x[~test], y[~test])

    ours = metrics["accuracy"]
    theirs = float((model.predict(x[test]) == y[test]).mean())
    print(f"rows: train {int((~test).sum())}, test {int(test.sum())}; features {x.shape[1]}; labels {sorted(set(y))}")
    print(f"C = {c:g}, class_weight = {class_weight}, pca = {p.get('pca')}")
    print(f"sparkimaging (ML.NET) accuracy: {ours:.4f}")
    print(f"scikit-learn accuracy:          {theirs:.4f}")
    print(f"difference:                     {abs(ours - theirs) * 100:.2f} percentage points (tolerance {args.tolerance * 100:.1f})")
    return 0 if abs(ours - theirs) <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
