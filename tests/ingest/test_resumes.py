"""Résumés: plain text, Markdown, PDF and Word all give free text, sections and skills."""

from __future__ import annotations

import io

from ler_navigator.ingest import parse_bytes
from tests.ingest.test_errors import pdf_bytes

RESUME = """Alex Example
Summary: reliable team player with project management experience.

Experience
Shift Lead, Example Diner (2021-2024)
- Trained new staff in welding safety and first aid
Line Cook, Corner Cafe

Education
Certificate in Robotics, Example Community College
"""


def test_plain_text_resume(fake_vocabulary):
    parsed = parse_bytes(RESUME.encode(), "resume.txt", vocabulary=fake_vocabulary)
    assert parsed.format == "resume-text"
    assert [e.title for e in parsed.employment] == [
        "Shift Lead, Example Diner (2021-2024)",
        "Line Cook, Corner Cafe",
    ]
    assert parsed.employment[0].description == "Trained new staff in welding safety and first aid"
    assert [e.degree for e in parsed.education] == [
        "Certificate in Robotics, Example Community College"
    ]
    names = {s.name for s in parsed.skills}
    assert names == {"Teamwork", "Project management", "Welding", "First aid", "Robotics"}
    teamwork = next(s for s in parsed.skills if s.name == "Teamwork")
    (evidence,) = teamwork.evidence
    assert evidence.trust == "self_reported"
    assert RESUME[evidence.span.start : evidence.span.end] == "team player"


def test_markdown_resume_is_recognised(fake_vocabulary):
    markdown = "# Alex Example\n\n## Experience\n\n**Welder**, Example Works\n- TIG and MIG\n"
    parsed = parse_bytes(markdown.encode(), "resume.md", vocabulary=fake_vocabulary)
    assert parsed.format == "resume-markdown"
    assert [(e.title, e.description) for e in parsed.employment] == [
        ("Welder, Example Works", "TIG and MIG")
    ]


def test_pdf_resume(fake_vocabulary):
    parsed = parse_bytes(
        pdf_bytes("Python developer who enjoys robotics."), "cv.pdf", vocabulary=fake_vocabulary
    )
    assert parsed.format == "resume-pdf"
    assert {s.name for s in parsed.skills} == {"Python", "Robotics"}


def test_docx_resume(fake_vocabulary):
    import docx

    document = docx.Document()
    document.add_paragraph("Experience")
    document.add_paragraph("Welder, Example Works")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Skills"
    table.rows[0].cells[1].text = "Python, first aid"
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_bytes(buffer.getvalue(), "cv.docx", vocabulary=fake_vocabulary)
    assert parsed.format == "resume-docx"
    assert {s.name for s in parsed.skills} == {"Python", "First aid"}
    assert [e.title for e in parsed.employment] == [
        "Welder, Example Works",
        "Skills | Python, first aid",
    ]
