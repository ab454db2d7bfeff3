"""``ler-navigator report``: the advising summary for a learner, as Markdown or PDF."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ler_navigator.cli.common import friendly_errors, load_settings, read_records
from ler_navigator.errors import NavigatorError
from ler_navigator.report import build_report, render_markdown, render_pdf
from ler_navigator.service import NavigatorService


class ReportFormat(StrEnum):
    pdf = "pdf"
    md = "md"


@friendly_errors
def report(
    out: Annotated[Path, typer.Option("--out", help="Where to write the report.")],
    report_format: Annotated[
        ReportFormat, typer.Option("--format", help="pdf or md (Markdown).")
    ] = ReportFormat.pdf,
    ler: Annotated[
        list[Path] | None, typer.Option("--ler", help="LER files (credentials, résumés).")
    ] = None,
    skills: Annotated[
        str | None, typer.Option("--skills", help='Typed skills: "welding, Excel".')
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="The navigator's notes.")] = "",
    name: Annotated[str | None, typer.Option("--name", help="The learner's name.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=20, help="Pathways to list.")] = 5,
    date: Annotated[
        dt.datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="Report date (default: today)."),
    ] = None,
) -> None:
    """Write an advising summary: profile, verified credentials, pathways, next steps, sources."""
    if not ler and not (skills and skills.strip()):
        raise NavigatorError(
            "A report needs the learner's skills: give --ler FILE or --skills.",
            hint='For example: ler-navigator report --skills "welding, forklift" --out report.pdf',
        )
    service = NavigatorService(load_settings())
    records = read_records(service, ler)
    profile = service.build_profile(records, typed_skills=skills)
    advising = build_report(
        service,
        records,
        profile,
        notes=notes,
        learner_name=name,
        today=(date.date() if date else dt.date.today()),
        k=k,
    )
    content = (
        render_pdf(advising)
        if report_format == ReportFormat.pdf
        else render_markdown(advising).encode("utf-8")
    )
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise NavigatorError(
            f"Cannot write the report to {out}: {exc.strerror}.",
            hint="Choose a folder you can write to with --out.",
        ) from exc
    typer.echo(
        f"Wrote {out} ({len(advising.pathways)} pathways, {len(advising.citations)} citations)."
    )


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command("report")(report)
