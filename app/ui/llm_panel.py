"""The "use an AI model" settings: off by default, and clear about what would be sent."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

USE_KEY = "use_llm"
CONSENT_KEY = "llm_consent"

SENT_WITHOUT_CONSENT = (
    "Your question, the knowledge-base sources found for it, and the skills and achievement "
    "titles you chose to share — with names, emails, phone numbers, addresses, ids and birth "
    "dates removed."
)
SENT_WITH_CONSENT = "Also your employment, education and the other details in your shared records."
PRIVACY_NOTE = (
    "Nothing is sent unless you turn this on. The model may only use the sources shown; "
    "when it strays or fails, the built-in composer answers instead."
)


def render_llm_settings(status: Mapping[str, object]) -> tuple[bool, bool]:
    """Draw the model settings in the sidebar; returns (use the model, share personal details)."""
    with st.expander("AI model (optional)"):
        configured = bool(status.get("configured"))
        problem = status.get("problem")
        if problem:
            st.warning(str(problem))
        elif not configured:
            st.caption(
                "No language model is configured, so the built-in composer writes every "
                "answer. Set LER_NAV_LLM_PROVIDER and LER_NAV_LLM_MODEL to offer one."
            )
        use = st.toggle(
            "Use an AI model",
            key=USE_KEY,
            value=False,
            disabled=not configured,
            help="Let a language model word answers from the same sources.",
        )
        consent = False
        if configured:
            st.caption(f"Model: {status.get('provider')} · {status.get('model')}")
        if use and configured:
            consent = st.checkbox(
                "Also share my employment, education and personal details with the model",
                key=CONSENT_KEY,
                value=False,
            )
            st.markdown("**What is sent:** " + SENT_WITHOUT_CONSENT)
            if consent:
                st.markdown(SENT_WITH_CONSENT)
        st.caption(PRIVACY_NOTE)
    return use and configured, consent


def writer_caption(writer: str) -> str:
    return (
        "Written by the AI model from the sources below."
        if writer == "llm"
        else "Written by the built-in composer from the sources below."
    )
