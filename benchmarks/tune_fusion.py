"""Choose the fusion weights and the "nothing relevant" threshold on a development set.

A small grid search, deterministic and cheap enough for ``make bench`` to re-run: every
combination is scored by recall@5, then MRR; the threshold is set halfway between the best
out-of-scope score and the weakest in-scope top score. The winner is printed, not written:
a person copies it into ``FusionWeights`` and ``Settings.min_relevance`` and reviews the change.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from ler_navigator.evaluation.retrieval import evaluate, hybrid_ranker, load_questions
from ler_navigator.index.hybrid import FusionWeights
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "eval" / "questions.yaml"

GRID = {
    "dense": (0.5, 0.6, 0.7),
    "bm25": (0.1, 0.2, 0.3),
    "named": (0.03, 0.05, 0.08),
    "kind_cue": (0.08, 0.16),
    "bm25_half": (4.0, 8.0),
    "map_prior": (0.0, 0.06),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=Path, nargs="?", default=DEV_SET)
    args = parser.parse_args(argv)
    questions = load_questions(args.questions)
    with tempfile.TemporaryDirectory(prefix="ler-tune-") as data:
        service = NavigatorService(Settings(data_dir=Path(data)))
        service.ensure_index()
        index = service.index
        results = []
        keys = list(GRID)
        for values in itertools.product(*(GRID[k] for k in keys)):
            params = dict(zip(keys, values, strict=True))
            coverage = round(1.0 - params["dense"] - params["bm25"], 3)
            if coverage < 0:
                continue
            index.weights = replace(FusionWeights(), coverage=coverage, **params)
            report = evaluate("hybrid", hybrid_ranker(index), questions, k=5)
            results.append((round(report.recall_at_k, 4), round(report.mrr, 4), params, coverage))
        results.sort(key=lambda r: (-r[0], -r[1], sorted(r[2].items())))
        print(f"{len(results)} combinations on {args.questions.name}; best five:")
        for recall, mrr, params, coverage in results[:5]:
            print(f"  recall@5={recall:.3f} MRR={mrr:.3f} coverage={coverage} {params}")
        recall, mrr, params, coverage = results[0]
        index.weights = replace(FusionWeights(), coverage=coverage, **params)
        # The threshold reads relevance (the score without the source prior), as the chat does.
        top_in = [index.search(q.text, 5) for q in questions if q.in_scope]
        top_out = [index.search(q.text, 5) for q in questions if not q.in_scope]
        inside = np.array([max(h.relevance for h in r) for r in top_in if r])
        outside = np.array([max(h.relevance for h in r) for r in top_out if r] or [0.0])
        weakest_in = float(np.percentile(inside, 2)) if inside.size else 1.0
        strongest_out = float(outside.max())
        print(f"in-scope best relevance: 2nd percentile {weakest_in:.3f}, min {inside.min():.3f}")
        print(f"out-of-scope best relevance: max {strongest_out:.3f}")
        print(f"suggested min_relevance: {(weakest_in + strongest_out) / 2:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
