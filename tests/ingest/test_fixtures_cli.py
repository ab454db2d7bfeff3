"""Every shared credential fixture, read through the ``ingest`` CLI, matches expected.yaml."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.ingest.conftest import CREDENTIALS, expected_entries, needs_fixtures

ENTRIES = expected_entries()


@needs_fixtures
@pytest.mark.parametrize("entry", ENTRIES, ids=[str(e["file"]) for e in ENTRIES])
def test_fixture_format_parse_and_achievements(cli_app, entry):
    result = CliRunner().invoke(
        cli_app, ["ingest", "--json", "--no-skills", str(CREDENTIALS / str(entry["file"]))]
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    line = lines[0]
    assert set(line) == {"file", "format", "achievements", "skills", "error"}
    if entry["parse"] == "ok":
        assert line["error"] is None, line["error"]
        assert result.exit_code == 0
        assert line["format"] == entry["format"]
        assert len(line["achievements"]) >= entry["min_achievements"]
    else:
        assert result.exit_code == 1
        assert line["format"] is None
        assert line["error"]["type"] in {"MalformedJsonError", "NotACredentialError"}
        assert line["error"]["message"]


@needs_fixtures
def test_folder_is_read_recursively_in_sorted_order(cli_app):
    result = CliRunner().invoke(
        cli_app, ["ingest", "--json", "--no-skills", str(CREDENTIALS / "vc-jwt")]
    )
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert files == sorted(files)
    assert len(files) == len(list((CREDENTIALS / "vc-jwt").glob("*.jwt")))


@needs_fixtures
def test_human_summary_names_achievements_and_errors(cli_app):
    result = CliRunner().invoke(
        cli_app,
        [
            "ingest",
            "--no-skills",
            str(CREDENTIALS / "ob3" / "1edtech-validator-ob3-simple.json"),
            str(CREDENTIALS / "ob2" / "mozilla-bakery-bad-json.svg"),
        ],
    )
    assert result.exit_code == 1
    assert "ob3, 1 achievement(s)" in result.stdout
    assert "• Teamwork — Example Corp" in result.stdout
    assert "could not be read — The badge data in this image looks like JSON but is broken" in (
        result.stdout
    )
