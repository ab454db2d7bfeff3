"""``NavigatorService``: the one object the Streamlit app and the CLI talk to."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from ler_navigator.answer.composer import compose, compose_greeting, compose_unknown
from ler_navigator.answer.followup import is_follow_up, ordinal_pick, previous_subject
from ler_navigator.answer.intents import detect_intent
from ler_navigator.errors import NavigatorError, RetrievalError
from ler_navigator.index.embedder import Embedder, make_embedder
from ler_navigator.index.hybrid import HybridIndex, Progress, ScoredDocument
from ler_navigator.index.manager import open_index
from ler_navigator.index.store import ChromaStore, VectorStore
from ler_navigator.kb.loader import KnowledgeBase, load_knowledge
from ler_navigator.models.chat import Answer, SearchHit, Turn
from ler_navigator.models.index import DataSource, IndexStatus
from ler_navigator.settings import Settings

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
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._store = store
        self._kb = kb
        self._index: HybridIndex | None = None
        self._status: IndexStatus | None = None
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- set-up
    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = load_knowledge(self.settings.knowledge_dir)
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
                self._embedder = make_embedder(self.settings.embedder, self.settings.wordllama_dim)
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

    # ---------------------------------------------------------------- answers
    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        """Answer ``question`` from the knowledge base, leaning on ``history`` for follow-ups."""
        question = (question or "").strip()
        if not question:
            raise NavigatorError("Please type a question first.")
        if len(question) > 2000:
            raise NavigatorError(
                "That question is too long for me.", hint="Please ask it in under 2,000 characters."
            )
        intent = detect_intent(question)
        if intent.kind == "greeting":
            return compose_greeting(question, EXAMPLE_QUESTIONS)
        query = self._contextual_query(question, history)
        threshold = self.settings.min_relevance
        kinds = INTENT_KINDS.get(intent.kind)
        hits: list[SearchHit] = []
        if kinds:
            hits = self.search(query, self.settings.top_k, kinds=kinds, min_score=threshold)
        if not hits:
            hits = self.search(query, self.settings.top_k, min_score=threshold)
        if not hits:
            return compose_unknown(question, EXAMPLE_QUESTIONS)
        subject_hits = [self.search(s, 3, min_score=threshold) for s in intent.subjects]
        return compose(question, intent, hits, self.kb, subject_hits=subject_hits)

    def _contextual_query(self, question: str, history: Sequence[Turn]) -> str:
        if not is_follow_up(question, history):
            return question
        last_question, last_items = previous_subject(history)
        picked = ordinal_pick(question, last_items)
        if picked and (item := self.kb.get(picked)) is not None:
            return f"{question} {item.name}"
        names = [item.name for i in last_items[:1] if (item := self.kb.get(i)) is not None]
        return " ".join([question, *names, last_question or ""]).strip()


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
