"""The advising summary as Markdown: sections, numbers equal to the match, citations listed."""

from __future__ import annotations

import re

from report_support import LEARNER, needs_fixtures, sample_report

from ler_navigator.report import AdvisingReport, render_markdown
from ler_navigator.report.markdown import NO_NOTES

SECTIONS = [
    "## Learner profile",
    "## Credentials and verification",
    "## Top pathways",
    "## Next steps",
    "## Employers that fit",
    "## Resources",
    "## Navigator's notes",
    "## Citations",
]


def _section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@needs_fixtures
def test_sections_in_reading_order(advising):
    markdown = render_markdown(advising)
    assert markdown.startswith(f"# Advising summary for {LEARNER}\n\nDate: 29 November 2026\n")
    positions = [markdown.index(f"{s}\n") for s in SECTIONS]
    assert positions == sorted(positions)


@needs_fixtures
def test_pathway_table_rows_equal_the_match_result(advising, match_result):
    table = [
        line
        for line in _section(render_markdown(advising), "Top pathways").splitlines()
        if re.match(r"\| \d+ \|", line)
    ]
    assert len(table) == len(match_result.occupations)
    for rank, (row, fit) in enumerate(zip(table, match_result.occupations, strict=True), 1):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[0] == str(rank)
        assert _unescape(cells[1]).startswith(fit.title)
        assert cells[2] == fit.code
        assert float(cells[3]) == fit.score
    details = _section(render_markdown(advising), "Top pathways")
    top = match_result.occupations[0]
    assert f"- Skills you have ({len(top.matched)}): " in details
    assert f"- Skills to build ({len(top.missing)}): " in details


@needs_fixtures
def test_every_citation_is_numbered_used_and_listed(advising):
    markdown = render_markdown(advising)
    listed = re.findall(r"^(\d+)\. (.+): <(\S+)>$", _section(markdown, "Citations"), re.M)
    assert [int(n) for n, _, _ in listed] == list(range(1, len(advising.citations) + 1))
    for (_, title, url), citation in zip(listed, advising.citations, strict=True):
        assert _unescape(title) == citation.title
        assert url == citation.url
    body = markdown[: markdown.index("## Citations")]
    used = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert used == {c.number for c in advising.citations}


@needs_fixtures
def test_verification_and_notes_are_in_plain_words(advising):
    markdown = render_markdown(advising)
    credentials = _section(markdown, "Credentials and verification")
    assert "Status: **Verified**. Signed by Example Corp" in credentials
    assert "Status: **Failed: the signature does not match**" in credentials
    assert "mozilla-bakery-bad-json.svg: could not be read." in credentials
    assert "Call José next week — he’ll confirm" in _section(markdown, "Navigator's notes")


@needs_fixtures
def test_same_report_same_markdown(advising):
    assert render_markdown(advising) == render_markdown(advising)


def test_names_cannot_break_the_table_or_add_emphasis(made_up_report):
    markdown = render_markdown(made_up_report)
    row = next(line for line in markdown.splitlines() if line.startswith("| 1 |"))
    assert row.count(" | ") == 4  # five cells, the title's own bar escaped
    assert r"Welders \| Cutters \*and\* Brazers [1]" in row
    assert "Skills to build (12): Skill 0, Skill 1" in markdown
    assert "Skill 9 and 2 more" in markdown


def test_every_section_of_a_made_up_report(made_up_report):
    markdown = render_markdown(made_up_report)
    assert (
        "- **Welding Certificate** (certificate, Example College) [2]: covers Skill 0" in markdown
    )
    assert "adds up to 12.5 points for Welders \\| Cutters \\*and\\* Brazers" in markdown
    assert "- **Example Fabrication** (fit 33.3) [3]" in markdown
    assert "Has dropped four-year degree requirements" in markdown
    assert "- **A Guide to Skills-Based Hiring** (Example Institute, 2024) [4]" in markdown
    assert "Typed skills not in the skills vocabulary: underwater basket weaving" in markdown
    notes = _section(markdown, "Navigator's notes")
    assert "First paragraph — with a dash.\n\nSecond paragraph" in notes


def test_empty_sections_say_so(made_up_report):
    empty = AdvisingReport(
        title="Advising summary", date=made_up_report.date, learner=made_up_report.learner
    )
    markdown = render_markdown(empty)
    assert "No credential files were uploaded." in markdown
    assert "No pathway fits yet" in markdown
    assert "No credential or program in the knowledge base closes these gaps yet." in markdown
    assert "No employer in the knowledge base fits these skills yet." in markdown
    assert NO_NOTES in markdown
    assert "No sources were cited." in markdown
    assert all(f"{s}\n" in markdown for s in SECTIONS)


def test_a_degree_pathway_names_its_stepping_stone():
    report = sample_report()
    stone = report.pathways[0].model_copy(update={"stepping_stone": "Welding Helpers (51-9198.00)"})
    markdown = render_markdown(report.model_copy(update={"pathways": [stone]}))
    assert "a step reachable without one: Welding Helpers (51-9198.00)" in _unescape(markdown)
    assert "a step reachable without one" not in render_markdown(report)
