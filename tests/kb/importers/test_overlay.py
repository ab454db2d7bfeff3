"""Overlays: imported items enrich or extend curated ones, and are validated like them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.importers.overlay import (
    diff_items,
    load_with_overlays,
    overlay_path,
    read_overlay,
    write_overlay,
)
from ler_navigator.kb.loader import load_knowledge
from tests.kb.importers.importer_support import term, write_yaml


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    write_yaml(
        folder / "glossary.yaml",
        "glossary_term",
        [
            term("term:badge", "Badge", aliases=["digital badge"], related=["term:issuer"]),
            term("term:issuer", "Issuer"),
        ],
    )
    return folder


def _overlay(data_dir: Path, source: str, items: list[dict], kind: str = "glossary_term"):
    write_overlay(overlay_path(data_dir, source), {kind: items})


def test_without_overlays_the_curated_base_is_unchanged(knowledge: Path, tmp_path: Path):
    plain = load_knowledge(knowledge)
    assert load_with_overlays(knowledge, tmp_path / "absent").checksum == plain.checksum
    assert load_with_overlays(knowledge, None).items == plain.items


def test_overlay_replaces_only_the_fields_it_sets(knowledge: Path, tmp_path: Path):
    _overlay(
        tmp_path,
        "lermap",
        [{"id": "term:badge", "name": "Badge ", "url": "https://example.org/map/glossary"}],
    )
    kb = load_with_overlays(knowledge, tmp_path / "imported")
    badge = kb.get("term:badge")
    assert str(badge.url) == "https://example.org/map/glossary"
    assert badge.name == "Badge"  # stripped like curated text
    assert badge.aliases == ["digital badge"]  # curated, kept
    assert badge.related == ["term:issuer"]
    assert badge.body.startswith("A made-up description of Badge")
    assert kb.sources["term:badge"] == "imported/lermap.yaml"
    assert kb.checksum != load_knowledge(knowledge).checksum


def test_overlay_adds_new_items_and_later_files_win(knowledge: Path, tmp_path: Path):
    _overlay(tmp_path, "a", [term("term:wallet", "Wallet", related=["term:badge"])])
    _overlay(tmp_path, "b", [{"id": "term:wallet", "name": "Digital Wallet"}])
    kb = load_with_overlays(knowledge, tmp_path / "imported")
    assert kb.get("term:wallet").name == "Digital Wallet"
    assert kb.get("term:wallet").related == ["term:badge"]
    assert len(kb) == 3


@pytest.mark.parametrize(
    ("kind", "item", "message"),
    [
        ("resource", {"id": "term:badge", "name": "Badge"}, "is a glossary_term"),
        ("glossary_term", term("term:x", "X", related=["term:nowhere"]), "does not exist"),
        ("glossary_term", {"id": "term:new", "name": "New"}, "is invalid"),
        ("glossary_term", {"name": "No id"}, "has no id"),
    ],
)
def test_invalid_overlays_are_rejected(knowledge, tmp_path, kind, item, message):
    folder = tmp_path / "imported"
    folder.mkdir()
    (folder / "bad.yaml").write_text(yaml.safe_dump({"kind": kind, "items": [item]}))
    with pytest.raises(KnowledgeBaseError, match=message):
        load_with_overlays(knowledge, folder)


def test_a_broken_overlay_file_names_the_fix(knowledge: Path, tmp_path: Path):
    (tmp_path / "imported").mkdir()
    (tmp_path / "imported" / "lermap.yaml").write_text("items: [\n")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_with_overlays(knowledge, tmp_path / "imported")
    assert "lermap.yaml" in caught.value.user_message
    assert "import again" in caught.value.hint


def test_overlay_files_are_plain_yaml_streams_in_id_order(tmp_path: Path):
    day = dt.date(2026, 11, 29)
    path = tmp_path / "x.yaml"
    write_overlay(
        path,
        {
            "resource": [{"id": "resource:b", "as_of": day}, {"id": "resource:a", "as_of": day}],
            "glossary_term": [{"id": "term:a", "as_of": day}],
        },
    )
    text = path.read_text()
    assert "&id" not in text and "*id" not in text
    documents = read_overlay(path)
    assert [kind for kind, _ in documents] == ["glossary_term", "resource"]
    assert [i["id"] for i in documents[1][1]] == ["resource:a", "resource:b"]
    assert not list(tmp_path.glob("*.partial"))


def test_diff_items_reports_sorted_changes_and_ignores_the_check_date():
    old = [
        {"id": "term:c", "name": "C", "as_of": "2026-01-01"},
        {"id": "term:a", "name": "A"},
        {"id": "term:gone", "name": "Gone"},
    ]
    new = [
        {"id": "term:c", "name": "C", "as_of": "2026-11-29"},
        {"id": "term:a", "name": "A2"},
        {"id": "term:z", "name": "Z"},
        {"id": "term:b", "name": "B"},
    ]
    report = diff_items(old, new)
    assert report.added == ["term:b", "term:z"]
    assert report.updated == ["term:a"]
    assert report.removed == ["term:gone"]
    assert diff_items(new, new).changed is False
    assert diff_items(old[:1], new[:1], ignore=()).updated == ["term:c"]
