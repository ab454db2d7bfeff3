"""The ``import`` commands: the LER Ecosystem Map and Credential Engine CTDL into the data dir."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ler_navigator.cli.common import emit_json, friendly_errors, load_settings
from ler_navigator.errors import NavigatorError
from ler_navigator.kb.importers.ctdl import import_ctdl
from ler_navigator.kb.importers.lermap import import_lermap
from ler_navigator.kb.importers.onet import import_onet
from ler_navigator.kb.importers.overlay import ImportOutcome, ImportReport

import_app = typer.Typer(
    help="Import public data into the data folder (never into knowledge/).",
    no_args_is_help=True,
)

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date the facts were checked (YYYY-MM-DD); default today."),
]
JsonOut = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def register(app: typer.Typer) -> None:
    """Add the ``import`` command group to ``app``."""
    app.add_typer(import_app, name="import")


@import_app.command("lermap")
@friendly_errors
def import_lermap_cmd(
    path: Annotated[Path, typer.Argument(help="A checkout of the LER Ecosystem Map repository.")],
    as_of: AsOf = None,
    json_out: JsonOut = False,
) -> None:
    """Import glossary, stakeholder groups, action areas, principles and resources of the map."""
    settings = load_settings()
    outcome = import_lermap(path, settings.knowledge_dir, settings.data_dir, as_of=_date(as_of))
    _print(outcome, json_out)


@import_app.command("ctdl")
@friendly_errors
def import_ctdl_cmd(
    paths: Annotated[list[Path], typer.Argument(help="CTDL JSON-LD files or folders.")],
    as_of: AsOf = None,
    json_out: JsonOut = False,
) -> None:
    """Import credentials, courses, occupations and competencies from CTDL JSON-LD."""
    settings = load_settings()
    outcome = import_ctdl(paths, settings.knowledge_dir, settings.data_dir, as_of=_date(as_of))
    _print(outcome, json_out)


@import_app.command("onet")
@friendly_errors
def import_onet_cmd(
    path: Annotated[Path, typer.Argument(help="The folder of the O*NET database text files.")],
    as_of: AsOf = None,
    json_out: JsonOut = False,
) -> None:
    """Import every O*NET occupation the knowledge base does not curate (CC BY 4.0)."""
    settings = load_settings()
    outcome = import_onet(path, settings.knowledge_dir, settings.data_dir, as_of=_date(as_of))
    _print(outcome, json_out)


def _date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise NavigatorError(f"'{text}' is not a date.", hint="Write it as YYYY-MM-DD.") from exc


def _print(outcome: ImportOutcome, json_out: bool) -> None:
    if json_out:
        emit_json(outcome.model_dump(mode="json"))
        return
    counts = ", ".join(f"{n} {kind}" for kind, n in outcome.counts.items()) or "nothing"
    typer.echo(f"Imported {outcome.source}: {counts}.")
    typer.echo(f"Written to {outcome.path}")
    _print_report("Since the last import", outcome.since_last)
    _print_report("Against the curated knowledge", outcome.vs_curated)
    if outcome.skipped:
        typer.echo(f"Skipped {len(outcome.skipped)}:")
        for skipped in outcome.skipped:
            typer.echo(f"  - {skipped.document}: {skipped.reason}")
    for warning in outcome.warnings:
        typer.echo(f"Note: {warning}")


def _print_report(title: str, report: ImportReport) -> None:
    typer.echo(
        f"{title}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed."
    )
    for label, ids in (("added", report.added), ("updated", report.updated)):
        if ids:
            typer.echo(f"  {label}: {', '.join(ids)}")
    if report.removed:
        typer.echo(f"  removed: {', '.join(report.removed)}")
