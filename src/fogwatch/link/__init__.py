"""Link stage: claims across articles -> stories, and statements with origins, relays and independence."""

from fogwatch.link.corpus import LinkResult, link_corpus

__all__ = ["LinkResult", "link_corpus"]
