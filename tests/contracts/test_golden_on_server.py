"""The golden questions return identical ranked ids from the embedded store and a Chroma server."""

from __future__ import annotations

from ler_navigator.evaluation.retrieval import load_questions
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings
from tests.golden.conftest import GOLDEN, KNOWLEDGE


def test_golden_queries_agree_between_embedded_and_server(chroma_server, tmp_path):
    embedded = NavigatorService(Settings(knowledge_dir=KNOWLEDGE, data_dir=tmp_path / "embedded"))
    server = NavigatorService(
        Settings(
            knowledge_dir=KNOWLEDGE,
            data_dir=tmp_path / "server",
            chroma_host=chroma_server.host,
            chroma_port=chroma_server.port,
        )
    )
    assert embedded.ensure_index().backend == "chroma-embedded"
    assert server.ensure_index().backend == "chroma-server"
    questions = load_questions(GOLDEN / "retrieval" / "questions.yaml")
    for question in questions:
        a = [h.id for h in embedded.search(question.text, 10)]
        b = [h.id for h in server.search(question.text, 10)]
        assert a == b, question.text
    # A second replica on the same server reuses the complete build instead of rebuilding.
    replica = NavigatorService(
        Settings(
            knowledge_dir=KNOWLEDGE,
            data_dir=tmp_path / "server",
            chroma_host=chroma_server.host,
            chroma_port=chroma_server.port,
        )
    )
    assert replica.ensure_index().reused
