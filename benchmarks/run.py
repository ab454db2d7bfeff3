"""``make bench``: speed and quality measured side by side in one run, printed as ratios.

Retrieval: index build time; query p50/p95 and recall@5/MRR on the labelled question set for
the hybrid index, BM25 only, dense only and plain langchain-chroma ``similarity_search`` — on the
real corpus and on corpora padded to 10k and 100k documents with synthetic distractors.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from ler_navigator.evaluation.retrieval import (
    MethodReport,
    bm25_ranker,
    dense_ranker,
    evaluate,
    hybrid_ranker,
    langchain_chroma_ranker,
    load_questions,
)
from ler_navigator.index.documents import IndexDocument, documents_for
from ler_navigator.index.embedder import make_embedder
from ler_navigator.index.hybrid import HybridIndex
from ler_navigator.index.manager import understand_queries
from ler_navigator.index.store import ChromaStore
from ler_navigator.kb.loader import load_knowledge
from ler_navigator.models.knowledge import ECOSYSTEM_KINDS
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT / "tests" / "golden" / "retrieval" / "questions.yaml"


def synthetic_documents(real: list[IndexDocument], total: int, seed: int) -> list[IndexDocument]:
    """Pad ``real`` to ``total`` documents with distractors built from the corpus's own words."""
    rng = random.Random(seed)
    words = sorted({w for d in real for w in d.text.split() if w.isalpha() and len(w) > 3})
    kinds = sorted({d.kind for d in real})
    padded = list(real)
    for n in range(total - len(real)):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(25, 70)))
        title = " ".join(rng.choice(words) for _ in range(3)).title()
        padded.append(
            IndexDocument(
                id=f"synthetic:{n:06d}",
                parent_id=f"synthetic:{n:06d}",
                kind=rng.choice(kinds),
                title=title,
                url=f"https://example.org/synthetic/{n}",
                text=text,
            )
        )
    return padded


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def run_retrieval(settings: Settings, questions_path: Path, sizes: list[int]) -> None:
    kb = load_knowledge(settings.knowledge_dir)
    questions = load_questions(questions_path)
    embedder = make_embedder(settings)
    action_titles = {a.key: a.name for a in kb.by_kind("action_area")}  # type: ignore[attr-defined]
    items = [i for i in kb.items.values() if i.kind in ECOSYSTEM_KINDS]
    real = documents_for(items, action_titles)
    print(f"Corpus: {len(kb)} items, {len(real)} documents; {len(questions)} labelled questions")
    print(f"Embedder: {embedder.name}\n")
    rows: list[tuple[str, MethodReport, float]] = []
    for size in [len(real), *sizes]:
        docs = real if size == len(real) else synthetic_documents(real, size, settings.seed)
        label = "real" if size == len(real) else f"{size // 1000}k"
        folder = Path(tempfile.mkdtemp(prefix="ler-bench-"))
        try:
            store = ChromaStore(folder / "chroma")
            index, seconds = timed(
                lambda docs=docs, store=store: HybridIndex.build(docs, embedder, store, "bench")
            )
            assert isinstance(index, HybridIndex)
            understand_queries(index, items)
            print(f"[{label}] {len(docs):>7} documents: index built in {seconds:.1f} s")
            methods = [
                ("hybrid", hybrid_ranker(index)),
                ("bm25", bm25_ranker(index)),
                ("dense", dense_ranker(index)),
                ("langchain-chroma", langchain_chroma_ranker(index, store.client)),
            ]
            for name, ranker in methods:
                ranker("warm up", 5)
                report = evaluate(name, ranker, questions, k=5)
                rows.append((label, report, seconds))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    header = f"{'corpus':<7}{'method':<18}{'recall@5':>9}{'MRR':>7}{'p50 ms':>9}{'p95 ms':>9}"
    print(header + f"{'p95 / fastest':>15}{'p95 / chroma':>14}")
    for label in dict.fromkeys(r[0] for r in rows):
        group = [r for r in rows if r[0] == label]
        fastest = min(r[1].p95_ms for r in group) or 1e-9
        chroma = next(r[1].p95_ms for r in group if r[1].method == "langchain-chroma") or 1e-9
        for _, report, _ in group:
            print(
                f"{label:<7}{report.method:<18}{report.recall_at_k:>9.3f}{report.mrr:>7.3f}"
                f"{report.p50_ms:>9.2f}{report.p95_ms:>9.2f}"
                f"{report.p95_ms / fastest:>14.2f}x{report.p95_ms / chroma:>13.2f}x"
            )


@contextlib.contextmanager
def chroma_server() -> Iterator[tuple[str, int] | None]:
    """A local ``chroma run`` on a free loopback port, or None when chromadb has no CLI."""
    executable = Path(sys.executable).parent / "chroma"
    if not executable.is_file():
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    folder = tempfile.mkdtemp(prefix="ler-bench-server-")
    process = subprocess.Popen(
        [str(executable), "run", "--path", folder, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield ("127.0.0.1", port)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def run_server_comparison(settings: Settings, questions_path: Path) -> None:
    """Hybrid and plain Chroma queries against the embedded store and a Chroma server."""
    questions = load_questions(questions_path)
    with chroma_server() as server:
        if server is None:
            print("(no chroma CLI: server comparison skipped)")
            return
        rows = []
        with tempfile.TemporaryDirectory(prefix="ler-bench-") as data:
            for label, extra in (
                ("embedded", {}),
                ("server", {"chroma_host": server[0], "chroma_port": server[1]}),
            ):
                service = NavigatorService(
                    settings.model_copy(update={"data_dir": Path(data) / label, **extra})
                )
                service.ensure_index()
                index = service.index
                client = index.store.client  # type: ignore[attr-defined]
                for name, ranker in (
                    ("hybrid", hybrid_ranker(index)),
                    ("langchain-chroma", langchain_chroma_ranker(index, client)),
                ):
                    ranker("warm up", 5)
                    rows.append((label, evaluate(name, ranker, questions, k=5)))
    print(f"{'store':<10}{'method':<18}{'recall@5':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for label, report in rows:
        print(
            f"{label:<10}{report.method:<18}{report.recall_at_k:>9.3f}"
            f"{report.p50_ms:>9.2f}{report.p95_ms:>9.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument(
        "--sizes", default="10000,100000", help="Padded corpus sizes, comma-separated."
    )
    args = parser.parse_args(argv)
    settings = Settings()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    run_retrieval(settings.model_copy(update={"embedder": "wordllama"}), args.questions, sizes)
    if settings.embedding_model and settings.embedder != "wordllama":
        # A configured embedder (a local sentence-transformers model or an OpenAI-compatible
        # endpoint) is measured on the real corpus beside WordLlama.
        print(f"\nEmbedder: {settings.embedder} {settings.embedding_model}")
        run_retrieval(settings, args.questions, [])
    else:
        print(
            "\n(only WordLlama measured: set LER_NAV_EMBEDDER=sentence-transformers|openai and "
            "LER_NAV_EMBEDDING_MODEL to compare another)"
        )
    print("\nEmbedded store vs Chroma server (real corpus)")
    run_server_comparison(settings, args.questions)
    print("\nMatching (one profile against the occupation set)")
    from benchmarks import match_bench

    match_bench.main()
    print("\nVerification (verifications per second, median of 200)")
    from ler_navigator.verify.bench import bench_verify

    contexts = ROOT.parent / "shared" / "fixtures" / "contexts"
    # The Open Badges 3.0 context is not bundled with pyld; the shared reference set has it.
    verify_settings = Settings(contexts_dir=contexts) if contexts.is_dir() else Settings()
    for label, rate in bench_verify(verify_settings).items():
        print(f"  {label:<48}{rate:>10.1f}/s  ({1000 / rate:.2f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
