"""Follow-up questions lean on the conversation: "and who issues them?" needs the subject of
the previous turn before retrieval can find anything."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ler_navigator.models.chat import Turn

_OPENERS = re.compile(
    r"^\s*(?:and|but|so|also|what about|how about|then|ok(?:ay)?|and what)\b", re.I
)
_PRONOUNS = re.compile(
    r"\b(?:they|them|their|theirs|it|its|those|these|that one|this one|the (?:first|second|third|"
    r"last|other) one|tell me more|more about|more on|expand on)\b",
    re.I,
)
HISTORY_WINDOW = 6


def is_follow_up(question: str, history: Sequence[Turn]) -> bool:
    """True when ``question`` only makes sense together with the previous turns."""
    if not history:
        return False
    words = question.split()
    if _OPENERS.match(question):
        return True
    return bool(_PRONOUNS.search(question)) and len(words) <= 12


def previous_subject(history: Sequence[Turn]) -> tuple[str | None, list[str]]:
    """The last user question and the item ids of the last answer, within the window."""
    recent = list(history)[-HISTORY_WINDOW:]
    last_question = next((t.text for t in reversed(recent) if t.role == "user"), None)
    last_items = next((t.item_ids for t in reversed(recent) if t.role == "assistant"), [])
    return last_question, list(last_items)


def ordinal_pick(question: str, item_ids: list[str]) -> str | None:
    """'the second one' -> the second item of the previous answer."""
    for word, index in (("first", 0), ("second", 1), ("third", 2), ("fourth", 3), ("last", -1)):
        if re.search(rf"\b{word}\b", question, re.I) and item_ids:
            try:
                return item_ids[index]
            except IndexError:
                return None
    return None
