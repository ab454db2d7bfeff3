"""The model's reply read back into an ``Answer``: lead, bullets and numbered citations."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ler_navigator.answer.grounding import citation_markers
from ler_navigator.answer.llm_context import ContextItem
from ler_navigator.models.chat import Answer, Citation


def content_text(content: Any) -> str:
    """The text of a chat message's content, whether a string or a list of blocks."""
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SOURCES_HEADING = re.compile(r"^\s*(?:#+\s*)?\**(?:sources|references)\**\s*:?\s*$", re.I)


def llm_answer(composer_answer: Answer, context: Sequence[ContextItem], text: str) -> Answer | None:
    """The composer's answer with the model's lead, bullets and citations; None when empty."""
    numbers = {item.id: str(n) for n, item in enumerate(context, start=1)}
    text = _numbered(text, numbers)
    lead_lines: list[str] = []
    bullets: list[str] = []
    for line in text.strip().splitlines():
        if _SOURCES_HEADING.match(line):
            break
        if _BULLET.match(line):
            bullets.append(_BULLET.sub("", line).strip())
        elif line.strip() and bullets:
            bullets[-1] += " " + line.strip()
        elif line.strip():
            lead_lines.append(line.strip())
    lead = " ".join(lead_lines) or (bullets.pop(0) if bullets else "")
    if not lead:
        return None
    cited = {int(t) for t in citation_markers(text) if t.isdigit()}
    citations = [
        Citation(number=n, id=item.id, kind=item.kind, title=item.title, url=item.url)
        for n, item in enumerate(context, start=1)
        if n in cited
    ]
    return composer_answer.model_copy(
        update={"lead": lead, "bullets": bullets, "citations": citations, "writer": "llm"}
    )


def _numbered(text: str, numbers: Mapping[str, str]) -> str:
    """Id markers become numbers and ``[1, 2]`` becomes ``[1][2]``, as the composer writes."""

    def replace(match: re.Match[str]) -> str:
        tokens = [t.strip() for t in re.split(r"[,;]", match.group(1))]
        if not all(t.isdigit() or t in numbers for t in tokens):
            return match.group(0)
        return "".join(f"[{numbers.get(t, t)}]" for t in tokens)

    return re.sub(r"\[([^\[\]\n]{1,160})\](?!\()", replace, text)


__all__ = ["content_text", "llm_answer"]
