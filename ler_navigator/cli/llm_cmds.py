"""``ler-navigator eval grounding``: how often the configured model stays within its sources.

Each golden question is answered by the composer first; the model then rewrites that answer
from the same sources. An answer counts as grounded when its citations and the employers,
occupations and programs it names all come from those sources (after at most one retry).
Questions the knowledge base cannot answer are counted apart: the model is never asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ler_navigator.answer.llm import WriteResult, context_from, make_writer
from ler_navigator.cli.common import emit_json, friendly_errors, load_settings
from ler_navigator.errors import LLMUnavailableError
from ler_navigator.evaluation.retrieval import load_questions
from ler_navigator.service import NavigatorService


def grounding_row(question_id: str, question: str, result: WriteResult) -> dict[str, Any]:
    """One question's outcome: asked or not, grounded first time, after a retry, or not."""
    reports = result.reports
    return {
        "id": question_id,
        "question": question,
        "asked": result.called,
        "grounded": result.answer.writer == "llm",
        "first_try": bool(reports) and reports[0].ok,
        "unreachable": result.error is not None,
        "problems": [line for r in reports if not r.ok for line in r.problems()],
    }


def grounding_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and the grounded share over the questions the model was asked."""
    asked = [r for r in rows if r["asked"]]
    grounded = sum(1 for r in asked if r["grounded"])
    return {
        "questions": len(rows),
        "asked": len(asked),
        "not_asked": len(rows) - len(asked),
        "grounded": grounded,
        "first_try": sum(1 for r in asked if r["first_try"]),
        "unreachable": sum(1 for r in asked if r["unreachable"]),
        "grounded_share": round(grounded / len(asked), 4) if asked else None,
    }


@friendly_errors
def eval_grounding(
    file: Annotated[Path, typer.Argument(help="Question file (questions: [...]).")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="First N only.")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Share of answers whose citations and named entities are all grounded."""
    settings = load_settings()
    service = NavigatorService(settings)
    writer = make_writer(settings, service.kb)
    if writer is None:
        raise LLMUnavailableError(
            "No language model is configured, so there is nothing to evaluate.",
            hint="Set LER_NAV_LLM_PROVIDER and LER_NAV_LLM_MODEL "
            "(and LER_NAV_LLM_API_KEY, or LER_NAV_LLM_BASE_URL for a local server).",
        )
    questions = load_questions(file)[:limit]
    service.ensure_index()
    rows = []
    for item in questions:
        composer = service.ask(item.question)
        result = writer.write_with_report(
            item.question, composer, context_from(composer, service.kb)
        )
        rows.append(grounding_row(item.id, item.question, result))
    summary = grounding_summary(rows)
    model = f"{settings.llm_provider}/{settings.llm_model}"
    if json_out:
        emit_json({"file": str(file), "model": model, **summary, "rows": rows})
        return
    typer.echo(f"model {model}: {summary['questions']} questions, {summary['asked']} asked")
    share = summary["grounded_share"]
    typer.echo(
        f"grounded {summary['grounded']}/{summary['asked']}"
        + (f" = {share:.3f}" if share is not None else "")
        + f" (first try {summary['first_try']}, unreachable {summary['unreachable']}, "
        f"not asked: {summary['not_asked']})"
    )
    for row in rows:
        if row["asked"] and not row["grounded"]:
            typer.echo(f"  {row['id']}: {row['question']}")
            for line in row["problems"] or ["  - the model could not be reached"]:
                typer.echo(f"    {line}")


def register(app: typer.Typer) -> None:
    """Add ``eval grounding`` to the ``eval`` group (registered by ``eval_cmds``)."""
    from ler_navigator.cli.eval_cmds import eval_app

    if not any(c.name == "grounding" for c in eval_app.registered_commands):
        eval_app.command("grounding")(eval_grounding)
