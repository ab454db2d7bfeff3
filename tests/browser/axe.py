"""Accessibility checks with axe-core (the npm package, installed by ``npm ci``) in a live page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as it is now (WCAG 2.x A and AA rules and more)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations that stop a keyboard or screen-reader user: serious and critical ones."""
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per rule with the first few offending elements, for a failure message."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['impact']}: {violation['id']} ({violation['help']}) "
            f"x{len(violation['nodes'])}: {'; '.join(targets)}"
        )
    return "\n".join(lines)
