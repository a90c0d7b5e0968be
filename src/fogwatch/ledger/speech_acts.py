"""Speech acts without content, in a table of their own.

A speech act ("the unions' criticism", "her proposals") names a speaker, a cue and relays like an
attribution, but has no content to link, repeat or contradict, so it is kept apart from the
attributions: nothing that reads attributions (linking, statements, counts, search, reviews) can
mistake one for a claim. `Ledger.claims` hands them back as `SpeechAct` records.
"""

from __future__ import annotations

from typing import Any

from fogwatch.ledger.tables import SpeechActRow
from fogwatch.model import Speaker, SpeechAct


def speech_act_values(act: SpeechAct) -> dict[str, Any]:
    """The row of a speech act, as column values."""
    return dict(
        id=act.id, article=act.article, text=act.text, start=act.start, end=act.end,
        speaker_name=act.speaker.name, speaker_type=act.speaker.type, speaker_mention=act.speaker.mention,
        speaker_role=act.speaker.role, speaker_organization=act.speaker.organization,
        speaker_description=act.speaker.description, cue=act.cue, cue_start=act.cue_start,
        cue_end=act.cue_end, via=list(act.via), extractor=act.extractor, source_start=act.source_start,
        source_end=act.source_end,
    )


def speech_act(r: SpeechActRow) -> SpeechAct:
    """The speech act of a row."""
    speaker = Speaker(
        name=r.speaker_name, type=r.speaker_type, mention=r.speaker_mention,  # type: ignore[arg-type]
        role=r.speaker_role, organization=r.speaker_organization, description=r.speaker_description,
    )
    return SpeechAct(
        id=r.id, article=r.article, text=r.text, start=r.start, end=r.end, speaker=speaker, cue=r.cue,
        cue_start=r.cue_start, cue_end=r.cue_end, via=tuple(r.via), extractor=r.extractor,
        source_start=r.source_start, source_end=r.source_end,
    )
