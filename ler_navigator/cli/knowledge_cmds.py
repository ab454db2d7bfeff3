"""Commands over the knowledge base: ``index``, ``search`` and ``ask``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ler_navigator.cli.common import (
    emit_json,
    friendly_errors,
    load_settings,
    progress_printer,
    read_records,
)
from ler_navigator.errors import NavigatorError
from ler_navigator.service import NavigatorService

index_app = typer.Typer(help="Build or inspect the search index.", no_args_is_help=True)


def _service(quiet: bool = True) -> NavigatorService:
    service = NavigatorService(load_settings())
    service.ensure_index(progress=progress_printer(quiet))
    return service


@index_app.command("build")
@friendly_errors
def index_build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if up to date.")] = False,
) -> None:
    """Build the index, or reuse it while the corpus and embedder are unchanged."""
    service = NavigatorService(load_settings())
    status = service.ensure_index(progress=progress_printer(False), force=force)
    verb = "reused" if status.reused else "built"
    typer.echo(
        f"Index {verb}: {status.documents} documents from {status.items} items "
        f"({status.embedder}, {status.backend}, checksum {status.checksum[:12]})."
    )


@index_app.command("status")
@friendly_errors
def index_status(json_out: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show sources, counts per kind, checksum, embedder and backend."""
    status = _service(quiet=True).index_status()
    if json_out:
        emit_json(status.model_dump())
        return
    typer.echo(f"backend:    {status.location}")
    typer.echo(f"collection: {status.collection}")
    typer.echo(f"embedder:   {status.embedder}")
    typer.echo(f"checksum:   {status.checksum}")
    typer.echo(f"built at:   {status.built_at}")
    typer.echo(f"documents:  {status.documents} from {status.items} items")
    for kind, count in status.counts_by_kind.items():
        typer.echo(f"  {kind:<14} {count}")
    typer.echo("sources:")
    for source, count in status.sources.items():
        typer.echo(f"  {source:<24} {count} items")


def _hit_rows(service: NavigatorService, query: str, k: int) -> dict[str, object]:
    hits = service.search(query, k)
    return {
        "query": query,
        "results": [
            {"id": h.id, "kind": h.kind, "title": h.title, "url": h.url, "score": h.score}
            for h in hits
        ],
    }


@friendly_errors
def search(
    query: Annotated[str | None, typer.Argument(help="What to search for.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="Results per query.")] = 5,
    queries: Annotated[
        Path | None, typer.Option("--queries", help="A file with one query per line.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON line per query.")] = False,
) -> None:
    """Search the knowledge base."""
    if (query is None) == (queries is None):
        raise NavigatorError("Give either a QUERY or --queries FILE.")
    if queries is not None:
        try:
            lines = queries.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise NavigatorError(f"Cannot read the queries file {queries}.") from exc
        batch = [line.strip() for line in lines if line.strip()]
    else:
        batch = [query or ""]
    service = _service()
    for text in batch:
        rows = _hit_rows(service, text, k)
        if json_out:
            emit_json(rows)
            continue
        typer.echo(f"# {text}")
        for rank, row in enumerate(rows["results"], start=1):  # type: ignore[arg-type]
            typer.echo(
                f"{rank:>2}. {row['score']:.4f}  {row['title']}  <{row['url']}>  {row['id']}"
            )


@friendly_errors
def ask(
    question: Annotated[str, typer.Argument(help="Your question.")],
    json_out: Annotated[bool, typer.Option("--json")] = False,
    llm: Annotated[
        bool,
        typer.Option(
            "--llm",
            help="Let the configured language model word the answer (checked against "
            "the sources; the composer answers if it fails).",
        ),
    ] = False,
    skills: Annotated[
        str | None, typer.Option("--skills", help='Your skills, for fit questions: "a, b".')
    ] = None,
    ler: Annotated[
        list[Path] | None, typer.Option("--ler", help="LER files, for fit questions.")
    ] = None,
) -> None:
    """Ask a question and get a grounded, cited answer."""
    service = _service()
    profile = None
    if skills or ler:
        records = read_records(service, ler)
        profile = service.build_profile(records, typed_skills=skills)
    answer = service.ask(question, profile=profile, use_llm=llm)
    if json_out:
        emit_json(answer.model_dump())
        return
    typer.echo(answer.markdown)
    if answer.writer == "llm":
        typer.echo("\n(written by the language model from the sources below)")
    if answer.citations:
        typer.echo("\nSources:")
        for c in answer.citations:
            typer.echo(f"[{c.number}] {c.title} — {c.url}")
    if answer.related_questions:
        typer.echo("\nYou could also ask:")
        for q in answer.related_questions:
            typer.echo(f"- {q}")


def register(app: typer.Typer) -> None:
    app.add_typer(index_app, name="index")
    app.command("search")(search)
    app.command("ask")(ask)
