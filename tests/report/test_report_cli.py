"""``ler-navigator report`` writes the advising summary as Markdown or PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_support import CREDENTIALS, UPLOADS, needs_fixtures, squash
from typer.testing import CliRunner

from ler_navigator.cli import app

runner = CliRunner()


@pytest.fixture
def report_env(monkeypatch: pytest.MonkeyPatch, report_settings, report_service) -> None:
    """Point the command at the session's ready index, so it is opened, not rebuilt."""
    monkeypatch.setenv("LER_NAV_DATA_DIR", str(report_settings.data_dir))
    monkeypatch.setenv("LER_NAV_CONTEXTS_DIR", str(report_settings.contexts_dir))


def _ler_args(*keys: str) -> list[str]:
    args = []
    for key in keys:
        args += ["--ler", str(CREDENTIALS / UPLOADS[key])]
    return args


@needs_fixtures
def test_markdown_report_from_files_and_typed_skills(report_env, tmp_path: Path):
    out = tmp_path / "summary.md"
    result = runner.invoke(
        app,
        [
            "report",
            *_ler_args("valid", "clr"),
            "--skills",
            "welding, forklift operation",
            "--name",
            "Sam Rivera",
            "--notes",
            "Check the apprenticeship deadline.",
            "--format",
            "md",
            "--out",
            str(out),
            "--date",
            "2026-11-29",
        ],
    )
    assert result.exit_code == 0, result.output
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# Advising summary for Sam Rivera\n\nDate: 29 November 2026\n")
    assert "Teamwork Badge" in markdown and "Status: **Verified**" in markdown
    assert "Check the apprenticeship deadline." in markdown
    assert f"Wrote {out} (5 pathways, " in result.output


@needs_fixtures
def test_pdf_report_with_typed_skills_only(report_env, tmp_path: Path):
    out = tmp_path / "summary.pdf"
    result = runner.invoke(
        app,
        ["report", "--skills", "welding, blueprint reading", "--format", "pdf", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Top pathways" in text
    assert squash("Welders, Cutters, Solderers, and Brazers") in squash(text)


def test_without_files_or_skills_the_command_explains(tmp_path: Path):
    out = tmp_path / "summary.pdf"
    result = runner.invoke(app, ["report", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 1
    assert "A report needs the learner's skills: give --ler FILE or --skills." in result.output
    assert not out.exists()


def test_unknown_format_is_refused(tmp_path: Path):
    result = runner.invoke(
        app, ["report", "--skills", "welding", "--format", "docx", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 2


@needs_fixtures
def test_missing_file_is_a_clear_error(report_env, tmp_path: Path):
    missing = tmp_path / "nowhere.json"
    result = runner.invoke(
        app, ["report", "--ler", str(missing), "--format", "md", "--out", str(tmp_path / "r.md")]
    )
    assert result.exit_code == 1
    assert f"Cannot read {missing}" in result.output
