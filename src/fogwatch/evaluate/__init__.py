"""Quality measured against gold annotations: `fogwatch eval GOLD.json` runs the pipeline and scores it."""

from fogwatch.evaluate.metrics import headline, score_export
from fogwatch.evaluate.runner import evaluate_gold

__all__ = ["evaluate_gold", "headline", "score_export"]
