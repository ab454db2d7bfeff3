"""``ler-navigator match``: occupations and employers that fit a learner's skills, explained."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ler_navigator.cli.common import emit_json, friendly_errors, load_settings, read_records
from ler_navigator.errors import NavigatorError
from ler_navigator.service import NavigatorService


@friendly_errors
def match(
    skills: Annotated[
        str | None, typer.Option("--skills", help='Typed skills or a sentence: "welding, Excel".')
    ] = None,
    ler: Annotated[
        list[Path] | None, typer.Option("--ler", help="LER files (credentials, résumés).")
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 10,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Rank occupations and employers by how well the learner's skills fit them."""
    if not skills and not ler:
        raise NavigatorError("Give --skills or at least one --ler file.")
    service = NavigatorService(load_settings())
    records = read_records(service, ler)
    profile = service.build_profile(records) if records else None
    result = service.match(profile, skills, k=k)
    if json_out:
        emit_json(
            {
                "skills": [s.model_dump() for s in result.signals],
                "occupations": [
                    {
                        "code": f.code,
                        "title": f.title,
                        "score": f.score,
                        "matched": [m.name for m in f.matched],
                        "missing": [m.name for m in f.missing],
                        "next_steps": [s.name for s in f.next_steps],
                    }
                    for f in result.occupations
                ],
                "employers": [
                    {"name": e.name, "score": e.score, "best_occupation": e.best_occupation}
                    for e in result.employers
                ],
            }
        )
        return
    typer.echo(f"{len(result.signals)} skills: " + ", ".join(s.name for s in result.signals))
    for rank, fit in enumerate(result.occupations, start=1):
        typer.echo(f"{rank:>2}. {fit.score:5.1f}  {fit.title} ({fit.code})")
        typer.echo(f"       has: {', '.join(m.name for m in fit.matched[:6])}")
        typer.echo(f"       missing: {', '.join(m.name for m in fit.missing[:6])}")
    if result.employers:
        typer.echo("Employers:")
        for employer in result.employers:
            typer.echo(f"  {employer.score:5.1f}  {employer.name}")


def register(app: typer.Typer) -> None:
    app.command("match")(match)
