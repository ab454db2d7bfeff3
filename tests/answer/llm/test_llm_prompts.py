"""Prompt templates live in prompts/, are versioned, and are only filled by code."""

from __future__ import annotations

import pytest

from ler_navigator.answer.prompts import PROMPT_NAMES, PROMPTS_DIR, load_prompts
from ler_navigator.errors import ConfigError


def test_every_template_of_v1_is_in_the_prompts_folder():
    assert PROMPTS_DIR.name == "prompts"
    for name in PROMPT_NAMES:
        assert (PROMPTS_DIR / f"{name}.v1.md").is_file()


def test_templates_name_the_fields_code_fills(prompts):
    assert prompts.version == "v1"
    assert prompts.placeholders("system") == []
    for name in ("grounded_answer", "fit_explanation"):
        assert prompts.placeholders(name) == ["draft", "learner", "question", "sources"]
    assert prompts.placeholders("followup_rewrite") == ["history", "question"]
    assert prompts.placeholders("grounding_retry") == ["numbers", "problems"]


def test_fill_replaces_fields_and_leaves_braces_alone(prompts):
    text = prompts.fill("grounded_answer", question="{q}", sources="S", draft="D", learner="L")
    assert "<question>\n{q}\n</question>" in text
    assert "${" not in text


def test_a_missing_value_is_a_config_error(prompts):
    with pytest.raises(ConfigError, match="needs a value"):
        prompts.fill("grounded_answer", question="q")


def test_a_missing_template_is_a_config_error(tmp_path):
    (tmp_path / "system.v1.md").write_text("Be helpful.", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"grounded_answer\.v1\.md"):
        load_prompts(tmp_path)
    with pytest.raises(ConfigError, match="no prompt template named"):
        load_prompts().text("nonexistent")
