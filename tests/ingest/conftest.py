"""Shared helpers for the ingestion tests: fixture paths, a fake vocabulary, a CLI app."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
import typer
import yaml

REPO = Path(__file__).resolve().parents[2]
CREDENTIALS = REPO.parent / "shared" / "fixtures" / "credentials"
GOLDEN = REPO / "tests" / "golden" / "ingest"


def expected_entries() -> list[dict[str, object]]:
    """The per-file expectations of the shared credential fixtures (empty when absent)."""
    path = CREDENTIALS / "expected.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []


needs_fixtures = pytest.mark.skipif(
    not CREDENTIALS.exists(), reason="shared credential fixtures are not available"
)


@dataclass(frozen=True)
class FakeMention:
    skill_id: str
    name: str
    matched_text: str
    start: int
    end: int
    method: str
    confidence: float


@dataclass(frozen=True)
class FakeSkill:
    id: str
    name: str


class FakeVocabulary:
    """A tiny vocabulary: whole-word, case-insensitive matches of a few names and aliases."""

    FORMS: ClassVar[dict[str, tuple[str, str]]] = {
        "teamwork": ("skill:teamwork", "Teamwork"),
        "team player": ("skill:teamwork", "Teamwork"),
        "project management": ("skill:project-management", "Project management"),
        "digital marketing": ("skill:digital-marketing", "Digital marketing"),
        "python": ("skill:python", "Python"),
        "welding": ("skill:welding", "Welding"),
        "robotics": ("skill:robotics", "Robotics"),
        "first aid": ("skill:first-aid", "First aid"),
        "vital signs": ("skill:vital-signs", "Vital signs"),
        "human body": ("skill:anatomy", "Anatomy"),
    }

    def extract(self, text: str) -> list[FakeMention]:
        found = []
        for form, (skill_id, name) in self.FORMS.items():
            for match in re.finditer(rf"\b{re.escape(form)}\b", text, re.IGNORECASE):
                found.append(
                    FakeMention(
                        skill_id, name, match.group(), match.start(), match.end(), "exact", 1.0
                    )
                )
        return sorted(found, key=lambda m: (m.start, m.skill_id))

    def from_alignment(
        self,
        target_name: str | None = None,
        target_code: str | None = None,
        target_framework: str | None = None,
    ) -> FakeSkill | None:
        hit = self.FORMS.get((target_name or "").strip().casefold())
        return FakeSkill(*hit) if hit else None


@pytest.fixture
def fake_vocabulary() -> FakeVocabulary:
    return FakeVocabulary()


@pytest.fixture
def cli_app() -> typer.Typer:
    """A local app with only the ingest command (a callback keeps sub-command syntax)."""
    from ler_navigator.cli.ingest_cmd import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app
