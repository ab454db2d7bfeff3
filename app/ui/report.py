"""The advising summary for the active learner: notes, and Markdown and PDF downloads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from app.ui import records, workspace
from ler_navigator.report import AdvisingReport, build_report, render_markdown, render_pdf
from ler_navigator.service import NavigatorService

NOTES_HELP = (
    "Your notes for this learner. They go into the advising summary as written and stay in "
    "this browser session (and in an export, if you make one)."
)


@dataclass(frozen=True)
class ReportFiles:
    """One learner's advising summary in both formats."""

    report: AdvisingReport
    markdown: str
    pdf: bytes


def learner_report(
    service: NavigatorService, learner: workspace.Learner, *, today: dt.date
) -> AdvisingReport:
    """The advising summary of what ``learner`` chose to share, with the navigator's notes."""
    full = records.build_profile(learner, service)
    profile = full.with_excluded(
        skills=records.hidden_skills(learner, full),
        achievements=records.hidden_achievements(learner, full),
    )
    return build_report(
        service,
        records.records(learner),
        profile,
        notes=str(learner.get(workspace.NOTES_KEY) or ""),
        learner_name=learner[workspace.NAME],
        today=today,
    )


def report_files(
    service: NavigatorService, learner: workspace.Learner, *, today: dt.date
) -> ReportFiles:
    """The summary built once and rendered as Markdown and PDF."""
    report = learner_report(service, learner, today=today)
    return ReportFiles(report=report, markdown=render_markdown(report), pdf=render_pdf(report))


def file_name(learner: workspace.Learner, today: dt.date, extension: str) -> str:
    """'advising-summary-maria-lopez-2026-11-29.pdf'."""
    who = workspace.slug(learner[workspace.NAME]) or learner[workspace.ID]
    return f"advising-summary-{who}-{today.isoformat()}.{extension}"


def render_report_panel(service: NavigatorService, *, today: dt.date) -> None:
    """Notes and the two downloads; the summary is only built when a download is clicked."""
    learner = workspace.active(st.session_state)
    with st.expander(
        f"Advising summary for {learner[workspace.NAME]}", icon=":material/summarize:"
    ):
        st.text_area(
            "Navigator's notes",
            key=workspace.bind(st.session_state, workspace.NOTES_KEY),
            height=120,
            help=NOTES_HELP,
        )
        st.caption(
            "The summary lists the learner's shared skills and credentials with their "
            "verification, the best pathways with scores, next steps, employers and resources, "
            "each with its source."
        )
        # Built on the click, from the learner as they are then (the notes typed above included).
        snapshot = learner

        def pdf() -> bytes:
            return render_pdf(learner_report(service, snapshot, today=today))

        def markdown() -> str:
            return render_markdown(learner_report(service, snapshot, today=today))

        left, right = st.columns(2)
        with left:
            st.download_button(
                "Download PDF",
                data=pdf,
                file_name=file_name(learner, today, "pdf"),
                mime="application/pdf",
                key="report_pdf",
                icon=":material/picture_as_pdf:",
                on_click="ignore",
            )
        with right:
            st.download_button(
                "Download Markdown",
                data=markdown,
                file_name=file_name(learner, today, "md"),
                mime="text/markdown",
                key="report_markdown",
                icon=":material/description:",
                on_click="ignore",
            )
