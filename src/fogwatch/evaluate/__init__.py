"""Quality measured against gold annotations: `fogwatch eval GOLD.json` runs the pipeline and scores it.

`metrics` scores an export and needs nothing else; `runner` runs the whole pipeline first.
"""

from fogwatch.evaluate.metrics import headline, score_export

__all__ = ["headline", "score_export"]
