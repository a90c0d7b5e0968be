"""Opening a ledger made by an earlier Fogwatch: columns added since are added to it, empty.

New fields are always nullable, so an old ledger becomes a current one by adding the columns it
lacks; its rows keep what they had, and the next extraction fills the new fields. Tables that did
not exist are made by ``create_all`` before this runs.
"""

from __future__ import annotations

from sqlalchemy import Engine, MetaData, inspect, text


def add_missing_columns(engine: Engine, metadata: MetaData) -> list[str]:
    """Add each nullable column of the schema that a table in the database lacks; returns
    "table.column" for each one added."""
    existing = inspect(engine)
    added: list[str] = []
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if not existing.has_table(table.name):
                continue
            present = {c["name"] for c in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name in present or not column.nullable:
                    continue
                kind = column.type.compile(dialect=engine.dialect)
                quote = engine.dialect.identifier_preparer.quote
                statement = f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}"
                connection.execute(text(statement))
                added.append(f"{table.name}.{column.name}")
    return added
