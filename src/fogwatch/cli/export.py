"""`fogwatch export`: the ledger as JSON Lines, CSV, Parquet, ClaimReview JSON-LD or provenance graphs."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from fogwatch.cli.console import DbOption, err_console
from fogwatch.errors import UsageError
from fogwatch.ledger import Ledger


class Format(StrEnum):
    """Export formats."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    claimreview = "claimreview"
    graph = "graph"


def export_command(
    format_: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (a directory for csv and "
                                              "parquet); default: standard output for jsonl.")] = None,
    db: DbOption = None,
    text: Annotated[bool, typer.Option("--text", help="Include each article's stored text.")] = False,
) -> None:
    """Write the ledger's records in the export contract (see README, "Export")."""
    from fogwatch.export import export_rows, write_csv_dir, write_jsonl, write_jsonl_file  # this command only

    ledger = Ledger(db)
    rows = export_rows(ledger, include_text=text)
    if format_ is Format.jsonl:
        count = write_jsonl_file(rows, out) if out else write_jsonl(rows, sys.stdout)
        err_console.print(f"{count} records written to {out or 'standard output'}")
    elif format_ is Format.csv:
        if out is None:
            raise UsageError("--format csv writes one file per record type: give a directory with --out DIR")
        written = write_csv_dir(rows, out)
        err_console.print("written: " + ", ".join(str(p) for p in written.values()))
    elif format_ is Format.parquet:
        from fogwatch.export.parquet import write_parquet_dir

        if out is None:
            raise UsageError("--format parquet writes one file per record type: give a directory with "
                             "--out DIR")
        written = write_parquet_dir(rows, out)
        err_console.print("written: " + ", ".join(str(p) for p in written.values()))
    else:
        _export_linked(format_, out, ledger)
    ledger.close()


def _export_linked(format_: Format, out: Path | None, ledger: Ledger) -> None:
    from fogwatch.export import write_jsonl, write_jsonl_file
    from fogwatch.export.claimreview import claimreview_documents
    from fogwatch.export.graph import write_graph
    from fogwatch.export.reviews import Reviews

    articles, claims, statements = ledger.articles(), ledger.claims(), ledger.statements()
    if format_ is Format.claimreview:
        documents = claimreview_documents(statements, articles, claims, reviews=Reviews(ledger.reviews()))
        count = write_jsonl_file(documents, out) if out else write_jsonl(documents, sys.stdout)
        err_console.print(f"{count} ClaimReview documents written to {out or 'standard output'}")
    else:
        if out is None:
            raise UsageError(
                "--format graph needs --out FILE (.graphml for GraphML, .json for node-link JSON)"
            )
        write_graph(statements, articles, claims, out)
        err_console.print(f"provenance graphs of {len(statements)} statements written to {out}")
