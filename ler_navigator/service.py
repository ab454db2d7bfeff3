"""``NavigatorService``: the one object the Streamlit app and the CLI talk to."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ler_navigator.answer.career_intents import (
    CareerIntent,
    detect_career_intent,
    learner_words,
)
from ler_navigator.answer.composer import compose, compose_greeting, compose_unknown
from ler_navigator.answer.fit_composer import (
    compose_compare,
    compose_employers,
    compose_fit,
    compose_gap,
    compose_need_profile,
)
from ler_navigator.answer.followup import (
    HISTORY_WINDOW,
    is_follow_up,
    ordinal_pick,
    previous_subject,
)
from ler_navigator.answer.intents import detect_intent
from ler_navigator.answer.llm import LLMWriter, context_from, make_writer
from ler_navigator.errors import LLMUnavailableError, NavigatorError, RetrievalError
from ler_navigator.evaluation.retrieval import normalize_name
from ler_navigator.index.embedder import Embedder, make_embedder
from ler_navigator.index.hybrid import HybridIndex, Progress, ScoredDocument
from ler_navigator.index.manager import open_index
from ler_navigator.index.store import ChromaStore, VectorStore
from ler_navigator.ingest.profile import profile_from, profile_from_text, profile_from_typed_skills
from ler_navigator.ingest.registry import error_of, parse_bytes
from ler_navigator.kb.importers.overlay import load_with_overlays, overlay_dir
from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.matching.evidence import profile_signals, trust_weight
from ler_navigator.matching.fit import Matcher, SkillNeighbours
from ler_navigator.matching.learner_words import LearnerWords
from ler_navigator.matching.text_evidence import TextEvidence, TextEvidenceFinder
from ler_navigator.models.chat import Answer, SearchHit, Turn
from ler_navigator.models.fit import EmployerFit, MatchResult, OccupationFit, SkillSignal
from ler_navigator.models.index import DataSource, IndexStatus
from ler_navigator.models.knowledge import (
    CAREER_KINDS,
    CredentialProgram,
    Employer,
    MilitaryOccupation,
    Occupation,
)
from ler_navigator.models.ler import LearnerProfile
from ler_navigator.models.records import UploadedRecord
from ler_navigator.settings import Settings
from ler_navigator.skills.vocabulary import SkillVocabulary
from ler_navigator.verify.baked import parse_bytes_payload
from ler_navigator.verify.trust import apply_verification
from ler_navigator.verify.verifier import Verifier

EXAMPLE_QUESTIONS = (
    "What is a Learning and Employment Record?",
    "What is the difference between a badge and a micro-credential?",
    "What do employers do to adopt LERs?",
    "How do I share my credentials with an employer?",
    "Which resources cover skills-based hiring?",
    "Which organizations work on LER standards?",
)

DATA_SOURCES = (
    DataSource(
        name="LER Ecosystem Map v2 (Digital Credentials Consortium et al.)",
        url="https://github.com/digitalcredentials/ler-ecosystem-map-v2",
        license="CC0 1.0",
        note="Stakeholder groups, action areas, principles, glossary and resources; "
        "descriptions rewritten in our own words.",
    ),
    DataSource(
        name="O*NET 29.3 Database (U.S. Department of Labor, Employment and Training "
        "Administration)",
        url="https://www.onetcenter.org/database.html",
        license="CC BY 4.0",
        note="Skill and knowledge names and element ids in the skills vocabulary.",
    ),
    DataSource(
        name="Public pages of the organizations, initiatives, specifications and reports cited",
        url="https://lermap.t3networkhub.org/resources",
        license="facts only",
        note="Each knowledge item links to the page its facts come from.",
    ),
)

# Intents whose answers are made of one kind of item; retrieval is narrowed to those first.
INTENT_KINDS: dict[str, tuple[str, ...]] = {
    "resources": ("resource",),
    "organizations": ("organization", "initiative"),
}


class NavigatorService:
    """Loads the knowledge base, keeps the search index, and answers questions.

    Args:
        settings: the configuration; the service never reads the environment itself.
        embedder: optional embedder (default: the one named in settings).
        store: optional vector store (default: Chroma, embedded or server per settings).
        kb: optional knowledge base (default: loaded from ``settings.knowledge_dir``).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        store: VectorStore | None = None,
        kb: KnowledgeBase | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        llm: LLMWriter | None = None,
    ) -> None:
        self.settings = settings
        self._llm = llm
        self._llm_checked = llm is not None
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._verifier: Verifier | None = None
        self._embedder = embedder
        self._store = store
        self._kb = kb
        self._index: HybridIndex | None = None
        self._careers: HybridIndex | None = None
        self._status: IndexStatus | None = None
        self._matcher: Matcher | None = None
        self._learner_words: LearnerWords | None = None
        self._vocabulary: SkillVocabulary | None = None
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- set-up
    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            # Imports (LER Ecosystem Map, CTDL) live in the data folder and overlay the curated
            # knowledge; the index checksum covers them, so an import triggers a rebuild.
            self._kb = load_with_overlays(
                self.settings.knowledge_dir, overlay_dir(self.settings.data_dir)
            )
        return self._kb

    def _make_store(self) -> VectorStore:
        if self.settings.chroma_host:
            return ChromaStore(host=self.settings.chroma_host, port=self.settings.chroma_port)
        return ChromaStore(self.settings.data_dir / "chroma")

    def ensure_index(self, progress: Progress | None = None, *, force: bool = False) -> IndexStatus:
        """Open the search index, building it when the corpus or embedder changed."""
        with self._lock:
            if self._index is not None and self._status is not None and not force:
                if progress:
                    progress(1.0, "Index ready")
                return self._status
            if self._embedder is None:
                self._embedder = make_embedder(self.settings)
            if self._store is None:
                self._store = self._make_store()
            self._index, self._status = open_index(
                self.kb,
                self._embedder,
                self._store,
                self.settings.data_dir,
                progress=progress,
                force=force,
            )
            if any(item.kind in CAREER_KINDS for item in self.kb.items.values()):
                self._careers, _ = open_index(
                    self.kb,
                    self._embedder,
                    self._store,
                    self.settings.data_dir,
                    kinds=CAREER_KINDS,
                    prefix="career_",
                    force=force,
                )
            return self._status

    def index_status(self) -> IndexStatus:
        return self.ensure_index()

    @property
    def index(self) -> HybridIndex:
        self.ensure_index()
        assert self._index is not None
        return self._index

    def example_questions(self) -> list[str]:
        return list(EXAMPLE_QUESTIONS)

    def data_sources(self) -> list[DataSource]:
        return list(DATA_SOURCES)

    # ---------------------------------------------------------------- search
    def search(
        self,
        query: str,
        k: int = 5,
        *,
        kinds: Sequence[str] | None = None,
        stakeholder: str | None = None,
        min_score: float = 0.0,
    ) -> list[SearchHit]:
        """Ranked hits for ``query`` (same corpus + same query → same ids, always)."""
        if k <= 0:
            raise RetrievalError("The number of results must be at least 1.")
        scored = self.index.search(
            query, k, kinds=kinds, stakeholder=stakeholder, min_score=min_score
        )
        return [_to_hit(s) for s in scored]

    # ---------------------------------------------------------------- learner records
    @property
    def verifier(self) -> Verifier:
        if self._verifier is None:
            self._verifier = Verifier.from_settings(self.settings, self._clock)
        return self._verifier

    def read_upload(self, data: bytes, filename: str) -> UploadedRecord:
        """Read and verify one upload. Bad input becomes a record with a learner-safe error."""
        digest = hashlib.sha256(data).hexdigest()
        try:
            parsed = parse_bytes(data, filename, self.settings, vocabulary=self.vocabulary)
        except NavigatorError as exc:
            return UploadedRecord(file=filename, sha256=digest, error=error_of(exc))
        verifications = []
        if parsed.credentials:
            try:
                payload = parse_bytes_payload(data, filename)
            except NavigatorError:
                payload = None
            if payload is not None:
                verifications = self.verifier.verify(payload, source=filename)
                parsed = apply_verification(parsed, verifications)
        return UploadedRecord(
            file=filename, sha256=digest, parsed=parsed, verifications=verifications
        )

    def build_profile(
        self,
        records: Sequence[UploadedRecord] = (),
        *,
        typed_skills: str | None = None,
        pasted_text: str | None = None,
    ) -> LearnerProfile:
        """One profile from uploads, a typed skill list and a pasted résumé paragraph."""
        profile = profile_from([r.parsed for r in records if r.parsed is not None])
        if typed_skills and typed_skills.strip():
            profile = profile.merge(profile_from_typed_skills(typed_skills, self.vocabulary))
        if pasted_text and pasted_text.strip():
            profile = profile.merge(profile_from_text(pasted_text, self.vocabulary))
        return profile

    # ---------------------------------------------------------------- matching
    @property
    def vocabulary(self) -> SkillVocabulary:
        if self._vocabulary is None:
            self._vocabulary = SkillVocabulary.from_items(self.kb.by_kind("skill"))
        return self._vocabulary

    @property
    def matcher(self) -> Matcher:
        """The matcher over the knowledge base's occupations, credentials and employers."""
        if self._matcher is None:
            self.ensure_index()
            assert self._embedder is not None
            self._matcher = Matcher(
                self._active_occupations(),
                [i for i in self.kb.by_kind("credential") if isinstance(i, CredentialProgram)],
                [i for i in self.kb.by_kind("employer") if isinstance(i, Employer)],
                self.vocabulary,
                SkillNeighbours(self.vocabulary, self._embedder),
            )
        return self._matcher

    def _active_occupations(self) -> list[Occupation]:
        """Curated occupations, plus imported O*NET ones when ``occupations`` is "all"."""
        everything = [i for i in self.kb.by_kind("occupation") if isinstance(i, Occupation)]
        if self.settings.occupations == "all":
            return everything
        return [o for o in everything if not self.kb.sources.get(o.id, "").startswith("imported/")]

    @property
    def _words(self) -> LearnerWords:
        """Reads the learner's free text for occupation matching."""
        if self._learner_words is None:
            matcher = self.matcher
            finder = TextEvidenceFinder(
                matcher.occupations,
                matcher.credentials,
                [i for i in self.kb.by_kind("military") if isinstance(i, MilitaryOccupation)],
                self._embedder,  # type: ignore[arg-type]
            )
            self._learner_words = LearnerWords(
                finder,
                matcher,
                [o for o in self.kb.by_kind("occupation") if isinstance(o, Occupation)],
                self.career_search,
                lambda: self._careers,
            )
        return self._learner_words

    @property
    def finder(self) -> TextEvidenceFinder:
        """Titles, tasks, tools, credentials and military codes in the learner's own words."""
        return self._words.finder

    def text_evidence(
        self, profile: LearnerProfile | None, text: str | None
    ) -> tuple[dict[str, TextEvidence], bool | None]:
        """Evidence per occupation from the learner's words, and whether a degree shows."""
        return self._words.text_evidence(profile, text)

    def leaving(self, signals: Sequence[SkillSignal], text: str | None) -> set[str]:
        """The occupation the learner describes doing now, when they say they want a change."""
        return self._words.leaving(signals, text)

    def signals_from_text(self, text: str, *, source: str = "typed by you") -> list[SkillSignal]:
        """Skills named in ``text`` (a typed list or a sentence), weighted as typed evidence."""
        found: dict[str, SkillSignal] = {}
        for mention in self.vocabulary.extract(text):
            weight = round(trust_weight("typed") * mention.confidence, 6)
            previous = found.get(mention.skill_id)
            if previous is None or weight > previous.weight:
                found[mention.skill_id] = SkillSignal(
                    skill_id=mention.skill_id,
                    name=mention.name,
                    weight=weight,
                    trust="typed",
                    sources=[f"{source}: “{mention.matched_text}”"],
                )
        for credential in self.finder.credentials_named(text):
            for skill_id in credential.skills:
                skill = self.vocabulary.get(skill_id)
                if skill is not None and skill_id not in found:
                    found[skill_id] = SkillSignal(
                        skill_id=skill_id,
                        name=skill.name,
                        weight=trust_weight("typed"),
                        trust="typed",
                        sources=[f"{source}: holds {credential.name}"],
                    )
        return sorted(found.values(), key=lambda s: s.skill_id)

    def learner_signals(
        self, profile: LearnerProfile | None = None, text: str | None = None
    ) -> list[SkillSignal]:
        """The learner's shared profile skills plus skills named in ``text``; best evidence wins."""
        merged: dict[str, SkillSignal] = {}
        candidates = profile_signals(profile) if profile is not None else []
        if text:
            candidates += self.signals_from_text(text)
        for signal in candidates:
            previous = merged.get(signal.skill_id)
            if previous is None or signal.weight > previous.weight:
                merged[signal.skill_id] = signal
        return sorted(merged.values(), key=lambda s: s.skill_id)

    def match(
        self,
        profile: LearnerProfile | None = None,
        skills_text: str | None = None,
        *,
        k: int = 10,
        major_groups: Sequence[str] | None = None,
        education: Sequence[str] | None = None,
    ) -> MatchResult:
        """Occupations and employers that fit the learner, each explained."""
        signals = self.learner_signals(profile, skills_text)
        evidence, has_degree = self.text_evidence(profile, skills_text)
        leaving = self.leaving(signals, skills_text)
        return MatchResult(
            occupations=self.matcher.rank_occupations(
                signals,
                k,
                major_groups=major_groups,
                education=education,
                text_evidence=evidence,
                has_degree=has_degree,
                leaving=leaving,
            ),
            employers=self.matcher.rank_employers(signals, k),
            signals=signals,
        )

    def career_search(self, text: str, k: int = 10, *, method: str = "hybrid") -> list[FitHit]:
        """Occupations ranked by plain retrieval over their text (a baseline for the matcher)."""
        self.ensure_index()
        if self._careers is None:
            return []
        index = self._careers
        active = {o.id for o in self.matcher.occupations}
        depth = k if len(active) == len(self.kb.by_kind("occupation")) else 4 * k
        if method == "hybrid":
            docs = [(r.document, r.score) for r in index.search(text, depth, kinds=["occupation"])]
        else:
            if method == "bm25":
                scores, _ = index.lexical.scores(text)
            elif method == "dense":
                scores = index.embeddings @ index.embedder.embed([text])[0]
            else:
                raise NavigatorError(f"Unknown ranking method '{method}'.")
            ranked = sorted(
                (
                    i
                    for i, d in enumerate(index.documents)
                    if d.kind == "occupation" and d.parent_id in active
                ),
                key=lambda i: (-round(float(scores[i]), 6), index.documents[i].id),
            )[:k]
            docs = [(index.documents[i], float(scores[i])) for i in ranked]
        hits = []
        for doc, score in docs:
            item = self.kb.get(doc.parent_id)
            if isinstance(item, Occupation) and item.id in active:
                hits.append(FitHit(code=item.soc_code, title=item.name, score=round(score, 6)))
        return hits[:k]

    def pathway_filters(self) -> dict[str, list[str]]:
        """SOC major groups and entry education levels present among the active occupations."""
        occupations = self.matcher.occupations
        return {
            "major_groups": sorted({o.major_group for o in occupations}),
            "education": sorted({o.typical_education for o in occupations}),
        }

    def resolve_occupation(self, text: str) -> Occupation | None:
        """The occupation ``text`` names: exact title or alternate title first, then search."""
        wanted = normalize_name(text)
        for item in self.kb.by_kind("occupation"):
            if isinstance(item, Occupation) and wanted in {
                normalize_name(t) for t in [item.name, *item.alternate_titles, *item.aliases]
            }:
                return item
        self.ensure_index()
        if self._careers is None:
            return None
        hits = self._careers.search(text, 1, kinds=["occupation"])
        item = self.kb.get(hits[0].document.parent_id) if hits else None
        return item if isinstance(item, Occupation) else None

    def _career_answer(
        self,
        question: str,
        intent: CareerIntent,
        profile: LearnerProfile | None,
        history: Sequence[Turn] = (),
    ) -> Answer:
        # What the learner said about themselves earlier in the conversation still counts:
        # "Which employers hire for this?" follows "I weld and read blueprints...".
        earlier = [
            learner_words(t.text) for t in list(history)[-HISTORY_WINDOW:] if t.role == "user"
        ]
        said = " ".join(w for w in [*earlier, learner_words(question)] if w)
        signals = self.learner_signals(profile, question if not said else f"{said} {question}")
        matcher = self.matcher
        education = (
            [
                e
                for e in (
                    "none",
                    "high_school",
                    "postsecondary_certificate",
                    "some_college",
                    "associate",
                )
            ]
            if intent.no_degree
            else None
        )
        if intent.kind == "gap" and intent.target:
            occupation = self.resolve_occupation(intent.target)
            if occupation is None:
                return compose_unknown(question, EXAMPLE_QUESTIONS)
            credits = matcher.credits(signals, [r.skill for r in occupation.skills])
            fit = matcher.fit(occupation, credits)
            hiring = [e for e in matcher.rank_employers(signals, 50) if e.id in fit.employers]
            return compose_gap(question, fit, hiring, self.kb)
        if intent.kind == "compare":
            fits: list[OccupationFit] = []
            for subject in intent.subjects:
                occupation = self.resolve_occupation(subject)
                if occupation is not None and all(f.id != occupation.id for f in fits):
                    credits = matcher.credits(signals, [r.skill for r in occupation.skills])
                    fits.append(matcher.fit(occupation, credits))
            if len(fits) < 2:
                return compose_unknown(question, EXAMPLE_QUESTIONS)
            return compose_compare(question, fits, self.kb)
        evidence, has_degree = self.text_evidence(profile, said)
        # Text relevance alone is not evidence about the learner: "which pathways fit my
        # skills?" matches occupation text too, but says nothing about the person.
        if not signals and not any(_about_learner(e) for e in evidence.values()):
            return compose_need_profile(question)
        employers: list[EmployerFit] = matcher.rank_employers(signals, 10)
        if intent.no_degree:
            employers = [e for e in employers if e.degree_optional] or employers
        if intent.kind == "employers":
            return compose_employers(question, employers, self.kb)
        words = said
        fits = matcher.rank_occupations(
            signals,
            5,
            education=education,
            text_evidence=evidence,
            has_degree=has_degree,
            leaving=self.leaving(signals, words),
        )
        return compose_fit(question, signals, fits, employers, self.kb)

    # ---------------------------------------------------------------- answers
    @property
    def llm(self) -> LLMWriter | None:
        """The optional language-model writer; None when no model is configured."""
        if not self._llm_checked:
            self._llm = make_writer(self.settings, self.kb)
            self._llm_checked = True
        return self._llm

    def llm_status(self) -> dict[str, str | bool | None]:
        """Whether a language model is configured and usable, for the settings panel."""
        provider, model = self.settings.llm_provider, self.settings.llm_model
        if not provider:
            return {"configured": False, "provider": None, "model": None, "problem": None}
        try:
            ready = self.llm is not None
        except LLMUnavailableError as exc:
            return {
                "configured": True,
                "provider": provider,
                "model": model,
                "problem": exc.user_message,
            }
        return {"configured": ready, "provider": provider, "model": model, "problem": None}

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        profile: LearnerProfile | None = None,
        *,
        use_llm: bool = False,
        consent: bool = False,
    ) -> Answer:
        """Answer ``question`` from the knowledge base, leaning on ``history`` for follow-ups.

        Questions about the learner's own fit use ``profile`` (and skills named in the
        question); without either, the answer asks for skills or an upload. With ``use_llm``
        and a configured model, the model words the answer from the same sources; it sees
        personal details only with ``consent``, and the grounded composer answers whenever
        the model fails or strays from the sources.
        """
        writer = self.llm if use_llm else None
        answer, hits = self._compose(question, history, profile, writer)
        if writer is None:
            return answer
        context = context_from(answer, self.kb, hits)
        return writer.write(question, answer, context, profile, consent, history)

    def ask_stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        profile: LearnerProfile | None = None,
        *,
        use_llm: bool = False,
        consent: bool = False,
    ) -> Iterator[str | Answer]:
        """Text chunks as the model writes them, then the final ``Answer`` (which may be the
        composer's). Without a model, only the composer's answer."""
        writer = self.llm if use_llm else None
        answer, hits = self._compose(question, history, profile, writer)
        if writer is None:
            yield answer
            return
        context = context_from(answer, self.kb, hits)
        yield from writer.stream(question, answer, context, profile, consent, history)

    def _compose(
        self,
        question: str,
        history: Sequence[Turn],
        profile: LearnerProfile | None,
        writer: LLMWriter | None = None,
    ) -> tuple[Answer, list[SearchHit]]:
        """The composer's answer and the hits it was written from."""
        question = (question or "").strip()
        if not question:
            raise NavigatorError("Please type a question first.")
        if len(question) > 2000:
            raise NavigatorError(
                "That question is too long for me.", hint="Please ask it in under 2,000 characters."
            )
        intent = detect_intent(question)
        if intent.kind == "greeting":
            return compose_greeting(question, EXAMPLE_QUESTIONS), []
        career = detect_career_intent(question, intent.subjects if intent.kind == "compare" else [])
        if career is not None and self.kb.by_kind("occupation"):
            return self._career_answer(question, career, profile, history), []
        query = self._contextual_query(question, history, writer)
        threshold = self.settings.min_relevance
        kinds = INTENT_KINDS.get(intent.kind)
        hits: list[SearchHit] = []
        if kinds:
            hits = self.search(query, self.settings.top_k, kinds=kinds, min_score=threshold)
        if not hits:
            hits = self.search(query, self.settings.top_k, min_score=threshold)
        if not hits:
            return compose_unknown(question, EXAMPLE_QUESTIONS), []
        subject_hits = [self.search(s, 3, min_score=threshold) for s in intent.subjects]
        return compose(question, intent, hits, self.kb, subject_hits=subject_hits), hits

    def _contextual_query(
        self, question: str, history: Sequence[Turn], writer: LLMWriter | None = None
    ) -> str:
        if not is_follow_up(question, history):
            return question
        if writer is not None:
            # The model rewrites the follow-up into a question that stands on its own.
            return writer.rewrite(question, history)
        last_question, last_items = previous_subject(history)
        picked = ordinal_pick(question, last_items)
        if picked and (item := self.kb.get(picked)) is not None:
            return f"{question} {item.name}"
        names = [item.name for i in last_items[:1] if (item := self.kb.get(i)) is not None]
        return " ".join([question, *names, last_question or ""]).strip()


def _about_learner(evidence: TextEvidence) -> bool:
    return bool(
        evidence.titles
        or evidence.tasks
        or evidence.tools
        or evidence.credentials
        or evidence.military
    )


@dataclass(frozen=True)
class FitHit:
    code: str
    title: str
    score: float


def _to_hit(scored: ScoredDocument) -> SearchHit:
    doc = scored.document
    return SearchHit(
        id=doc.id,
        parent_id=doc.parent_id,
        kind=doc.kind,
        title=doc.title,
        url=doc.url,
        score=round(scored.score, 6),
        snippet=doc.text[:240],
        section=doc.section,
    )
