"""`fogwatch settings`: the settings table, with defaults and what each is for."""

from __future__ import annotations

from rich.table import Table

from fogwatch.cli.console import console
from fogwatch.settings import SETTINGS


def settings_command() -> None:
    """List every setting (override one with `--set NAME=VALUE`)."""
    table = Table(title="Settings")
    for column in ("name", "default", "help"):
        table.add_column(column)
    for setting in SETTINGS:
        table.add_row(setting.name, repr(setting.default), setting.help)
    console.print(table)
