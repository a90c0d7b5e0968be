"""Storage: the only place that speaks SQL."""

from fogwatch.ledger.store import Ledger, resolve_url

__all__ = ["Ledger", "resolve_url"]
