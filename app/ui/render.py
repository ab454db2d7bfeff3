"""Render helpers: answers, sources, buttons, the sidebar, progress and errors."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from app.ui import fit, state
from app.ui.llm_panel import writer_caption
from ler_navigator.errors import NavigatorError
from ler_navigator.models.chat import Answer, Citation
from ler_navigator.models.index import DataSource, IndexStatus

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERIC_ERROR = (
    "Something went wrong on our side while answering. Please try again, or ask it another way."
)
ABOUT = (
    "LER Navigator answers questions about Learning and Employment Records (LERs): the terms, "
    "who does what in the ecosystem, and where to read more. Every answer is built from a "
    "curated knowledge base and cites its sources; when nothing fits, it says so."
)
KIND_LABELS = {
    "glossary_term": "glossary",
    "stakeholder": "stakeholder group",
    "action_area": "action area",
    "principle": "principle",
    "topic": "topic",
    "resource": "resource",
    "organization": "organization",
    "initiative": "initiative",
    "skill": "skill",
}
# Words per streamed chunk and the pause between chunks: quick enough not to hold a reader up,
# slow enough to read as typing.
STREAM_WORDS = 3
STREAM_DELAY_S = 0.01
PROFILE_NUDGE = (
    "Add your records under **Your records** in the sidebar — upload a badge, a CLR or your "
    "résumé, or type a few skills — and ask again."
)

_MARKER = re.compile(r"\[(\d+)\](?!\()")


# ---------------------------------------------------------------- answers
def link_markers(markdown: str, citations: Sequence[Citation]) -> str:
    """Turn each ``[n]`` marker that has a citation into a link to that source."""
    urls = {c.number: c.url for c in citations}

    def link(match: re.Match[str]) -> str:
        number = int(match.group(1))
        url = urls.get(number)
        return f"[[{number}]]({url})" if url else match.group(0)

    return _MARKER.sub(link, markdown)


def chunk_text(text: str, words: int = STREAM_WORDS) -> Iterator[str]:
    """Split ``text`` into pieces of a few words that join back to exactly ``text``."""
    pieces = re.findall(r"\S+\s*|\s+", text)
    for start in range(0, len(pieces), words):
        yield "".join(pieces[start : start + words])


def stream_text(text: str, delay_s: float = STREAM_DELAY_S) -> Iterator[str]:
    """``chunk_text`` with a short pause between chunks, for ``st.write_stream``."""
    for chunk in chunk_text(text):
        yield chunk
        if delay_s:
            time.sleep(delay_s)


def answer_body(answer: Answer) -> str:
    """The answer's Markdown with its citation markers as links."""
    return link_markers(answer.markdown, answer.citations)


def render_sources(citations: Sequence[Citation]) -> None:
    """The numbered source list under an answer, folded away until opened."""
    if not citations:
        return
    with st.expander(f"Sources ({len(citations)})"):
        lines = [
            f"{c.number}. [{c.title}]({c.url}) · {KIND_LABELS.get(c.kind, c.kind)}"
            for c in citations
        ]
        st.markdown("\n".join(lines))


def render_related(questions: Sequence[str], key: str) -> None:
    """Follow-up questions as buttons that ask them."""
    if not questions:
        return
    st.caption("Ask next")
    for number, question in enumerate(questions[:3]):
        st.button(
            question,
            key=f"{key}-{number}",
            on_click=state.ask_later(question),
            icon=":material/subdirectory_arrow_right:",
        )


def render_answer(
    answer: Answer,
    *,
    key: str,
    stream: bool,
    show_related: bool,
    lookup: fit.NameLookup = fit.no_names,
    show_writer: bool = False,
) -> None:
    """One assistant answer: the text (streamed when new), fit cards, sources and follow-ups."""
    body = answer_body(answer)
    if stream:
        st.write_stream(stream_text(body))
    else:
        st.markdown(body)
    if show_writer or answer.writer == "llm":
        st.caption(writer_caption(answer.writer))
    if answer.needs_profile:
        st.info(PROFILE_NUDGE, icon=":material/upload_file:")
    fit.render_fits(answer.fits, key=key, lookup=lookup)
    fit.render_employer_fits(answer.employer_fits)
    render_sources(answer.citations)
    if show_related:
        render_related(answer.related_questions, key)


def render_history(
    entries: Sequence[state.ChatEntry],
    *,
    show_last_related: bool,
    lookup: fit.NameLookup = fit.no_names,
) -> None:
    """Every message so far; follow-up buttons only under the latest answer."""
    last = len(entries) - 1
    for position, entry in enumerate(entries):
        with st.chat_message(entry.turn.role):
            if entry.answer is None:
                st.markdown(entry.turn.text)
            else:
                render_answer(
                    entry.answer,
                    key=f"related-{position}",
                    stream=False,
                    show_related=show_last_related and position == last,
                    lookup=lookup,
                )


def render_examples(questions: Sequence[str]) -> None:
    """Starter questions for an empty chat."""
    st.markdown("**Try one of these:**")
    columns = st.columns(2)
    for number, question in enumerate(questions):
        with columns[number % 2]:
            st.button(
                question,
                key=f"example-{number}",
                on_click=state.ask_later(question),
                width="stretch",
            )


# ---------------------------------------------------------------- sidebar
def render_sidebar(
    status: IndexStatus | None,
    sources: Sequence[DataSource],
    top_k: int,
    records_panel: Callable[[], None] | None = None,
    workspace_panel: Callable[[], None] | None = None,
) -> int:
    """The mode switch, the learners (navigator mode), about, settings, records and sources.

    Returns the chosen top_k.
    """
    with st.sidebar:
        if workspace_panel is not None:
            workspace_panel()
            st.divider()
        st.header("About")
        st.markdown(ABOUT)
        chosen = st.slider(
            "Sources searched per question",
            min_value=1,
            max_value=20,
            value=min(top_k, 20),
            key=state.TOP_K_KEY,
            help="More sources give broader answers; fewer give tighter ones.",
        )
        st.button("Clear conversation", on_click=state.clear_conversation)
        if records_panel is not None:
            st.divider()
            records_panel()
            st.divider()
        with st.expander("Data sources"):
            for source in sources:
                st.markdown(f"**[{source.name}]({source.url})** — {source.license}")
                st.caption(source.note)
        with st.expander("Index status"):
            if status is None:
                st.caption("The search index is not ready.")
            else:
                st.markdown(
                    f"{status.documents} passages from {status.items} items  \n"
                    f"Embedder: `{status.embedder}`  \n"
                    f"Store: {status.backend}  \n"
                    f"Built: {status.built_at or 'unknown'}"
                    f"{' (reused)' if status.reused else ''}  \n"
                    f"Checksum: `{status.checksum[:12]}`"
                )
                st.caption(
                    ", ".join(
                        f"{KIND_LABELS.get(kind, kind)}: {count}"
                        for kind, count in sorted(status.counts_by_kind.items())
                    )
                )
    return chosen


# ---------------------------------------------------------------- progress and errors
class IndexProgress:
    """A progress bar that appears only while the index is actually being built."""

    def __init__(self) -> None:
        self._slot = st.empty()
        self._shown = False

    def __call__(self, fraction: float, message: str) -> None:
        # A ready index reports 1.0 straight away; showing a full bar for that would flicker.
        if fraction >= 1.0 and not self._shown:
            return
        self._shown = True
        self._slot.progress(min(max(fraction, 0.0), 1.0), text=message)

    def done(self) -> None:
        self._slot.empty()


def show_navigator_error(exc: NavigatorError) -> None:
    """A friendly error box: what went wrong and what to do."""
    st.error(exc.user_message, icon=":material/error:")
    if exc.hint:
        st.info(exc.hint, icon=":material/lightbulb:")


@contextmanager
def friendly_errors(*, debug: bool) -> Iterator[None]:
    """Show ``NavigatorError`` messages; log anything else and show a generic message."""
    try:
        yield
    except NavigatorError as exc:
        show_navigator_error(exc)
    except Exception:
        logger.exception("Unexpected error in the chat")
        if debug:
            raise
        st.error(GENERIC_ERROR, icon=":material/error:")


def run_guarded(func: Callable[[], T], *, debug: bool) -> T | None:
    """``func()``, or ``None`` after showing a friendly error."""
    with friendly_errors(debug=debug):
        return func()
    return None
