"""LER Navigator chat. Start it with ``make run`` or ``streamlit run app/streamlit_app.py``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

# Streamlit puts only this file's folder on sys.path; the repository root makes `app.ui`
# importable however the script is started.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from app.ui import (  # noqa: E402
    fit,
    llm_panel,
    navigator,
    profile,
    records,
    render,
    report,
    state,
    workspace,
)
from ler_navigator.errors import NavigatorError  # noqa: E402
from ler_navigator.models.chat import Answer  # noqa: E402
from ler_navigator.models.ler import LearnerProfile  # noqa: E402
from ler_navigator.service import NavigatorService  # noqa: E402
from ler_navigator.settings import Settings  # noqa: E402

CHAT_PLACEHOLDER = "Ask about LERs, credentials, skills or pathways that fit you"


def item_names(service: NavigatorService) -> fit.NameLookup:
    """Display names of knowledge items (employers on fit cards) by id."""

    def lookup(item_id: str) -> str | None:
        return getattr(service.kb.get(item_id), "name", None)

    return lookup


def major_groups(service: NavigatorService) -> list[str]:
    """SOC major groups that have at least one occupation in the knowledge base."""
    codes = {getattr(item, "soc_code", "") for item in service.kb.by_kind("occupation")}
    return sorted(code[:2] for code in codes if code)


def learner_panels(service: NavigatorService, settings: Settings) -> LearnerProfile | None:
    """The profile and pathways panels; returns what the learner chose to share, if anything."""
    learner = state.learner()
    full = render.run_guarded(lambda: records.build_profile(learner, service), debug=settings.debug)
    if full is None:
        return None
    profile.render_profile_panel(full, records.records(learner))
    shared = records.shared_profile(learner, full)

    def find(groups: list[str], education: list[str]):
        return render.run_guarded(
            lambda: service.match(
                shared,
                k=fit.PATHWAYS_SHOWN,
                major_groups=groups or None,
                education=education or None,
            ),
            debug=settings.debug,
        )

    fit.render_pathways_panel(shared, major_groups(service), find, lookup=item_names(service))
    return shared


def main() -> None:
    """Draw the chat for one run of the script."""
    st.set_page_config(page_title="LER Navigator", page_icon=":material/explore:")
    st.title("LER Navigator")
    st.caption("Questions about Learning and Employment Records, answered with sources.")
    state.init_session()
    # Widget values typed in the last run belong to the learner on screen.
    workspace.save_widgets(st.session_state)

    try:
        settings = state.load_settings(state.read_secrets())
    except NavigatorError as exc:
        render.show_navigator_error(exc)
        return
    top_k = st.session_state.get(state.TOP_K_KEY, settings.top_k)
    if top_k != settings.top_k:
        settings = settings.model_copy(update={"top_k": top_k})

    service = state.get_service(settings)
    # Outside the cached getter: Streamlit would replay a bar drawn inside it on every rerun.
    progress = render.IndexProgress()
    status = render.run_guarded(
        lambda: service.ensure_index(progress=progress), debug=settings.debug
    )
    progress.done()
    records_panel = workspace_panel = None
    if status is not None:

        def records_panel() -> None:
            profile.render_records_panel(service, settings.max_upload_mb)

        def workspace_panel() -> None:
            if navigator.render_mode_switch():
                navigator.render_workspace_panel(service, settings.max_upload_mb)

    render.render_sidebar(
        status, service.data_sources(), settings.top_k, records_panel, workspace_panel
    )
    with st.sidebar:
        use_llm, consent = llm_panel.render_llm_settings(service.llm_status())
    if status is None:
        return
    if navigator.navigator_mode():
        st.markdown(f"**Learner on screen:** {profile.plain(state.learner()[workspace.NAME])}")
        report.render_report_panel(service, today=dt.date.today())
    shared = learner_panels(service, settings)
    lookup = item_names(service)
    # Without a shared profile the service is asked exactly as before profiles existed.
    with_profile = {"profile": shared} if shared is not None else {}

    pending = state.take_pending()
    question = st.chat_input(CHAT_PLACEHOLDER) or pending
    render.render_history(state.entries(), show_last_related=not question, lookup=lookup)
    if not question:
        if not state.entries():
            render.render_examples(service.example_questions())
        return

    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        if use_llm:
            answer = render.run_guarded(
                lambda: stream_model_answer(service, question, with_profile, consent),
                debug=settings.debug,
            )
        else:
            with st.spinner("Searching the knowledge base…"):
                answer = render.run_guarded(
                    lambda: service.ask(question, history=state.history(), **with_profile),
                    debug=settings.debug,
                )
        if answer is not None:
            render.render_answer(
                answer,
                key=f"related-{len(state.entries()) + 1}",
                stream=not use_llm,
                show_related=True,
                lookup=lookup,
                show_writer=use_llm,
            )
            state.record(question, answer)


def stream_model_answer(
    service: NavigatorService, question: str, with_profile: dict, consent: bool
) -> Answer | None:
    """Show the model's words as they come; the checked final answer then replaces them."""
    preview = st.empty()
    text = ""
    final = None
    for chunk in service.ask_stream(
        question, history=state.history(), use_llm=True, consent=consent, **with_profile
    ):
        if isinstance(chunk, str):
            text += chunk
            preview.markdown(text)
        else:
            final = chunk
    preview.empty()
    return final


main()
