"""Personal data removal: patterns, the profile's own values, and what is sent with consent."""

from __future__ import annotations

import json

import pytest
from llm_fixtures import PERSONAL

from ler_navigator.answer.redact import personal_values, redact_profile, redact_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to jane.doe+jobs@mail.example.com today", "Write to (email removed) today"),
        ("Call (555) 867-5309 or +1 555.867.5309", "Call (phone removed) or (phone removed)"),
        ("Lives at 42 Elm Street, Apt 4B in town", "Lives at (address removed) in town"),
        ("Office: 1200 North Lake Shore Dr.", "Office: (address removed)"),
        ("DOB: 04/12/1990, welder", "(date of birth removed), welder"),
        ("born on April 12, 1990", "(date of birth removed)"),
        ("Student ID: S-20931 passed", "(id removed) passed"),
        ("employee #88213", "(id removed)"),
        ("SSN 123-45-6789", "SSN (id removed)"),
        ("Name: Jane Doe, welder", "(name removed), welder"),
        ("my name is Jane and I weld", "(name removed) and I weld"),
    ],
)
def test_patterns_remove_personal_data(text, expected):
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Welders, Cutters, Solderers, and Brazers (SOC 51-4121.00) fit 62/100 [1].",
        "Issued 2024-05-01 by Northwind Technical College; 3 years of experience.",
        "The name of the standard is Open Badges 3.0.",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact_text(text) == text


def test_known_values_are_removed_in_any_case(personal_profile):
    known = personal_values(personal_profile)
    assert known.index(PERSONAL["name"]) < known.index("Jane")  # longest first
    assert f"{PERSONAL['street']}, Springfield" in known  # an address-like work location
    assert {"Jane", "Doe", PERSONAL["student_id"], PERSONAL["birth"]} <= set(known)
    assert "Advanced" not in known
    text = redact_text("JANE Q. DOE, or just jane, holds S-20931", known)
    assert "jane" not in text.lower() and "S-20931" not in text


def test_without_consent_only_scrubbed_skills_and_achievements(personal_profile):
    shared = redact_profile(personal_profile, consent=False)
    assert sorted(shared) == ["achievements", "skills"]
    assert shared["skills"] == [{"name": "Welding", "trust": "verified"}]
    body = json.dumps(shared)
    for value in PERSONAL.values():
        assert value not in body
    assert "Secret Clearance Course" not in body
    welding = shared["achievements"][0]
    assert welding["claims"] == [{"path": "achievement.level", "value": "Advanced"}]
    assert "structural welding bend test" in welding["description"]
    assert "issued" not in welding


def test_with_consent_the_shared_profile_goes_as_it_is(personal_profile):
    shared = redact_profile(personal_profile, consent=True)
    body = json.dumps(shared)
    assert PERSONAL["email"] in body and PERSONAL["birth"] in body
    assert shared["employment"][0]["organization"] == "Doe Family Farm"
    assert "Secret Clearance Course" not in body  # excluded stays excluded
    assert PERSONAL["file"] not in body  # files are never needed


def test_no_profile_shares_nothing():
    assert redact_profile(None, consent=True) == {}
    assert personal_values(None) == []
