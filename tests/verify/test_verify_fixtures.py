"""Every shared fixture, through the CLI, gets the signature and status verdict of expected.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner
from verify_support import CONTEXTS, CREDENTIALS

from ler_navigator.cli.verify_cmd import register


def _cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Keep 'verify' a sub-command, as in the main command line."""

    register(app)
    return app


def _combined_status(line: dict[str, Any]) -> str:
    """expected.yaml's status: revoked, then expired / not yet valid, then unknown, else ok."""
    status = line["status"]["verdict"]
    if status in ("revoked", "suspended"):
        return status
    if line["validity"]["verdict"] != "ok":
        return line["validity"]["verdict"]
    return status


@pytest.fixture(scope="module")
def expected(fixtures_available: None) -> list[dict[str, Any]]:
    return yaml.safe_load((CREDENTIALS / "expected.yaml").read_text(encoding="utf-8"))


def _run_cli(paths: list[Path], local_docs_dir: Path) -> list[dict[str, Any]]:
    env = {"LER_NAV_CONTEXTS_DIR": str(CONTEXTS), "LER_NAV_LOCAL_DOCS_DIR": str(local_docs_dir)}
    args = ["verify", "--json", "--as-of", "2026-11-29", *map(str, paths)]
    result = CliRunner().invoke(_cli(), args, env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_fixture_gets_its_expected_verdicts(
    expected: list[dict[str, Any]], local_docs_dir: Path
) -> None:
    lines = _run_cli([CREDENTIALS / entry["file"] for entry in expected], local_docs_dir)
    outer = {line["file"]: line for line in lines if line["json_path"] == "$"}
    assert len(outer) == len(expected)
    mismatches = []
    for entry in expected:
        line = outer[str(CREDENTIALS / entry["file"])]
        got = (line["signature"]["verdict"], _combined_status(line))
        if got != (entry["signature"], entry["status"]):
            mismatches.append((entry["file"], got, line["signature"]["reason"]))
    assert mismatches == []


def test_nested_credentials_get_their_own_lines_with_json_paths(local_docs_dir: Path) -> None:
    lines = _run_cli(
        [
            CREDENTIALS / "clr2/1edtech-validator-clr2-complex-v1-ed25519.json",
            CREDENTIALS / "clr2/1edtech-validator-clr2-noproof.json",
        ],
        local_docs_dir,
    )
    complex_lines = [line for line in lines if "complex" in line["file"]]
    nested = [
        line for line in complex_lines if re.fullmatch(r"\$\.\w+\.\w+\[\d\]", line["json_path"])
    ]
    paths = [line["json_path"] for line in nested]
    assert paths == [f"$.credentialSubject.verifiableCredential[{i}]" for i in range(6)]
    assert all(line["signature"]["verdict"] == "valid" for line in nested)
    noproof = [line for line in lines if "noproof" in line["file"]]
    assert [line["signature"]["verdict"] for line in noproof] == ["no_proof", "invalid"]
    assert noproof[1]["trust"] == "failed"


def test_text_output_is_one_summary_line_per_credential(local_docs_dir: Path) -> None:
    env = {"LER_NAV_CONTEXTS_DIR": str(CONTEXTS), "LER_NAV_LOCAL_DOCS_DIR": str(local_docs_dir)}
    path = CREDENTIALS / "ob3/dcc-v2-eddsa-didkey-expired.json"
    result = CliRunner().invoke(_cli(), ["verify", "--as-of", "2026-11-29", str(path)], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: [verified] Signed by Example Corp and unchanged since it was issued. "
        "Expired on 2 January 2010.\n"
    )


def test_a_bad_as_of_date_is_a_friendly_error(fixtures_available: None) -> None:
    path = CREDENTIALS / "ob3/dcc-v2-eddsa-didkey-basic.json"
    result = CliRunner().invoke(_cli(), ["verify", "--as-of", "someday", str(path)])
    assert result.exit_code == 1
    assert "is not a date" in result.output
