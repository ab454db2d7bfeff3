"""Prompt templates: versioned Markdown files in ``prompts/``; code only fills them.

A template is ``<name>.<version>.md`` (``system.v1.md``) and uses ``${placeholder}`` fields
(Python's ``string.Template``), so braces in the text need no escaping. Changing a prompt means
adding ``<name>.v2.md`` and switching the version, which keeps old answers explainable.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ler_navigator.errors import ConfigError
from ler_navigator.settings import PACKAGE_ROOT

PROMPTS_DIR = PACKAGE_ROOT / "prompts"
PROMPT_VERSION = "v1"
PROMPT_NAMES = (
    "system",
    "grounded_answer",
    "fit_explanation",
    "followup_rewrite",
    "grounding_retry",
)


@dataclass(frozen=True)
class PromptSet:
    """The templates of one version, read once, filled on demand."""

    version: str
    templates: Mapping[str, str]

    def text(self, name: str) -> str:
        """The raw template ``name`` (for prompts with nothing to fill, like the system one)."""
        try:
            return self.templates[name]
        except KeyError as exc:
            raise ConfigError(f"There is no prompt template named '{name}'.") from exc

    def fill(self, name: str, **values: str) -> str:
        """Template ``name`` with every ``${field}`` replaced; a missing value is an error."""
        try:
            return string.Template(self.text(name)).substitute(values)
        except (KeyError, ValueError) as exc:
            raise ConfigError(
                f"The prompt template '{name}.{self.version}.md' needs a value it was not given "
                f"or has a stray '$' ({exc}).",
                hint="Write a literal dollar sign as '$$' in prompt templates.",
            ) from exc

    def placeholders(self, name: str) -> list[str]:
        """The ``${field}`` names template ``name`` uses, sorted."""
        template = string.Template(self.text(name))
        return sorted(set(template.get_identifiers()))


def load_prompts(directory: Path = PROMPTS_DIR, version: str = PROMPT_VERSION) -> PromptSet:
    """Read every template of ``version`` from ``directory``.

    Raises:
        ConfigError: the folder or one of the templates is missing.
    """
    templates: dict[str, str] = {}
    for name in PROMPT_NAMES:
        path = Path(directory) / f"{name}.{version}.md"
        try:
            templates[name] = path.read_text(encoding="utf-8").strip() + "\n"
        except OSError as exc:
            raise ConfigError(
                f"The prompt template '{path.name}' could not be read from '{directory}'.",
                hint="Run LER Navigator from its checkout, where the 'prompts' folder lives.",
            ) from exc
    return PromptSet(version=version, templates=templates)
