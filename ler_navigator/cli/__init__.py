"""The ``ler-navigator`` command line. Each command group lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="ler-navigator",
    help="LER Navigator: search LER knowledge, read and verify LERs, find fitting pathways.",
    no_args_is_help=True,
    add_completion=False,
)
