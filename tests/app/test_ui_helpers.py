"""Pure helpers of the chat: marker links, chunking and the secrets mapping."""

from __future__ import annotations

import pytest

from app.ui.render import chunk_text, link_markers
from app.ui.state import load_settings, secrets_overrides
from ler_navigator.errors import ConfigError
from ler_navigator.models.chat import Citation


def _citation(number: int, url: str) -> Citation:
    return Citation(number=number, id=f"term:t{number}", kind="glossary_term", title="T", url=url)


def test_markers_with_a_citation_become_links():
    text = "A CLR holds records [1]. Wallets keep them [2]. Unknown [3]."
    linked = link_markers(text, [_citation(1, "https://a.example"), _citation(2, "https://b")])
    assert linked == (
        "A CLR holds records [[1]](https://a.example). Wallets keep them [[2]](https://b). "
        "Unknown [3]."
    )


def test_existing_links_are_left_alone():
    text = "See [1](https://x.example) and [1]."
    assert link_markers(text, [_citation(1, "https://a")]) == (
        "See [1](https://x.example) and [[1]](https://a)."
    )


@pytest.mark.parametrize(
    "text", ["", "one", "a b c d e f g", "lead [1]\n\n- bullet one\n- bullet two  \n", "  x  "]
)
def test_chunks_join_back_to_the_text(text: str):
    assert "".join(chunk_text(text)) == text


def test_chunks_are_a_few_words_each():
    assert list(chunk_text("a b c d e f g", words=3)) == ["a b c ", "d e f ", "g"]


def test_secrets_map_onto_settings_fields():
    secrets = {
        "LER_NAV_TOP_K": 4,
        "ler_navigator": {"debug": True, "not_a_field": 1},
        "OTHER_APP_KEY": "x",
    }
    assert secrets_overrides(secrets) == {"top_k": 4, "debug": True}


def test_secrets_override_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LER_NAV_TOP_K", "5")
    assert load_settings({}).top_k == 5
    assert load_settings({"ler_navigator": {"top_k": 6}}).top_k == 6


def test_invalid_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LER_NAV_TOP_K", "0")
    with pytest.raises(ConfigError, match="LER_NAV_TOP_K"):
        load_settings({})
