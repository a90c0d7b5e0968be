"""Hand-built records for the link and reconcile tests: an article from sentences, claims found in it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from fogwatch.model import Article, ArticleClaims, Attribution, Figure, Speaker, Window


@dataclass
class Doc:
    """One article under construction; ``quote`` and ``figure`` locate their text in it."""

    id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    copy_of: str | None = None
    attributions: list[Attribution] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def quote(
        self,
        id: str,
        text: str,
        speaker: str | None,
        *,
        kind: str = "direct",
        type: str | None = None,
        via: tuple[str, ...] = (),
        said_on: str | None = None,
        said_on_text: str | None = None,
        role: str | None = None,
        organization: str | None = None,
        date_flags: tuple[str, ...] = (),
    ) -> Attribution:
        start = self.text.index(text)
        speaker_type = type or ("unnamed" if speaker is None else "person")
        att = Attribution(
            id=id,
            article=self.id,
            kind=kind,
            text=text,
            start=start,
            end=start + len(text),  # type: ignore[arg-type]
            speaker=Speaker(speaker, speaker_type, role=role, organization=organization),  # type: ignore[arg-type]
            via=via,
            said_on=said_on,
            said_on_text=said_on_text,
            date_flags=date_flags,
        )
        self.attributions.append(att)
        return att

    def figure(
        self,
        id: str,
        text: str,
        value: float,
        counted: str,
        *,
        low: float | None = None,
        high: float | None = None,
        qualifier: str | None = None,
        subject: str | None = None,
        place: str | None = None,
        window: Window | None = None,
        source: str | None = None,
        via: tuple[str, ...] = (),
        attribution: str | None = None,
        said_on: str | None = None,
        source_type: str | None = None,
    ) -> Figure:
        start = self.text.index(text)
        fig = Figure(
            id=id,
            article=self.id,
            text=text,
            start=start,
            end=start + len(text),
            value=value,
            low=value if low is None and high is None else low,
            high=value if low is None and high is None else high,
            counted=counted,
            qualifier=qualifier,
            subject=subject,
            place=place,
            window=window,
            source=source,
            source_type=source_type or ("person" if source else "unnamed"),  # type: ignore[arg-type]
            via=via,
            attribution=attribution,
            said_on=said_on,
        )
        self.figures.append(fig)
        return fig

    def article(self) -> Article:
        return Article(
            id=self.id,
            source=f"{self.id}.txt",
            text=self.text,
            content_hash=hashlib.sha256(self.text.encode()).hexdigest(),
            published=self.published,
            outlet=self.outlet,
            copy_of=self.copy_of,
        )

    def claims(self) -> ArticleClaims:
        return ArticleClaims(self.id, tuple(self.attributions), tuple(self.figures))


def corpus(*docs: Doc) -> tuple[list[Article], list[ArticleClaims]]:
    """Articles and claims for a set of docs, in the order given."""
    return [d.article() for d in docs], [d.claims() for d in docs]
