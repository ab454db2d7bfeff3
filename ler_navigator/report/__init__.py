"""The advising summary: built from the service's results, rendered as Markdown or PDF."""

from ler_navigator.report.build import build_report, verification_status
from ler_navigator.report.markdown import render_markdown
from ler_navigator.report.model import AdvisingReport
from ler_navigator.report.pdf import render_pdf

__all__ = ["AdvisingReport", "build_report", "render_markdown", "render_pdf", "verification_status"]
