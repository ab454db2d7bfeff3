"""The ``verify`` command: check credential files offline, one result per credential."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ler_navigator.cli.common import emit_json, friendly_errors, load_settings
from ler_navigator.errors import NavigatorError
from ler_navigator.models.verification import VerificationResult
from ler_navigator.verify.validity import parse_datetime
from ler_navigator.verify.verifier import Verifier


def register(app: typer.Typer) -> None:
    """Add ``verify`` to the main command line."""
    app.command("verify")(verify)


@friendly_errors
def verify(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Credential files (JSON, JWT, baked PNG/SVG badges) or folders."),
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="One JSON line per credential, nested ones included.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge validity dates at this date-time (default: now)."),
    ] = None,
) -> None:
    """Check signatures, issuers, validity dates and revocation of credential files."""
    moment = _moment(as_of)
    verifier = Verifier.from_settings(load_settings(), clock=lambda: moment)
    for path in _expand(paths):
        for result in verifier.verify_file(path):
            if json_out:
                emit_json(_json_line(path, result))
            else:
                typer.echo(_text_line(path, result))


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders become their files, recursively and sorted (hidden ones skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return files


def _moment(as_of: str | None) -> datetime:
    if as_of is None:
        return datetime.now(UTC)
    moment = parse_datetime(as_of)
    if moment is None:
        raise NavigatorError(
            f"--as-of {as_of!r} is not a date.", hint="Use a date like 2026-11-29."
        )
    return moment


def _json_line(path: Path, result: VerificationResult) -> dict[str, object]:
    payload = result.model_dump(mode="json", exclude={"source"})
    return {"file": str(path), **payload}


def _text_line(path: Path, result: VerificationResult) -> str:
    where = str(path) if result.json_path == "$" else f"{path} {result.json_path}"
    return f"{where}: [{result.trust.value}] {result.summary}"
