"""The ``ler-navigator`` command line. Each command group lives in its own module."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="ler-navigator",
    help="LER Navigator: search LER knowledge, read and verify LERs, find fitting pathways.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Modules that add commands with ``register(app)``; a module still being written is skipped
# so that the rest of the command line keeps working.
COMMAND_MODULES = (
    "ler_navigator.cli.knowledge_cmds",
    "ler_navigator.cli.eval_cmds",
    "ler_navigator.cli.llm_cmds",
    "ler_navigator.cli.match_cmd",
    "ler_navigator.cli.ingest_cmd",
    "ler_navigator.cli.verify_cmd",
    "ler_navigator.cli.report_cmd",
    "ler_navigator.cli.import_cmd",
)

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise
        continue
    _module.register(app)
