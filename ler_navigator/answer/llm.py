"""The optional language-model writer: rephrases the composer's grounded answer, or falls back.

The deterministic composer always writes first; the model then gets the composer's sources
(numbered as the composer numbered them), the composer's draft and what the learner shares,
with personal data removed unless the learner consents. Its reply is kept only when every
citation and every named employer, occupation or program is one of those sources; otherwise it
is asked once more, and then the composer's answer is shown with a short notice. Nothing here
decides facts: no sources means "I don't know", without calling the model at all.

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
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from ler_navigator.answer.followup import is_follow_up
from ler_navigator.answer.grounding import (
    GroundingReport,
    check_grounding,
    citation_markers,
    entity_names,
)
from ler_navigator.answer.prompts import PromptSet, load_prompts
from ler_navigator.answer.redact import personal_values, redact_profile, redact_text
from ler_navigator.errors import LLMUnavailableError
from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.models.chat import Answer, Citation, SearchHit, Turn
from ler_navigator.models.knowledge import (
    CredentialProgram,
    Employer,
    KnowledgeItem,
    Occupation,
    Resource,
)
from ler_navigator.models.ler import LearnerProfile
from ler_navigator.settings import Settings

log = logging.getLogger(__name__)

PROVIDERS = {
    "openai": "langchain-openai",
    "anthropic": "langchain-anthropic",
    "ollama": "langchain-ollama",
}
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_RETRIES = 2
# An OpenAI-compatible server of one's own (vLLM, Ollama) usually takes any key; the client
# refuses to start without one.
LOCAL_SERVER_KEY = "not-needed"
MAX_SOURCE_CHARS = 1500
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


# ---------------------------------------------------------------- the chat model
def build_chat_model(
    settings: Settings, *, timeout: float | None = None, max_retries: int | None = None
) -> BaseChatModel | None:
    """The chat model the settings name, at temperature 0; None when no provider is set.

    Timeout and retries come from ``llm_timeout`` and ``llm_max_retries`` when the settings
    have them (else 30 s and 2), or from the arguments.

    Raises:
        LLMUnavailableError: the provider is unknown, the model or the key is missing, or the
            provider's package is not installed.
    """
    provider = (settings.llm_provider or "").strip().lower()
    if not provider:
        return None
    if provider not in PROVIDERS:
        raise LLMUnavailableError(
            f"The language model provider '{settings.llm_provider}' is not supported.",
            hint="Set LER_NAV_LLM_PROVIDER to openai, anthropic or ollama "
            "(openai with LER_NAV_LLM_BASE_URL reaches any OpenAI-compatible server).",
        )
    model = (settings.llm_model or "").strip()
    if not model:
        raise LLMUnavailableError(
            "No language model is named.",
            hint="Set LER_NAV_LLM_MODEL, for example gpt-4o-mini or llama3.1.",
        )
    timeout = timeout if timeout is not None else getattr(settings, "llm_timeout", None)
    retries = max_retries if max_retries is not None else getattr(settings, "llm_max_retries", None)
    kwargs = _provider_kwargs(
        provider,
        settings,
        DEFAULT_TIMEOUT_S if timeout is None else float(timeout),
        DEFAULT_MAX_RETRIES if retries is None else int(retries),
    )
    try:
        from langchain.chat_models import init_chat_model

        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as exc:
        raise LLMUnavailableError(
            f"The '{provider}' language model provider needs the package {PROVIDERS[provider]}, "
            "which is not installed.",
            hint="Install the optional providers with `uv sync --extra providers`.",
        ) from exc
    except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        raise LLMUnavailableError(
            f"The language model settings are not valid for '{provider}': {exc}",
            hint="Check LER_NAV_LLM_MODEL, LER_NAV_LLM_BASE_URL and LER_NAV_LLM_API_KEY.",
        ) from exc


def _provider_kwargs(
    provider: str, settings: Settings, timeout: float, retries: int
) -> dict[str, Any]:
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    base_url = settings.llm_base_url or None
    kwargs: dict[str, Any] = {"temperature": 0}
    if provider == "ollama":
        # Ollama runs locally: no key; its client takes the timeout directly.
        kwargs.update(seed=settings.seed, client_kwargs={"timeout": timeout})
        if base_url:
            kwargs["base_url"] = base_url
        return kwargs
    if not key and not (provider == "openai" and base_url):
        raise LLMUnavailableError(
            f"No API key found for the '{provider}' language model.",
            hint="Set LER_NAV_LLM_API_KEY or add it to .streamlit/secrets.toml.",
        )
    kwargs.update(api_key=key or LOCAL_SERVER_KEY, timeout=timeout, max_retries=retries)
    if base_url:
        kwargs["base_url"] = base_url
    if provider == "openai":
        kwargs["seed"] = settings.seed
    return kwargs


# ---------------------------------------------------------------- context
@dataclass(frozen=True)
class ContextItem:
    """One source the model may cite; its number is its position in the context (from 1)."""

    id: str
    kind: str
    title: str
    url: str
    text: str
    names: tuple[str, ...] = ()


def context_from(
    answer: Answer, kb: KnowledgeBase, hits: Sequence[SearchHit] = ()
) -> list[ContextItem]:
    """The composer's citations (same numbers) and then any other retrieved items, as sources."""
    fits = {f.id: f for f in answer.fits}
    employer_fits = {e.id: e for e in answer.employer_fits}
    items: list[ContextItem] = []
    seen: set[str] = set()
    for citation in sorted(answer.citations, key=lambda c: c.number):
        item = kb.get(citation.id)
        text = _item_text(item) if item else ""
        if citation.id in fits:
            text += "\n" + _fit_text(fits[citation.id])
        if citation.id in employer_fits:
            e = employer_fits[citation.id]
            text += f"\nMatch result: fit {e.score:.0f}/100; shared skills: "
            text += ", ".join(e.matched_skills) or "none"
        items.append(
            ContextItem(
                citation.id,
                citation.kind,
                citation.title,
                citation.url,
                text.strip(),
                _names_of(item, citation.title),
            )
        )
        seen.add(citation.id)
    for hit in hits:
        item = kb.get(hit.parent_id)
        if item is None or item.id in seen:
            continue
        seen.add(item.id)
        items.append(
            ContextItem(
                item.id, item.kind, item.name, item.cite_url, _item_text(item), _names_of(item)
            )
        )
    return items


def _names_of(item: KnowledgeItem | None, title: str | None = None) -> tuple[str, ...]:
    names = [title] if title else []
    if item is not None:
        names += [item.name, *item.aliases]
        if isinstance(item, Occupation):
            names += item.alternate_titles
    return tuple(dict.fromkeys(n for n in names if n))


def _item_text(item: KnowledgeItem) -> str:
    facts: list[str] = []
    if isinstance(item, Occupation):
        facts.append(f"SOC code {item.soc_code}; typical education: {item.typical_education}.")
    elif isinstance(item, CredentialProgram):
        facts.append(f"Issued by {item.issuer} ({item.credential_type}).")
        if item.duration:
            facts.append(f"Typical duration: {item.duration}.")
    elif isinstance(item, Employer):
        facts.append(item.practice)
        if item.degree_optional:
            facts.append("Some roles do not require a degree.")
    elif isinstance(item, Resource):
        facts.append(f"By {item.author}" + (f", {item.year}." if item.year else "."))
    text = " ".join([item.body, *facts]).strip()
    return text[:MAX_SOURCE_CHARS]


def _fit_text(fit: Any) -> str:
    matched = ", ".join(f"{m.name} (+{m.points:.1f})" for m in fit.matched[:8]) or "none yet"
    missing = ", ".join(f"{m.name} (worth {m.points:.1f})" for m in fit.missing[:8]) or "nothing"
    lines = [
        f"Match result: fit {fit.score:.0f}/100.",
        f"Skills the learner has: {matched}.",
        f"Skills missing: {missing}.",
    ]
    for step in fit.next_steps[:2]:
        lines.append(f"Next step: {step.name} from {step.issuer} (+{step.gain:.0f} points).")
    if fit.needs_degree:
        lines.append("Usually needs a bachelor's degree.")
    return "\n".join(lines)


# ---------------------------------------------------------------- the writer
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
                piece = _content_text(chunk.content)
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
            history=_fence("\n".join(lines)),
            question=_fence(_scrub(question, known, consent)),
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
            question=_fence(_scrub(question, known, consent)),
            sources=_sources_block(context),
            draft=_fence(_scrub(composer_answer.markdown, known, consent)),
            learner=_fence(
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
        return _content_text(reply.content)

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
        answer = _llm_answer(composer_answer, context, text)
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


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def _fence(text: str) -> str:
    # Data may not close (or open) the tags that fence it, whatever it says.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _scrub(text: str, known: Sequence[str], consent: bool) -> str:
    return text if consent else redact_text(text, known)


def _clip(text: str, limit: int = MAX_TURN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _without_markers(text: str) -> str:
    # Old answers' numbers mean other sources; keeping them invites wrong citations.
    return re.sub(r"\s?\[\d{1,3}(?:,\s*\d{1,3})*\]", "", text)


def _sources_block(context: Sequence[ContextItem]) -> str:
    blocks = []
    for number, item in enumerate(context, start=1):
        blocks.append(
            f'<source number="{number}" id="{_fence(item.id)}" kind="{item.kind}" '
            f'title="{_fence(item.title)}">\n{_fence(item.text)}\n</source>'
        )
    return "\n\n".join(blocks)


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SOURCES_HEADING = re.compile(r"^\s*(?:#+\s*)?\**(?:sources|references)\**\s*:?\s*$", re.I)


def _llm_answer(
    composer_answer: Answer, context: Sequence[ContextItem], text: str
) -> Answer | None:
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


__all__ = [
    "ContextItem",
    "LLMWriter",
    "WriteResult",
    "build_chat_model",
    "context_from",
    "make_writer",
]
