"""Exports: JSON Lines, CSV, schema.org ClaimReview and provenance graphs, all from one row form."""

from fogwatch.export.csv import flatten, write_csv_dir
from fogwatch.export.jsonl import write_jsonl, write_jsonl_file
from fogwatch.export.records import RECORD_TYPES, export_rows

__all__ = ["RECORD_TYPES", "export_rows", "flatten", "write_csv_dir", "write_jsonl", "write_jsonl_file"]
