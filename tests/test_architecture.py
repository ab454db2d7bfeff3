"""Dependency direction: the core never pulls in the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(result.stdout.split())


def test_core_does_not_import_streamlit_or_the_app():
    loaded = _modules_after("import ler_navigator, ler_navigator.service")
    assert "ler_navigator.service" in loaded
    assert "streamlit" not in loaded
    assert not {m for m in loaded if m == "app" or m.startswith("app.")}


def test_core_sources_never_import_the_app():
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "ler_navigator").rglob("*.py"))
        if any(
            line.strip().startswith(
                ("import app", "from app", "import streamlit", "from streamlit")
            )
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
