"""Score occupation matching against a labelled profile file (the fit development set format).

A profile passes when one of its expected codes is in the top 3 suggestions and one of the
top 10 is in an expected SOC major group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from ler_navigator.errors import NavigatorError


class FitProfile(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    input: str | list[str]
    codes: dict[str, str]
    majors: list[str]
    kind: str = ""

    @property
    def text(self) -> str:
        return ", ".join(self.input) if isinstance(self.input, list) else self.input


Suggester = Callable[[str, int], list[tuple[str, str]]]  # text, k -> [(code, title)]


@dataclass
class FitReport:
    method: str
    passed: int
    total: int
    loose: int = 0
    rows: list[dict[str, object]] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        return {
            "method": self.method,
            "passed": self.passed,
            "total": self.total,
            "pass_rate": round(self.passed / max(1, self.total), 4),
            "any_code_in_top10": self.loose,
        }


def _kind(profile_id: str) -> str:
    number = int(profile_id.lstrip("p") or 0)
    groups = ["tasks", "credentials", "military", "career_change", "chatty"]
    return groups[min(4, (number - 1) // 8)] if number else ""


def load_profiles(path: Path) -> list[FitProfile]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        profiles = []
        for raw in data["profiles"]:
            codes: dict[str, str] = {}
            majors: list[str] = []
            for requirement in raw["must_include"]:
                codes.update(requirement.get("any_of_codes", {}))
                majors.extend(requirement.get("soc_major", []))
            profiles.append(
                FitProfile(
                    id=raw["id"],
                    input=raw["input"],
                    codes=codes,
                    majors=majors,
                    kind=_kind(raw["id"]),
                )
            )
        return profiles
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise NavigatorError(f"Cannot read the profile file {path}: {exc}") from exc


def evaluate_fit(method: str, suggest: Suggester, profiles: Sequence[FitProfile]) -> FitReport:
    report = FitReport(method=method, passed=0, total=len(profiles))
    for profile in profiles:
        suggestions = suggest(profile.text, 10)
        codes = [c for c, _ in suggestions]
        titles = [t for _, t in suggestions]
        expected_titles = set(profile.codes.values())
        top3 = any(
            c in profile.codes or t in expected_titles
            for c, t in zip(codes[:3], titles[:3], strict=False)
        )
        major = any(c[:2] in profile.majors for c in codes[:10])
        ok = top3 and major
        report.passed += ok
        report.loose += any(c in profile.codes for c in codes[:10])
        report.rows.append(
            {"id": profile.id, "kind": profile.kind, "passed": ok, "top3": titles[:3]}
        )
    return report
