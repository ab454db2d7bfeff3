from __future__ import annotations

import pytest

from ler_navigator.skills.normalize import (
    fold_plural,
    is_guarded,
    normalize_phrase,
    span_satisfies_guard,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Microsoft Excel", "microsoft excel"),
        ("CDL-A", "cdl a"),
        ("CDL A", "cdl a"),
        ("MIG/TIG", "mig tig"),
        ("C++ and C#", "c++ and c#"),
        ("Node.js", "nodejs"),
        (".NET Framework", ".net framework"),
        ("vital signs", "vital sign"),
        ("technologies", "technology"),
        ("ＥＸＣＥＬ", "excel"),
        ("Alzheimer's care", "alzheimer care"),
        ("  blueprint\u00a0reading ", "blueprint reading"),
    ],
)
def test_normalize_phrase(text: str, expected: str) -> None:
    assert normalize_phrase(text) == expected


def test_net_never_meets_the_word_net() -> None:
    assert normalize_phrase(".NET") != normalize_phrase("net")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("signs", "sign"),
        ("analysis", "analysis"),
        ("status", "status"),
        ("glasses", "glass"),
        ("bus", "bus"),
        ("skills", "skill"),
        ("policies", "policy"),
        ("gas", "gas"),
    ],
)
def test_fold_plural(word: str, expected: str) -> None:
    assert fold_plural(word) == expected


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Skills: MIG/TIG welding, C++ and Ｐｙｔｈｏｎ."
    for token in tokenize(text):
        assert normalize_phrase(text[token.start : token.end]) == token.text
    assert [t.text for t in tokenize(text)][-1] == "python"


@pytest.mark.parametrize(
    ("form", "guarded"),
    [
        ("IT", True),
        ("CPR", True),
        ("A/R", False),
        ("Excel", False),
        ("HVAC", False),
        ("Git", False),
        ("5S", True),
    ],
)
def test_short_capital_acronyms_are_guarded(form: str, guarded: bool) -> None:
    assert is_guarded(form) is guarded


def test_guard_needs_capitals_in_the_text() -> None:
    assert span_satisfies_guard("IT")
    assert not span_satisfies_guard("it")
    assert not span_satisfies_guard("It")
