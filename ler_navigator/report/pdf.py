"""The advising summary as a PDF (fpdf2), for printing or handing to a learner.

Text is set in DejaVu Sans when the font is installed (Debian's ``fonts-dejavu-core``), which
covers accents, dashes and curly quotes. Without it the PDF falls back to a built-in font and
transliterates what that font cannot show, so no character ever stops a report.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ler_navigator.report.markdown import (
    NO_NOTES,
    SCORE_NOTE,
    listed,
    report_day,
    skill_evidence,
)
from ler_navigator.report.model import AdvisingReport

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
CORE_FAMILY = "helvetica"

MARGIN = 18.0
LINE = 5.0
BODY_SIZE = 10
MARK_WIDTH = 4.0
KEEP_WITH_HEADING = 25.0
# Pathway table columns (mm): rank, title, SOC code, score, typical education.
PATHWAY_COLUMNS = (8, 72, 26, 18, 50)

# What the built-in fonts cannot show, spelled with what they can.
_PLAIN = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2011": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2192": "->",
    }
)


def render_pdf(report: AdvisingReport, *, font_dir: Path | None = DEJAVU_DIR) -> bytes:
    """The report as PDF bytes (same report, same bytes).

    Args:
        report: the advising summary.
        font_dir: where DejaVu Sans lives; None or a folder without it uses a built-in font.
    """
    pdf = _ReportPdf(font_dir)
    pdf.set_title(pdf.clean(report.title))
    pdf.set_author("LER Navigator")
    pdf.set_creator("LER Navigator")
    pdf.set_lang("en")
    pdf.set_creation_date(dt.datetime.combine(report.date, dt.time(), tzinfo=dt.UTC))
    pdf.add_page()

    pdf.set_font(pdf.font_name, "B", 18)
    pdf.paragraph(report.title, height=8)
    pdf.set_font(pdf.font_name, "", BODY_SIZE)
    pdf.paragraph(f"Date: {report_day(report)}")
    pdf.ln(1)
    pdf.set_font(pdf.font_name, "I", 9)
    pdf.paragraph(SCORE_NOTE, height=4.5)

    _learner(pdf, report)
    _credentials(pdf, report)
    _pathways(pdf, report)
    _next_steps(pdf, report)
    _employers(pdf, report)
    _resources(pdf, report)
    pdf.heading("Navigator's notes")
    for paragraph in [p for p in report.notes.split("\n\n") if p.strip()] or [NO_NOTES]:
        pdf.paragraph(paragraph)
        pdf.ln(1)
    _citations(pdf, report)
    return bytes(pdf.output())


class _ReportPdf(FPDF):
    """An A4 page with the report's font, headings, paragraphs and bullets."""

    def __init__(self, font_dir: Path | None) -> None:
        super().__init__(format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.has_unicode_font = bool(font_dir) and (font_dir / DEJAVU_FILES[""]).is_file()  # type: ignore[operator]
        if self.has_unicode_font:
            assert font_dir is not None
            self.font_name = "DejaVu"
            for style, name in DEJAVU_FILES.items():
                path = font_dir / name
                self.add_font(
                    self.font_name, style, path if path.is_file() else font_dir / DEJAVU_FILES[""]
                )
        else:
            self.font_name = CORE_FAMILY
        self.set_font(self.font_name, "", BODY_SIZE)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_name, "", 8)
        self.cell(0, 5, f"LER Navigator advising summary - page {self.page_no()}", align="C")

    def clean(self, text: str) -> str:
        """``text`` as the current font can show it."""
        # Control characters (tabs, bells, NULs in pasted notes) have no glyph in any font.
        text = "".join(_visible(c) for c in text)
        text = " ".join(text.split()) if "\n" not in text else text.strip()
        if self.has_unicode_font:
            return text
        return "".join(_plain_char(c) for c in text.translate(_PLAIN))

    def heading(self, text: str) -> None:
        # A heading left alone at the foot of a page starts the next page instead.
        if self.get_y() > self.page_break_trigger - KEEP_WITH_HEADING:
            self.add_page()
        else:
            self.ln(4)
        self.set_font(self.font_name, "B", 13)
        self.multi_cell(0, 7, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.get_y()
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(2)
        self.set_font(self.font_name, "", BODY_SIZE)

    def paragraph(self, text: str, *, height: float = LINE, link: str | None = None) -> None:
        self.multi_cell(
            0,
            height,
            self.clean(text),
            align="L",
            link=link,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def bullet(self, text: str, *, level: int = 0, bold: bool = False) -> None:
        indent = 4.0 + 6.0 * level
        self.set_x(self.l_margin + indent)
        self.set_font(self.font_name, "B" if bold else "", BODY_SIZE)
        # The mark sits in its own cell so that wrapped lines hang under the text, not the mark.
        self.cell(MARK_WIDTH, LINE, self.clean("\u2022" if level == 0 else "\u2013"))
        self.multi_cell(
            self.w - self.r_margin - self.l_margin - indent - MARK_WIDTH,
            LINE,
            self.clean(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_font(self.font_name, "", BODY_SIZE)


def _visible(char: str) -> str:
    """Control characters become spaces; invisible format marks (soft hyphens) disappear."""
    if char == "\n":
        return char
    category = unicodedata.category(char)
    return " " if category == "Cc" else "" if category == "Cf" else char


def _plain_char(char: str) -> str:
    try:
        char.encode("latin-1")
        return char
    except UnicodeEncodeError:
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        return base or "?"


def _learner(pdf: _ReportPdf, report: AdvisingReport) -> None:
    learner = report.learner
    pdf.heading("Learner profile")
    if learner.name:
        pdf.bullet(f"Name: {learner.name}")
    pdf.bullet("Files read: " + (", ".join(learner.files) or "none (skills were typed in)"))
    if not learner.skills:
        pdf.bullet("Skills: none recognized yet")
    else:
        pdf.bullet(f"Skills ({len(learner.skills)}):")
        for skill in learner.skills:
            pdf.bullet(f"{skill.name}: {skill_evidence(skill)}", level=1)
    if learner.unrecognized_skills:
        pdf.bullet(
            "Typed skills not in the skills vocabulary: " + ", ".join(learner.unrecognized_skills)
        )
    if learner.employment:
        pdf.bullet("Work history:")
        for line in learner.employment:
            pdf.bullet(line, level=1)
    if learner.education:
        pdf.bullet("Education:")
        for line in learner.education:
            pdf.bullet(line, level=1)
    for warning in learner.warnings:
        pdf.bullet(f"Note: {warning}")


def _credentials(pdf: _ReportPdf, report: AdvisingReport) -> None:
    pdf.heading("Credentials and verification")
    if not report.credentials and not report.unread_files:
        pdf.paragraph("No credential files were uploaded.")
    for entry in report.credentials:
        issuer = f" from {entry.issuer}" if entry.issuer else ""
        pdf.bullet(f"{entry.title}{issuer} (file {entry.file})", bold=True)
        pdf.bullet(f"Status: {entry.status}. {entry.details}", level=1)
    for unread in report.unread_files:
        hint = f" {unread.hint}" if unread.hint else ""
        pdf.bullet(f"{unread.file}: could not be read. {unread.message}{hint}")


def _pathways(pdf: _ReportPdf, report: AdvisingReport) -> None:
    pdf.heading("Top pathways")
    if not report.pathways:
        pdf.paragraph("No pathway fits yet: add skills or upload credentials to see fitting ones.")
        return
    pdf.set_font(pdf.font_name, "", 9)
    with pdf.table(
        col_widths=PATHWAY_COLUMNS,
        width=sum(PATHWAY_COLUMNS),
        text_align=("RIGHT", "LEFT", "LEFT", "RIGHT", "LEFT"),
        line_height=4.5,
        first_row_as_headings=True,
    ) as table:
        table.row([pdf.clean(h) for h in ("#", "Pathway", "SOC code", "Fit", "Typical education")])
        for p in report.pathways:
            table.row(
                [
                    str(p.rank),
                    pdf.clean(f"{p.title} [{p.citation.number}]"),
                    p.code,
                    f"{p.score:.1f}",
                    pdf.clean(p.typical_education),
                ]
            )
    pdf.set_font(pdf.font_name, "", BODY_SIZE)
    for p in report.pathways:
        pdf.ln(2)
        pdf.set_font(pdf.font_name, "B", BODY_SIZE)
        pdf.paragraph(f"{p.rank}. {p.title} ({p.code}, fit {p.score:.1f} of 100)")
        pdf.set_font(pdf.font_name, "", BODY_SIZE)
        pdf.bullet(f"Skills you have ({len(p.matched)}): {listed(p.matched)}")
        pdf.bullet(f"Skills to build ({len(p.missing)}): {listed(p.missing)}")
        if p.stepping_stone:
            pdf.bullet(
                "Usually needs a bachelor's degree; a step reachable without one: "
                + p.stepping_stone
            )


def _next_steps(pdf: _ReportPdf, report: AdvisingReport) -> None:
    pdf.heading("Next steps")
    if not report.next_steps:
        pdf.paragraph("No credential or program in the knowledge base closes these gaps yet.")
    for step in report.next_steps:
        pdf.bullet(
            f"{step.name} ({step.credential_type}, {step.issuer}) [{step.citation.number}]",
            bold=True,
        )
        pdf.bullet(
            f"Covers {listed(step.covers)}; adds up to {step.gain:.1f} points for "
            + ", ".join(step.pathways),
            level=1,
        )


def _employers(pdf: _ReportPdf, report: AdvisingReport) -> None:
    pdf.heading("Employers that fit")
    if not report.employers:
        pdf.paragraph("No employer in the knowledge base fits these skills yet.")
    for employer in report.employers:
        pdf.bullet(
            f"{employer.name} (fit {employer.score:.1f}) [{employer.citation.number}]", bold=True
        )
        pdf.bullet(employer.practice, level=1)
        if employer.best_pathway:
            pdf.bullet(f"Best-fitting pathway: {employer.best_pathway}", level=1)
        if employer.matched_skills:
            pdf.bullet(
                f"Skills they look for that you have: {listed(employer.matched_skills)}", level=1
            )
        if employer.degree_optional:
            pdf.bullet("Has dropped four-year degree requirements for some roles", level=1)


def _resources(pdf: _ReportPdf, report: AdvisingReport) -> None:
    pdf.heading("Resources")
    if not report.resources:
        pdf.paragraph("No resource in the knowledge base matched.")
    for resource in report.resources:
        by = ", ".join(str(p) for p in (resource.author, resource.year) if p)
        pdf.bullet(
            f"{resource.title}" + (f" ({by})" if by else "") + f" [{resource.citation.number}]",
            bold=True,
        )
        pdf.bullet(resource.summary, level=1)


def _citations(pdf: _ReportPdf, report: AdvisingReport) -> None:
    pdf.heading("Citations")
    if not report.citations:
        pdf.paragraph("No sources were cited.")
    for citation in report.citations:
        pdf.set_font(pdf.font_name, "", BODY_SIZE)
        pdf.paragraph(f"{citation.number}. {citation.title}")
        pdf.set_x(pdf.l_margin + 5)
        pdf.set_text_color(20, 60, 160)
        pdf.set_font(pdf.font_name, "", 9)
        pdf.multi_cell(
            pdf.w - pdf.r_margin - pdf.l_margin - 5,
            4.5,
            pdf.clean(citation.url),
            align="L",
            link=citation.url,
            wrapmode="CHAR",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1)
    pdf.set_font(pdf.font_name, "", BODY_SIZE)


__all__ = ["DEJAVU_DIR", "render_pdf"]
