"""Executors that run Fogwatch's stages and record each run."""

from fogwatch.pipeline.local import STAGES, LocalExecutor, RunSummary
from fogwatch.pipeline.step import Progress, SilentProgress, Step, StepStats

__all__ = ["STAGES", "LocalExecutor", "Progress", "RunSummary", "SilentProgress", "Step", "StepStats"]
