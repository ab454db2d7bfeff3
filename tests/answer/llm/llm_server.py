"""A small OpenAI-compatible chat server on 127.0.0.1 for end-to-end tests of the real client.

Each request takes the next scripted step: a reply (sent as server-sent events when the client
asks to stream), an HTTP error, or a stall longer than the client's timeout. Every request body
is kept, so tests can check exactly what left the process.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    """What the server does for one request."""

    reply: str = ""
    status: int = 200
    stall_s: float = 0.0


@dataclass
class ChatServerState:
    steps: list[Step] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def next_step(self) -> Step:
        return self.steps.pop(0) if self.steps else Step(status=500)

    @property
    def requests(self) -> list[dict[str, Any]]:
        return [json.loads(b) for b in self.bodies]


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(model: str, delta: dict[str, Any], finish: str | None) -> bytes:
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    def do_POST(self) -> None:
        state = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        state.bodies.append(body)
        step = state.next_step()
        try:
            if step.stall_s:
                state.release.wait(step.stall_s)
            if step.status != 200:
                self._send_json(step.status, {"error": {"message": "boom", "type": "server"}})
                return
            request = json.loads(body)
            model = request.get("model", "test")
            if request.get("stream"):
                self._stream(model, step.reply)
            else:
                self._send_json(200, _completion(model, step.reply))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout): nothing left to answer

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, model: str, text: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        words = text.split(" ")
        self.wfile.write(_chunk(model, {"role": "assistant", "content": ""}, None))
        for i, word in enumerate(words):
            piece = word if i == 0 else " " + word
            self.wfile.write(_chunk(model, {"content": piece}, None))
            self.wfile.flush()
        self.wfile.write(_chunk(model, {}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: ChatServerState


class ChatServer:
    """Start with ``with ChatServer() as server:``; ``server.base_url`` is the /v1 URL."""

    def __init__(self) -> None:
        self.state = ChatServerState()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *steps: Step) -> None:
        self.state.steps.extend(steps)

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
