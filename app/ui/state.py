"""What the chat keeps between reruns: settings, the shared service and the conversation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.ui import workspace
from ler_navigator.errors import ConfigError
from ler_navigator.models.chat import Answer, Turn
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

ENV_PREFIX = "LER_NAV_"
SECRETS_SECTION = "ler_navigator"

TOP_K_KEY = "top_k"

# A message on screen; it lives in the workspace, where each learner has their own conversation.
ChatEntry = workspace.ChatEntry


# ---------------------------------------------------------------- settings
def secrets_overrides(secrets: Mapping[str, Any]) -> dict[str, Any]:
    """Settings fields found in Streamlit secrets.

    Accepts top-level ``LER_NAV_<FIELD>`` keys and a ``[ler_navigator]`` table of plain field
    names; keys that are not settings fields are left alone (secrets may hold other apps' keys).
    """
    fields = Settings.model_fields
    found: dict[str, Any] = {}
    for key, value in secrets.items():
        if key.upper().startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX) :].lower()
            if name in fields:
                found[name] = value
    section = secrets.get(SECRETS_SECTION)
    if isinstance(section, Mapping):
        found.update({k: v for k, v in section.items() if k in fields})
    return found


def read_secrets() -> dict[str, Any]:
    """Streamlit secrets as a plain dict; empty when no secrets.toml exists."""
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def load_settings(secrets: Mapping[str, Any] | None = None) -> Settings:
    """Settings from ``LER_NAV_*`` environment variables, with Streamlit secrets on top."""
    try:
        return Settings(**secrets_overrides(secrets or {}))
    except ValidationError as exc:
        names = sorted({f"{ENV_PREFIX}{str(err['loc'][0]).upper()}" for err in exc.errors()})
        raise ConfigError(
            f"Some settings have values I cannot use: {', '.join(names)}.",
            hint="See docs/configuration.md for the accepted values.",
        ) from exc


def _settings_key(settings: Settings) -> str:
    # Secrets are masked in a JSON dump; put their values in so a changed key is a new service.
    secret = settings.llm_api_key.get_secret_value() if settings.llm_api_key else ""
    return settings.model_dump_json() + secret


# ---------------------------------------------------------------- service
@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs={Settings: _settings_key})
def get_service(settings: Settings) -> NavigatorService:
    """One service per distinct settings, shared by every browser session of this process."""
    return NavigatorService(settings)


# ---------------------------------------------------------------- conversation
def init_session() -> None:
    """Give a new browser session a workspace with one learner and an empty conversation."""
    workspace.init_workspace(st.session_state)


def learner() -> workspace.Learner:
    """The learner on screen: their records, choices, notes and conversation."""
    return workspace.active(st.session_state)


def entries() -> list[ChatEntry]:
    """The active learner's conversation so far, oldest first."""
    return learner()[workspace.ENTRIES_KEY]


def history() -> list[Turn]:
    """The conversation as the service reads it."""
    return [entry.turn for entry in entries()]


def record(question: str, answer: Answer) -> None:
    """Append a question and its answer to the active learner's conversation."""
    entries().append(ChatEntry(Turn(role="user", text=question)))
    entries().append(ChatEntry(answer.turn, answer))


def clear_conversation() -> None:
    """Forget the active learner's conversation (the service and its index stay)."""
    learner()[workspace.ENTRIES_KEY] = []
    learner()[workspace.PENDING_KEY] = None


def ask_later(question: str) -> Callable[[], None]:
    """A button callback that queues ``question`` for the next run of the script."""

    def queue() -> None:
        learner()[workspace.PENDING_KEY] = question

    return queue


def take_pending() -> str | None:
    """The question queued by a button, if any, removing it from the queue."""
    question = learner().get(workspace.PENDING_KEY)
    learner()[workspace.PENDING_KEY] = None
    return question
