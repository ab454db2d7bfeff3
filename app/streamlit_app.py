"""LER Navigator chat. Start it with ``make run`` or ``streamlit run app/streamlit_app.py``."""

from __future__ import annotations

import sys
from pathlib import Path

# Streamlit puts only this file's folder on sys.path; the repository root makes `app.ui`
# importable however the script is started.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from app.ui import render, state  # noqa: E402
from ler_navigator.errors import NavigatorError  # noqa: E402

CHAT_PLACEHOLDER = "Ask about LERs, credentials or skills-based hiring"


def main() -> None:
    """Draw the chat for one run of the script."""
    st.set_page_config(page_title="LER Navigator", page_icon=":material/explore:")
    st.title("LER Navigator")
    st.caption("Questions about Learning and Employment Records, answered with sources.")
    state.init_session()

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
    render.render_sidebar(status, service.data_sources(), settings.top_k)
    if status is None:
        return

    pending = state.take_pending()
    question = st.chat_input(CHAT_PLACEHOLDER) or pending
    render.render_history(state.entries(), show_last_related=not question)
    if not question:
        if not state.entries():
            render.render_examples(service.example_questions())
        return

    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        with st.spinner("Searching the knowledge base…"):
            answer = render.run_guarded(
                lambda: service.ask(question, history=state.history()), debug=settings.debug
            )
        if answer is not None:
            render.render_answer(
                answer, key=f"related-{len(state.entries()) + 1}", stream=True, show_related=True
            )
            state.record(question, answer)


main()
