"""The advising summary as a PDF, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_support import LEARNER, TODAY, needs_fixtures, squash

from ler_navigator.report import render_pdf
from ler_navigator.report.pdf import DEJAVU_DIR, DEJAVU_FILES

needs_dejavu = pytest.mark.skipif(
    not (DEJAVU_DIR / DEJAVU_FILES[""]).is_file(), reason="DejaVu Sans is not installed"
)


def _read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def pdf_text(advising) -> str:
    return _read(render_pdf(advising))[1]


@needs_fixtures
def test_pdf_holds_the_top_pathway_its_score_and_the_citations(advising, match_result, pdf_text):
    flat = squash(pdf_text)
    top = match_result.occupations[0]
    assert squash(f"1. {top.title} ({top.code}, fit {top.score:.1f} of 100)") in flat
    for citation in advising.citations:
        assert squash(f"{citation.number}. {citation.title}") in flat
        assert squash(citation.url) in flat


@needs_fixtures
def test_pdf_has_every_section_and_the_verification_words(pdf_text):
    for heading in (
        "Learner profile",
        "Credentials and verification",
        "Top pathways",
        "Next steps",
        "Employers that fit",
        "Resources",
        "Navigator's notes",
        "Citations",
    ):
        assert heading in pdf_text
    flat = squash(pdf_text)
    assert squash("Status: Verified. Signed by Example Corp") in flat
    assert squash("Status: Failed: the signature does not match") in flat


@needs_fixtures
@needs_dejavu
def test_unicode_text_survives_with_dejavu(pdf_text):
    assert f"Advising summary for {LEARNER}" in pdf_text
    assert squash("Call José next week — he’ll confirm") in squash(pdf_text)


@needs_fixtures
def test_same_report_same_bytes_dated_by_the_report(advising):
    first = render_pdf(advising)
    assert first == render_pdf(advising)
    reader, _ = _read(first)
    assert reader.metadata is not None
    created = reader.metadata.creation_date
    assert created is not None and created.date() == TODAY
    assert reader.metadata.title == f"Advising summary for {LEARNER}"


def test_links_point_at_the_cited_urls(made_up_report):
    reader, _ = _read(render_pdf(made_up_report))
    links = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.add(str(action["/URI"]))
    assert links == {c.url for c in made_up_report.citations}


def test_characters_no_font_has_never_stop_a_report(made_up_report):
    _, text = _read(render_pdf(made_up_report))
    assert "Second paragraph" in text
    assert squash("Welders | Cutters *and* Brazers [1]") in squash(text)


def test_without_dejavu_a_built_in_font_spells_what_it_cannot_show(made_up_report, tmp_path: Path):
    data = render_pdf(made_up_report, font_dir=tmp_path)
    _, text = _read(data)
    assert "Zoë Müller" in text  # Latin-1 letters are in the built-in font
    assert "Welding Basics - Level 1" in text  # the em dash is spelled as a hyphen
    assert "—" not in text
    assert squash("Second paragraph: ?? ? and a tab here.") in squash(text)
    assert data == render_pdf(made_up_report, font_dir=None)


def test_creation_date_follows_the_report_date(made_up_report):
    later = made_up_report.model_copy(update={"date": dt.date(2027, 1, 2)})
    reader, _ = _read(render_pdf(later))
    assert reader.metadata is not None and reader.metadata.creation_date is not None
    assert reader.metadata.creation_date.date() == dt.date(2027, 1, 2)
    assert render_pdf(later) != render_pdf(made_up_report)
