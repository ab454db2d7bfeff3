"""Checks for ``knowledge/careers/military.yaml``: the military-to-civilian crosswalk.

A service member types a code ("88M", "Navy HM2", "AFSC 3D1X2") and the matcher credits the
civilian occupations the code links to, so every code must be well formed, unique in its branch,
recognisable from its aliases and linked to occupations and skills that exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from ler_navigator.evaluation.retrieval import normalize_name
from ler_navigator.kb.loader import KnowledgeBase, load_knowledge
from ler_navigator.models.knowledge import MilitaryOccupation

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
AS_OF = dt.date(2026, 11, 29)

MIN_ITEMS = 350
MIN_PER_BRANCH = {"army": 100, "navy": 60, "air_force": 80, "marine_corps": 80, "coast_guard": 20}

# How each service writes its codes: Army MOS 88M, Marine Corps MOS 0311, Air Force AFSC 3D1X2
# (Cyber Defense 1D7X1 included), Navy and Coast Guard ratings HM, ABE, AET.
CODE_PATTERN = {
    "army": r"\d{2}[A-Z]",
    "marine_corps": r"\d{4}",
    "air_force": r"\d[A-Z]\d[A-Z0-9]\d",
    "navy": r"[A-Z]{2,3}",
    "coast_guard": r"[A-Z]{2,3}",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="module")
def military(kb: KnowledgeBase) -> list[MilitaryOccupation]:
    items = [item for item in kb.by_kind("military") if isinstance(item, MilitaryOccupation)]
    assert all(kb.sources[item.id] == "careers/military.yaml" for item in items)
    return items


def _recognised(text: str, items: list[MilitaryOccupation], *, with_code: bool = True) -> list[str]:
    """Ids whose code, title or an alias appears as whole words in ``text`` (the matcher's rule)."""
    padded = f" {normalize_name(text)} "
    found = []
    for item in items:
        names = [item.code] if with_code else []
        forms = [normalize_name(f) for f in [*names, item.name, *item.aliases]]
        if any(len(form) >= 2 and f" {form} " in padded for form in forms):
            found.append(item.id)
    return sorted(found)


def test_enough_occupations_in_every_branch(military: list[MilitaryOccupation]) -> None:
    assert len(military) >= MIN_ITEMS
    per_branch = Counter(item.branch for item in military)
    for branch, minimum in MIN_PER_BRANCH.items():
        assert per_branch[branch] >= minimum, f"{branch}: {per_branch[branch]} < {minimum}"


def test_ids_follow_branch_and_code(military: list[MilitaryOccupation]) -> None:
    ids = [item.id for item in military]
    assert len(ids) == len(set(ids))
    for item in military:
        expected = f"military:{item.branch.replace('_', '-')}-{item.code.lower()}"
        assert item.id == expected, f"{item.id} should be {expected}"


def test_codes_are_well_formed_and_unique_per_branch(military: list[MilitaryOccupation]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for item in military:
        pattern = CODE_PATTERN[item.branch]
        assert re.fullmatch(pattern, item.code), f"{item.id}: code {item.code!r} is not {pattern}"
        key = (item.branch, item.code)
        assert key not in seen, f"{item.code} appears twice in {item.branch}"
        seen[key] = item.id


def test_links_resolve_to_occupations_and_skills(
    kb: KnowledgeBase, military: list[MilitaryOccupation]
) -> None:
    for item in military:
        assert 1 <= len(item.occupations) <= 4, item.id
        assert 3 <= len(item.skills) <= 8, item.id
        assert len(set(item.occupations)) == len(item.occupations), item.id
        assert len(set(item.skills)) == len(item.skills), item.id
        for target in item.occupations:
            linked = kb.get(target)
            assert linked is not None and linked.kind == "occupation", f"{item.id} -> {target}"
        for target in item.skills:
            linked = kb.get(target)
            assert linked is not None and linked.kind == "skill", f"{item.id} -> {target}"


def test_aliases_carry_the_code(military: list[MilitaryOccupation]) -> None:
    for item in military:
        tokens = {token for alias in item.aliases for token in normalize_name(alias).split()}
        assert item.code.casefold() in tokens, f"{item.id}: no alias names {item.code}"


def test_two_letter_codes_are_never_bare_aliases(military: list[MilitaryOccupation]) -> None:
    # "IT", "MA", "AS" or "ME" alone are everyday words; the code field already holds them.
    for item in military:
        for alias in item.aliases:
            assert not re.fullmatch(r"[A-Za-z]{2}", alias), f"{item.id}: bare alias {alias!r}"


def test_aliases_point_at_one_occupation_per_branch(military: list[MilitaryOccupation]) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in military:
        for form in [item.code, *item.aliases]:
            owners[(item.branch, normalize_name(form))].add(item.id)
    shared = {key: sorted(ids) for key, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_sources_and_dates(military: list[MilitaryOccupation]) -> None:
    for item in military:
        assert item.as_of == AS_OF, item.id
        assert str(item.source_url).startswith("https://"), item.id
        assert len(item.body) >= 40, f"{item.id}: body too short"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Army 88M for four years, drove HETs and PLS trucks", "military:army-88m"),
        ("I was an 88 Mike in the Guard", "military:army-88m"),
        ("MOS 68W, then clinic work", "military:army-68w"),
        ("Navy HM2, eight years with the Marines", "military:navy-hm"),
        ("former corpsman", "military:navy-hm"),
        ("USAF 3D1X2 at Ramstein", "military:air-force-3d1x2"),
        ("3D152 journeyman", "military:air-force-3d1x2"),
        ("Marine 1345 with two deployments", "military:marine-corps-1345"),
        ("USCG MK1 on a 47-foot motor lifeboat station", "military:coast-guard-mk"),
    ],
)
def test_typed_codes_are_recognised(
    military: list[MilitaryOccupation], text: str, expected: str
) -> None:
    assert expected in _recognised(text, military)


def test_aliases_stay_quiet_in_plain_sentences(military: list[MilitaryOccupation]) -> None:
    # Two-letter rating codes ("IT", "ME", "AS", "AM", "AT") are English words, so the bare code
    # needs branch context in the matcher; the aliases themselves must never fire on plain text.
    text = "It was me as an admin at the front desk, and I am good at it; the age of AI."
    assert _recognised(text, military, with_code=False) == []
