"""The ``ingest`` command: read LER files and résumés and show what was found."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ler_navigator.cli.common import emit_json, friendly_errors, load_settings
from ler_navigator.ingest import (
    IngestResult,
    ingest_paths,
    load_local_documents,
    load_vocabulary,
    profile_from,
)


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command to ``app``."""
    app.command("ingest")(ingest)


@friendly_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    json_out: Annotated[bool, typer.Option("--json", help="One JSON line per file.")] = False,
    profile: Annotated[
        bool, typer.Option("--profile", help="Print the merged learner profile as JSON.")
    ] = False,
    skills: Annotated[
        bool, typer.Option("--skills/--no-skills", help="Match skills with the vocabulary.")
    ] = True,
) -> None:
    """Read credentials (VC, Open Badges, CLR, VC-JWT, baked badges, LER-RS) and résumés.

    Exits with 1 when any file could not be read; the other files are still reported.
    """
    settings = load_settings()
    vocabulary = load_vocabulary(settings.knowledge_dir) if skills else None
    documents = load_local_documents(settings.local_docs_dir) if settings.local_docs_dir else None
    results = ingest_paths(paths, settings, vocabulary=vocabulary, documents=documents)
    if profile:
        emit_json(profile_from(results).model_dump(mode="json", exclude_none=True))
    elif json_out:
        for result in results:
            emit_json(result_line(result))
    else:
        for result in results:
            _print_summary(result)
        if skills and vocabulary is None:
            typer.echo(
                "(Skills were not matched: the skills vocabulary is not available.)", err=True
            )
    if any(not r.ok for r in results):
        raise typer.Exit(1)


def result_line(result: IngestResult) -> dict[str, Any]:
    """The JSON line for one file: format, achievements, skills, error."""
    parsed = result.parsed
    return {
        "file": result.file,
        "format": parsed.format if parsed else None,
        "achievements": [
            a.model_dump(mode="json", exclude_none=True)
            for a in (parsed.achievements if parsed else [])
        ],
        "skills": [
            s.model_dump(mode="json", exclude_none=True) for s in (parsed.skills if parsed else [])
        ],
        "error": {"type": result.error.type, "message": result.error.message}
        if result.error
        else None,
    }


def _print_summary(result: IngestResult) -> None:
    if result.parsed is None:
        assert result.error is not None
        typer.echo(f"{result.file}: could not be read — {result.error.message}")
        if result.error.hint:
            typer.echo(f"  {result.error.hint}")
        return
    parsed = result.parsed
    container = f" (baked in {parsed.container.upper()})" if parsed.container else ""
    typer.echo(
        f"{result.file}: {parsed.format}{container}, {len(parsed.achievements)} achievement(s), "
        f"{len(parsed.skills)} skill(s)"
    )
    for achievement in parsed.achievements:
        issuer = achievement.issuer.name or achievement.issuer.id if achievement.issuer else None
        by = f" — {issuer}" if issuer else ""
        typer.echo(f"  • {achievement.title or achievement.reference or '(untitled)'}{by}")
    for skill in parsed.skills:
        typer.echo(f"  skill: {skill.name} ({len(skill.evidence)} evidence)")
    for warning in parsed.warnings:
        typer.echo(f"  note: {warning}")
