"""Shared helpers for CLI commands: settings, service, error reporting."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ler_navigator.errors import NavigatorError
from ler_navigator.settings import Settings

if TYPE_CHECKING:
    from pathlib import Path

    from ler_navigator.models.records import UploadedRecord
    from ler_navigator.service import NavigatorService

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn a ``NavigatorError`` into its message on stderr and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NavigatorError as exc:
            typer.echo(f"Error: {exc.user_message}", err=True)
            if exc.hint:
                typer.echo(exc.hint, err=True)
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def load_settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic's ValidationError: name the bad variable
        raise NavigatorError(
            f"The LER_NAV_* settings are invalid: {exc}",
            hint="See docs/configuration.md for the accepted values.",
        ) from exc


def emit_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, sort_keys=False) + "\n")


def progress_printer(quiet: bool) -> Callable[[float, str], None] | None:
    if quiet:
        return None
    last: list[str] = []

    def report(fraction: float, message: str) -> None:
        if not last or last[-1] != message:
            typer.echo(f"[{fraction:4.0%}] {message}", err=True)
            last.append(message)

    return report


def read_records(service: NavigatorService, paths: list[Path] | None) -> list[UploadedRecord]:
    """Read and verify LER files; a file that cannot be used is reported on stderr, not fatal."""
    records = []
    for path in paths or []:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise NavigatorError(f"Cannot read {path}: {exc.strerror}.") from exc
        record = service.read_upload(data, path.name)
        if record.error is not None:
            typer.echo(f"{path.name}: {record.error.message}", err=True)
        records.append(record)
    return records
