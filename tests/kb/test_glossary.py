"""Checks on knowledge/glossary.yaml: coverage of the LER Ecosystem Map glossary, own wording,
resolvable links and acronym aliases."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from ler_navigator.kb.loader import KnowledgeBase, build_knowledge
from ler_navigator.models.knowledge import GlossaryTerm
from tests.kb.fixed_ids import CORE_TERM_IDS, NON_TERM_IDS

REPO = Path(__file__).resolve().parents[2]
GLOSSARY_FILE = REPO / "knowledge" / "glossary.yaml"
MAP_GLOSSARY_FILE = REPO.parent / "shared" / "lermap" / "_data" / "glossary-list.yml"
MAP_GLOSSARY_URL = "https://lermap.t3networkhub.org/glossary"
AS_OF = dt.date(2026, 11, 29)
NGRAM = 12


# Ids owned by other knowledge files that glossary terms may link to. They are stubbed here so
# the glossary validates on its own; a typo in a foreign id still fails the test.
FOREIGN_IDS = NON_TERM_IDS

_STUB = {
    "body": "Placeholder item standing in for another knowledge file.",
    "source_url": "https://example.org/stub",
    "as_of": "2026-11-29",
}
_ANCHOR_STAKEHOLDER = "stakeholder:learners-earners"


def _stub(item_id: str) -> tuple[str, dict]:
    prefix = item_id.split(":", 1)[0]
    base = {"id": item_id, "name": item_id, **_STUB}
    if prefix == "stakeholder":
        return "stakeholder", {**base, "examples": ["example"], "stages": []}
    if prefix == "action":
        return "action_area", {**base, "key": "promoting"}
    if prefix == "principle":
        return "principle", {**base, "order": 1}
    if prefix == "topic":
        return "topic", base
    if prefix == "org":
        return "organization", {
            **base,
            "org_type": "nonprofit",
            "stakeholder_groups": [_ANCHOR_STAKEHOLDER],
        }
    raise AssertionError(f"no stub kind for {item_id}")


@cache
def _glossary_data() -> dict:
    with GLOSSARY_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _foreign_links(data: dict) -> set[str]:
    own = {item["id"] for item in data["items"]}
    return {target for item in data["items"] for target in item.get("related", [])} - own


@cache
def _knowledge() -> KnowledgeBase:
    data = _glossary_data()
    needed = _foreign_links(data) | {_ANCHOR_STAKEHOLDER}
    by_kind: dict[str, list[dict]] = {}
    for item_id in sorted(needed):
        kind, stub = _stub(item_id)
        by_kind.setdefault(kind, []).append(stub)
    documents = [("glossary.yaml", data)]
    documents += [
        (f"stub-{kind}.yaml", {"kind": kind, "items": items}) for kind, items in by_kind.items()
    ]
    return build_knowledge(documents)


def _terms() -> list[GlossaryTerm]:
    return [
        item for item in _knowledge().by_kind("glossary_term") if isinstance(item, GlossaryTerm)
    ]


def _clean(text: str) -> str:
    """Decode HTML entities, drop tags and surrounding blanks, as the map's site renders text."""
    return re.sub(r"<[^>]+>", " ", html.unescape(text)).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _clean(text).lower().replace("'", "").replace("’", ""))


def _ngrams(words: list[str], size: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _map_glossary() -> dict[str, str]:
    if not MAP_GLOSSARY_FILE.is_file():
        pytest.skip("the LER Ecosystem Map data is not checked out next to the repository")
    with MAP_GLOSSARY_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return {_clean(entry["term"]): _clean(entry["definition"]) for entry in raw["terms"]}


def test_glossary_validates_with_stubbed_foreign_ids():
    assert len(_terms()) == len(_glossary_data()["items"])


def test_foreign_links_point_at_known_ids():
    unknown = sorted(_foreign_links(_glossary_data()) - FOREIGN_IDS)
    assert unknown == [], f"related ids that are neither glossary terms nor known ids: {unknown}"


def test_glossary_has_at_least_80_terms():
    assert len(_terms()) >= 80


def test_ids_other_files_link_to_exist():
    ids = {term.id for term in _terms()}
    missing = [term_id for term_id in CORE_TERM_IDS if term_id not in ids]
    assert missing == []


def test_every_map_term_is_present_under_its_exact_name():
    by_name = {term.name: term for term in _terms()}
    for name in _map_glossary():
        assert name in by_name, f"map glossary term '{name}' is missing"
        term = by_name[name]
        assert term.in_map_glossary, f"'{name}' must have in_map_glossary: true"
        assert str(term.source_url) == MAP_GLOSSARY_URL
        assert term.url is not None and str(term.url) == MAP_GLOSSARY_URL


def test_only_map_terms_are_flagged_as_map_terms():
    flagged = sorted(term.name for term in _terms() if term.in_map_glossary)
    assert flagged == sorted(_map_glossary())


def test_map_html_entities_are_decoded_before_comparing():
    definitions = _map_glossary()
    assert "&colon;" not in definitions["Micro-credential"]
    assert "Skill" in definitions and "Learning and Employment Record (LER)" in definitions


@pytest.mark.parametrize(
    ("ours", "theirs", "copied"),
    [
        ("one two three four five six seven eight nine ten eleven twelve", "x one two three "
         "four five six seven eight nine ten eleven twelve y", True),
        ("one two three four five six seven eight nine ten eleven", "one two three four five "
         "six seven eight nine ten eleven", False),
    ],
)  # fmt: skip
def test_ngram_check_detects_a_copied_run(ours, theirs, copied):
    assert bool(_ngrams(_words(ours)) & _ngrams(_words(theirs))) is copied


def test_no_body_copies_a_map_definition():
    definitions = _map_glossary()
    map_grams = {name: _ngrams(_words(text)) for name, text in definitions.items()}
    for term in _terms():
        body_words = _words(term.body)
        body_grams = _ngrams(body_words)
        for name, grams in map_grams.items():
            assert _words(definitions[name]) != body_words, f"{term.id} repeats '{name}'"
            shared = body_grams & grams
            assert not shared, f"{term.id} copies from the map's '{name}': {' '.join(min(shared))}"


def test_bodies_are_two_to_five_sentences():
    for term in _terms():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", term.body) if s]
        assert 2 <= len(sentences) <= 5, f"{term.id} has {len(sentences)} sentences"


def test_parenthesised_acronyms_are_aliases():
    for term in _terms():
        for acronym in re.findall(r"\(([^()]+)\)", term.name):
            assert acronym in term.aliases, f"{term.id}: '{acronym}' missing from aliases"


def test_aliases_do_not_repeat_within_a_term():
    for term in _terms():
        lowered = [alias.lower() for alias in term.aliases]
        assert len(lowered) == len(set(lowered)), f"{term.id} repeats an alias"
        assert term.name.lower() not in lowered, f"{term.id} lists its own name as an alias"


def test_related_links_are_few_and_resolve():
    kb = _knowledge()
    for term in _terms():
        assert 2 <= len(term.related) <= 6, f"{term.id} has {len(term.related)} related ids"
        assert len(set(term.related)) == len(term.related), f"{term.id} repeats a related id"
        assert all(kb.get(target) is not None for target in term.related)


def test_every_term_links_to_another_glossary_term():
    for term in _terms():
        assert any(target.startswith("term:") for target in term.related), term.id


def test_ids_follow_the_naming_convention():
    for term in _terms():
        base = re.sub(r"\s*\([^()]+\)$", "", term.name)
        slug = re.sub(r"[^a-z0-9.]+", "-", base.lower()).strip("-.")
        assert term.id == f"term:{slug}", f"{term.id} does not match its name '{term.name}'"


def test_terms_are_dated_and_tagged():
    for term in _terms():
        assert term.as_of == AS_OF, term.id
        assert term.tags, f"{term.id} has no tags"
