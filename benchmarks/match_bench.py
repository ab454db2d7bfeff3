"""Matching latency per profile: the curated occupations and, when O*NET is at hand, all of it.

Profiles are the golden fit cases (typed lists and paragraphs). p50/p95 are printed side by
side with the ratio between the two occupation sets.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "golden" / "fit" / "obvious_cases.yaml"
ONET = ROOT.parent / "shared" / "onet"


def _inputs() -> list[str]:
    cases = yaml.safe_load(CASES.read_text())["cases"]
    return [c[field] for c in cases for field in ("typed", "paragraph")]


def _latencies(service: NavigatorService, inputs: list[str], rounds: int = 3) -> list[float]:
    for text in inputs[:2]:
        service.match(None, text, k=10)
    times = []
    for _ in range(rounds):
        for text in inputs:
            started = time.perf_counter()
            service.match(None, text, k=10)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _import_onet(data_dir: Path) -> bool:
    try:
        from ler_navigator.kb.importers.onet import import_onet
    except ImportError:
        return False
    if not ONET.is_dir():
        return False
    import datetime as dt

    settings = Settings(data_dir=data_dir)
    import_onet(ONET, settings.knowledge_dir, data_dir, as_of=dt.date(2026, 1, 1))
    return True


def main() -> None:
    inputs = _inputs()
    rows = []
    with tempfile.TemporaryDirectory(prefix="ler-match-bench-") as folder:
        data = Path(folder)
        curated = NavigatorService(Settings(data_dir=data))
        rows.append(("curated", len(curated.matcher.occupations), _latencies(curated, inputs)))
        if _import_onet(data):
            everything = NavigatorService(Settings(data_dir=data, occupations="all"))
            rows.append(
                ("all O*NET", len(everything.matcher.occupations), _latencies(everything, inputs))
            )
    fastest = min(float(np.percentile(r[2], 95)) for r in rows)
    print(f"{'occupations':<12}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p95 / fastest':>15}")
    for label, count, times in rows:
        p95 = float(np.percentile(times, 95))
        print(
            f"{label:<12}{count:>7}{statistics.median(times):>9.1f}{p95:>9.1f}"
            f"{p95 / fastest:>14.2f}x"
        )
    if len(rows) == 1:
        print("(all O*NET skipped: the O*NET database files are not beside the checkout)")


if __name__ == "__main__":
    main()
