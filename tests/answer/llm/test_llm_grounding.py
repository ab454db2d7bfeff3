"""Grounding: citations must be sources, named entities must come from the sources."""

from __future__ import annotations

import pytest

from ler_navigator.answer.grounding import check_grounding, citation_markers, entity_names

KNOWN = {
    "Contoso": ("employer:contoso",),
    "Contoso Manufacturing": ("employer:contoso",),
    "Fabrikam Steel": ("employer:fabrikam",),
    "Electricians": ("occupation:47-2111.00",),
    "Northwind Welding Certificate": ("credential:northwind-welding-certificate",),
}
ALLOWED_IDS = {"1", "2", "employer:fabrikam", "credential:northwind-welding-certificate"}
ALLOWED_NAMES = ["Fabrikam Steel", "Northwind Welding Certificate"]


def check(text: str):
    return check_grounding(text, ALLOWED_IDS, ALLOWED_NAMES, KNOWN)


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("One [1]. Two [2][1].", ["1", "2"]),
        ("Both [1, 2] and [2; 3].", ["1", "2", "3"]),
        ("By id [employer:fabrikam].", ["employer:fabrikam"]),
        ("A [link](https://example.org) and [sic] and (email removed).", []),
    ],
)
def test_citation_markers(text, markers):
    assert citation_markers(text) == markers


def test_a_grounded_answer_passes():
    report = check("Fabrikam Steel hires welders [1]. The Northwind Welding Certificate helps [2].")
    assert report.ok
    assert report.cited == ("1", "2")
    assert report.problems() == []


def test_an_unknown_number_or_id_fails():
    report = check("Fabrikam Steel hires welders [1][4] [employer:contoso].")
    assert not report.ok
    assert report.unknown_citations == ("4", "employer:contoso")
    assert "[4], [employer:contoso]" in report.problems()[0]


def test_an_entity_that_was_not_retrieved_fails():
    report = check("Fabrikam Steel hires welders [1], and so does Contoso Manufacturing [1].")
    assert report.ungrounded_names == ("Contoso", "Contoso Manufacturing")
    assert not report.ok


def test_multi_word_names_count_in_any_case_single_words_only_capitalised():
    assert check("contoso manufacturing is hiring [1].").ungrounded_names == (
        "Contoso Manufacturing",
    )
    assert check("Licensed electricians read blueprints [1].").ok
    assert check("Electricians read blueprints [1].").ungrounded_names == ("Electricians",)


def test_a_name_inside_an_allowed_name_is_grounded():
    known = {**KNOWN, "Northwind": ("org:northwind",)}
    report = check_grounding(
        "Earn the Northwind Welding Certificate [2].", ALLOWED_IDS, ALLOWED_NAMES, known
    )
    assert report.ok


def test_names_in_links_and_markers_are_ignored():
    assert check("Read more at https://example.org/Contoso [1].").ok


def test_an_answer_without_citations_fails():
    report = check("Fabrikam Steel hires welders.")
    assert report.uncited and not report.ok
    assert report.problems() == ["- The answer cites no source."]


def test_entity_names_cover_careers_and_organizations_only(kb):
    names = entity_names(kb.items.values())
    assert names["Contoso Manufacturing"] == ("employer:contoso",)
    assert names["Electricians"] == ("occupation:47-2111.00",)
    assert "Open Badges" not in names  # a glossary term, not an entity
    assert "Welding" not in names  # a skill
    assert list(names) == sorted(names)
