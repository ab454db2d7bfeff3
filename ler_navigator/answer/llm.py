"""The optional language-model writer: rephrases the composer's grounded answer, or falls back.

The deterministic composer always writes first; the model then gets the composer's sources
(numbered as the composer numbered them), the composer's draft and what the learner shares,
with personal data removed unless the learner consents. Its reply is kept only when every
citation and every named employer, occupation or program is one of those sources; otherwise it
is asked once more, and then the composer's answer is shown with a short notice. Nothing here
decides facts: no sources means "I don't know", without calling the model at all.
The chat model is built in ``llm_client``, its sources in ``llm_context``, and its reply is
read back into an answer in ``llm_reply``.

Usage::

    writer = make_writer(settings, service.kb)          # None when no model is configured
    answer = service.ask(question, history, profile)    # the composer's answer
    if writer is not None:
        answer = writer.write(question, answer, context_from(answer, service.kb),
                              profile, consent=False, history=history)
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from ler_navigator.answer.followup import is_follow_up
from ler_navigator.answer.grounding import GroundingReport, check_grounding, entity_names
from ler_navigator.answer.llm_client import build_chat_model
from ler_navigator.answer.llm_context import ContextItem, context_from, fence, sources_block
from ler_navigator.answer.llm_reply import content_text, llm_answer
from ler_navigator.answer.prompts import PromptSet, load_prompts
from ler_navigator.answer.redact import personal_values, redact_profile, redact_text
from ler_navigator.errors import LLMUnavailableError
from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.models.chat import Answer, Turn
from ler_navigator.models.ler import LearnerProfile
from ler_navigator.settings import Settings

log = logging.getLogger(__name__)

MAX_TURN_CHARS = 1200
MAX_REWRITE_CHARS = 300
FIT_INTENTS = frozenset({"fit", "gap", "compare", "employers"})

NOTICE_UNREACHABLE = (
    "_The language model could not be reached, so this is the standard answer "
    "from the knowledge base._"
)
NOTICE_UNGROUNDED = (
    "_The language model's answer went beyond the sources it was given, so this is the "
    "standard answer from the knowledge base._"
)


@dataclass
class WriteResult:
    """An answer and how it came about: one grounding report per model reply."""

    answer: Answer
    reports: list[GroundingReport] = field(default_factory=list)
    error: str | None = None
    called: bool = False


class LLMWriter:
    """Writes answers with a chat model, within the sources, or hands back the composer's.

    Args:
        chat_model: any langchain chat model (a fake one in tests).
        prompts: the prompt templates.
        max_history: how many past turns the model sees.
        known_names: the knowledge base's entity names (see ``entity_names``), for grounding.
    """

    def __init__(
        self,
        chat_model: BaseChatModel,
        prompts: PromptSet,
        *,
        max_history: int = 6,
        known_names: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.chat_model = chat_model
        self.prompts = prompts
        self.max_history = max_history
        self.known_names = dict(known_names or {})

    # ------------------------------------------------------------ public
    def write(
        self,
        question: str,
        composer_answer: Answer,
        context: Sequence[ContextItem],
        profile: LearnerProfile | None = None,
        consent: bool = False,
        history: Sequence[Turn] = (),
    ) -> Answer:
        """The model's grounded answer, or the composer's with a notice when that fails."""
        return self.write_with_report(
            question, composer_answer, context, profile, consent, history
        ).answer

    def write_with_report(
        self,
        question: str,
        composer_answer: Answer,
        context: Sequence[ContextItem],
        profile: LearnerProfile | None = None,
        consent: bool = False,
        history: Sequence[Turn] = (),
    ) -> WriteResult:
        """Like ``write``, with the grounding reports (for ``eval grounding``)."""
        if not _answerable(composer_answer, context):
            return WriteResult(composer_answer)
        messages = self.messages(question, composer_answer, context, profile, consent, history)
        try:
            text = self._invoke(messages)
        except LLMUnavailableError as exc:
            return self._fallback(composer_answer, [], str(exc), NOTICE_UNREACHABLE)
        return self._settle(composer_answer, context, messages, text)

    def stream(
        self,
        question: str,
        composer_answer: Answer,
        context: Sequence[ContextItem],
        profile: LearnerProfile | None = None,
        consent: bool = False,
        history: Sequence[Turn] = (),
    ) -> Iterator[str | Answer]:
        """Text chunks as the model writes them, then the final ``Answer``.

        The chunks are a preview: the final answer replaces them, and may be the composer's
        when the streamed text turns out not to be grounded.
        """
        if not _answerable(composer_answer, context):
            yield composer_answer
            return
        messages = self.messages(question, composer_answer, context, profile, consent, history)
        pieces: list[str] = []
        try:
            for chunk in self.chat_model.stream(messages):
                piece = content_text(chunk.content)
                if piece:
                    pieces.append(piece)
                    yield piece
        except Exception as exc:  # any provider failure ends in the composer's answer
            log.warning("Language model stream failed: %s", exc)
            yield self._fallback(composer_answer, [], str(exc), NOTICE_UNREACHABLE).answer
            return
        yield self._settle(composer_answer, context, messages, "".join(pieces)).answer

    def rewrite(
        self,
        question: str,
        history: Sequence[Turn],
        profile: LearnerProfile | None = None,
        consent: bool = False,
    ) -> str:
        """A follow-up rewritten as a standalone search query; the question itself otherwise."""
        if not is_follow_up(question, history):
            return question
        known = [] if consent else personal_values(profile)
        lines = [
            f"{'Learner' if t.role == 'user' else 'Assistant'}: "
            + _clip(_without_markers(_scrub(t.text, known, consent)))
            for t in list(history)[-self.max_history :]
        ]
        prompt = self.prompts.fill(
            "followup_rewrite",
            history=fence("\n".join(lines)),
            question=fence(_scrub(question, known, consent)),
        )
        try:
            text = self._invoke([HumanMessage(prompt)])
        except LLMUnavailableError:
            return question
        first = next((line for line in text.splitlines() if line.strip()), "")
        rewritten = first.strip().strip("\"'“”").strip()
        if not rewritten or len(rewritten) > MAX_REWRITE_CHARS:
            return question
        return rewritten

    def messages(
        self,
        question: str,
        composer_answer: Answer,
        context: Sequence[ContextItem],
        profile: LearnerProfile | None,
        consent: bool,
        history: Sequence[Turn] = (),
    ) -> list[BaseMessage]:
        """The exact messages sent to the model (public so tests can read them)."""
        known = [] if consent else personal_values(profile)
        template = (
            "fit_explanation"
            if composer_answer.intent in FIT_INTENTS or composer_answer.fits
            else "grounded_answer"
        )
        learner = redact_profile(profile, consent)
        user = self.prompts.fill(
            template,
            question=fence(_scrub(question, known, consent)),
            sources=sources_block(context),
            draft=fence(_scrub(composer_answer.markdown, known, consent)),
            learner=fence(
                json.dumps(learner, ensure_ascii=False, indent=1) if learner else "(nothing shared)"
            ),
        )
        past: list[BaseMessage] = []
        for turn in list(history)[-self.max_history :] if self.max_history > 0 else []:
            text = _clip(_without_markers(_scrub(turn.text, known, consent)))
            past.append(HumanMessage(text) if turn.role == "user" else AIMessage(text))
        return [SystemMessage(self.prompts.text("system")), *past, HumanMessage(user)]

    # ------------------------------------------------------------ internals
    def _invoke(self, messages: Sequence[BaseMessage]) -> str:
        try:
            reply = self.chat_model.invoke(list(messages))
        except Exception as exc:  # providers raise their own types; one place translates them
            log.warning("Language model call failed: %s", exc)
            raise LLMUnavailableError(
                "The language model could not answer.",
                hint="Check that the model server is running and the settings name it.",
            ) from exc
        return content_text(reply.content)

    def _settle(
        self,
        composer_answer: Answer,
        context: Sequence[ContextItem],
        messages: list[BaseMessage],
        text: str,
    ) -> WriteResult:
        allowed_ids, allowed_names = self.allowed(context)
        report = check_grounding(text, allowed_ids, allowed_names, self.known_names)
        reports = [report]
        if not report.ok:
            numbers = ", ".join(f"[{n}]" for n in range(1, len(context) + 1))
            retry = self.prompts.fill(
                "grounding_retry", problems="\n".join(report.problems()), numbers=numbers
            )
            try:
                text = self._invoke([*messages, AIMessage(text), HumanMessage(retry)])
            except LLMUnavailableError as exc:
                return self._fallback(composer_answer, reports, str(exc), NOTICE_UNREACHABLE)
            report = check_grounding(text, allowed_ids, allowed_names, self.known_names)
            reports.append(report)
            if not report.ok:
                log.warning("Language model answer not grounded: %s", report.problems())
                return self._fallback(composer_answer, reports, None, NOTICE_UNGROUNDED)
        answer = llm_answer(composer_answer, context, text)
        if answer is None:
            return self._fallback(composer_answer, reports, "empty reply", NOTICE_UNGROUNDED)
        return WriteResult(answer, reports, None, called=True)

    def allowed(self, context: Sequence[ContextItem]) -> tuple[set[str], list[str]]:
        """The citation tokens and the names an answer from ``context`` may use."""
        ids = {str(n) for n in range(1, len(context) + 1)} | {c.id for c in context}
        names = [n for c in context for n in (c.title, *c.names)]
        # A name mentioned inside a source (a credential's issuer, say) is fair to repeat.
        body = " ".join(c.text for c in context)
        names += [n for n in self.known_names if n in body]
        return ids, sorted(set(names))

    @staticmethod
    def _fallback(
        composer_answer: Answer,
        reports: list[GroundingReport],
        error: str | None,
        notice: str,
    ) -> WriteResult:
        answer = composer_answer.model_copy(
            update={"lead": f"{notice}\n\n{composer_answer.lead}", "writer": "composer"}
        )
        return WriteResult(answer, reports, error, called=True)


def make_writer(settings: Settings, kb: KnowledgeBase) -> LLMWriter | None:
    """The writer for the configured model, or None when no model is configured.

    Raises:
        LLMUnavailableError: the model settings are invalid (see ``build_chat_model``).
    """
    chat_model = build_chat_model(settings)
    if chat_model is None:
        return None
    return LLMWriter(chat_model, load_prompts(), known_names=entity_names(kb.items.values()))


# ---------------------------------------------------------------- helpers
def _answerable(answer: Answer, context: Sequence[ContextItem]) -> bool:
    # Nothing retrieved (or a greeting, or a request for skills): the composer's words stand
    # and the model is never called.
    return bool(answer.known and answer.citations and context)


def _scrub(text: str, known: Sequence[str], consent: bool) -> str:
    return text if consent else redact_text(text, known)


def _clip(text: str, limit: int = MAX_TURN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _without_markers(text: str) -> str:
    # Old answers' numbers mean other sources; keeping them invites wrong citations.
    return re.sub(r"\s?\[\d{1,3}(?:,\s*\d{1,3})*\]", "", text)


__all__ = [
    "ContextItem",
    "LLMWriter",
    "WriteResult",
    "build_chat_model",
    "context_from",
    "make_writer",
]
