"""The OpenAI-compatible embedder against a small embeddings server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from ler_navigator.errors import ConfigError
from ler_navigator.index.embedder import OpenAICompatibleEmbedder, make_embedder
from ler_navigator.index.hybrid import HybridIndex
from ler_navigator.index.store import InMemoryStore
from ler_navigator.settings import Settings
from tests.fakes import FakeEmbedder
from tests.index.test_hybrid import DOCS

FAKE = FakeEmbedder()


class _Handler(BaseHTTPRequestHandler):
    fail = False

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.fail or self.path != "/v1/embeddings":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "boom"}}')
            return
        texts = body["input"]
        vectors = FAKE.embed(list(texts)) * 3.0  # not unit length: the client must normalise
        payload = {
            "object": "list",
            "model": body["model"],
            "data": [
                {"object": "embedding", "index": i, "embedding": v.tolist()}
                for i, v in enumerate(vectors)
            ],
            "usage": {"prompt_tokens": 1, "total_tokens": 1},
        }
        raw = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        _Handler.fail = False
        httpd.shutdown()
        httpd.server_close()


def test_embeddings_come_back_normalised(server):
    embedder = OpenAICompatibleEmbedder("test-embed", base_url=server, max_retries=0)
    vectors = embedder.embed(["badge", "digital wallet"])
    assert vectors.shape == (2, FAKE.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.allclose(vectors, FAKE.embed(["badge", "digital wallet"]), atol=1e-6)
    assert embedder.dim == FAKE.dim
    assert embedder.name.startswith("openai-compatible:test-embed@")


def test_hybrid_index_runs_on_the_endpoint(server):
    embedder = make_embedder(
        Settings(embedder="openai", embedding_model="test-embed", embedding_base_url=server)
    )
    index = HybridIndex.build(DOCS, embedder, InMemoryStore(), "remote")
    assert index.search("which organization issues a credential", 3)[0].document.id == (
        "term:issuer"
    )


def test_a_failing_endpoint_is_a_friendly_error(server):
    _Handler.fail = True
    embedder = OpenAICompatibleEmbedder("test-embed", base_url=server, max_retries=0)
    with pytest.raises(ConfigError) as info:
        embedder.embed(["badge"])
    assert "LER_NAV_EMBEDDER=wordllama" in (info.value.hint or "")


def test_openai_embedder_needs_a_model():
    with pytest.raises(ConfigError, match="needs a model name"):
        make_embedder(Settings(embedder="openai"))
