"""The knowledge commands through typer's runner, against the curated knowledge base."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ler_navigator.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-data")


@pytest.fixture(autouse=True)
def _env(monkeypatch, data_dir):
    monkeypatch.setenv("LER_NAV_DATA_DIR", str(data_dir))


def test_search_puts_the_clr_glossary_entry_first():
    result = runner.invoke(
        app, ["search", "what is a comprehensive learner record", "--k", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["query"] == "what is a comprehensive learner record"
    assert len(line["results"]) == 3
    first = line["results"][0]
    assert first["id"] == "term:comprehensive-learner-record"
    assert set(first) == {"id", "kind", "title", "url", "score"}


def test_search_reads_one_query_per_line(tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("issuer\n\nverifier\n")
    result = runner.invoke(app, ["search", "--queries", str(queries), "--k", "2", "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert [x["query"] for x in lines] == ["issuer", "verifier"]
    assert all(len(x["results"]) == 2 for x in lines)


def test_search_needs_a_query_or_a_file():
    result = runner.invoke(app, ["search"])
    assert result.exit_code == 1
    assert "Give either a QUERY or --queries FILE" in result.output


def test_ask_json_has_answer_citations_and_writer():
    result = runner.invoke(app, ["ask", "What is a verifier?", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["writer"] == "composer"
    assert answer["citations"] and answer["citations"][0]["url"].startswith("https://")
    assert "[1]" in answer["lead"]


def test_ask_fit_question_with_typed_skills():
    result = runner.invoke(
        app, ["ask", "which jobs fit me?", "--skills", "forklift operation, pallet jack", "--json"]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["fits"], answer["lead"]
    assert "53-7051.00" in [f["code"] for f in answer["fits"]]


def test_index_status_json():
    result = runner.invoke(app, ["index", "status", "--json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["counts_by_kind"]["glossary_term"] >= 80
    assert status["sources"] == {"knowledge": status["items"]}


def test_match_json_shape():
    result = runner.invoke(
        app, ["match", "--skills", "CDL-A, pre-trip inspections", "--k", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["occupations"][0]["code"] == "53-3032.00"
    assert set(payload["occupations"][0]) >= {"code", "title", "score", "matched", "missing"}
