"""``ler-navigator eval ...``: measure retrieval quality against a labelled question file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ler_navigator.cli.common import emit_json, friendly_errors, load_settings
from ler_navigator.evaluation.retrieval import (
    bm25_ranker,
    dense_ranker,
    evaluate,
    hybrid_ranker,
    langchain_chroma_ranker,
    load_questions,
)
from ler_navigator.index.store import ChromaStore
from ler_navigator.service import NavigatorService

eval_app = typer.Typer(help="Measure quality against labelled question sets.", no_args_is_help=True)


@eval_app.command("retrieval")
@friendly_errors
def eval_retrieval(
    file: Annotated[Path, typer.Argument(help="Question file (questions: [...]).")],
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 5,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """recall@k, MRR, misses and the out-of-scope check, with single-method baselines."""
    settings = load_settings()
    questions = load_questions(file)
    service = NavigatorService(settings)
    service.ensure_index()
    index = service.index
    methods = [
        ("hybrid", hybrid_ranker(index)),
        ("bm25", bm25_ranker(index)),
        ("dense", dense_ranker(index)),
    ]
    if isinstance(index.store, ChromaStore):
        methods.append(("langchain-chroma", langchain_chroma_ranker(index, index.store.client)))
    reports = [
        evaluate(name, ranker, questions, k=k, threshold=settings.min_relevance if i == 0 else None)
        for i, (name, ranker) in enumerate(methods)
    ]
    if json_out:
        emit_json(
            {
                "file": str(file),
                "k": k,
                "threshold": settings.min_relevance,
                "methods": [r.summary() for r in reports],
                "misses": reports[0].misses,
            }
        )
        return
    hybrid = reports[0]
    typer.echo(f"{len(questions)} questions, {hybrid.in_scope} in scope, k={k}")
    typer.echo(f"{'method':<18}{'recall@' + str(k):>10}{'MRR':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for report in reports:
        typer.echo(
            f"{report.method:<18}{report.recall_at_k:>10.3f}{report.mrr:>8.3f}"
            f"{report.p50_ms:>9.2f}{report.p95_ms:>9.2f}"
        )
    above = hybrid.out_of_scope_above
    typer.echo(
        f"out of scope above the threshold ({settings.min_relevance}): "
        + (", ".join(above) if above else "none")
    )
    if hybrid.misses:
        typer.echo("misses (hybrid):")
        for miss in hybrid.misses:
            typer.echo(f"  {miss['id']}: {miss['question']}")
            typer.echo(f"      expected {miss['expected']}; got {miss['got']}")


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")


@eval_app.command("fit")
@friendly_errors
def eval_fit(
    file: Annotated[Path, typer.Argument(help="Profile file (profiles: [...]).")],
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pass count under the top-3 rule, each profile's top 3, and single-method baselines."""
    from ler_navigator.evaluation.fit import evaluate_fit, load_profiles

    profiles = load_profiles(file)
    service = NavigatorService(load_settings())
    service.ensure_index()

    def matcher(text: str, k: int) -> list[tuple[str, str]]:
        return [(f.code, f.title) for f in service.match(None, text, k=k).occupations]

    def retrieval(kind: str):
        def suggest(text: str, k: int) -> list[tuple[str, str]]:
            hits = service.career_search(text, k, method=kind)
            return [(h.code, h.title) for h in hits]

        return suggest

    methods = [("matcher", matcher)] + [(m, retrieval(m)) for m in ("bm25", "dense", "hybrid")]
    reports = [evaluate_fit(name, fn, profiles) for name, fn in methods]
    if json_out:
        emit_json(
            {
                "file": str(file),
                "methods": [r.summary() for r in reports],
                "profiles": reports[0].rows,
            }
        )
        return
    typer.echo(f"{len(profiles)} profiles")
    for report in reports:
        typer.echo(
            f"{report.method:<10} passed {report.passed}/{report.total} "
            f"(any listed code in top 10: {report.loose})"
        )
    typer.echo("matcher, per profile:")
    for row in reports[0].rows:
        mark = "PASS" if row["passed"] else "miss"
        typer.echo(f"  {mark} {row['id']} [{row['kind']}] {row['top3']}")
