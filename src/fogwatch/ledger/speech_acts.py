"""Speech acts without content, kept in the attributions table under their own kind.

A speech act ("the unions' criticism", "her proposals") has what an attribution row holds (speaker,
cue, relays, the span of its words), so it needs no table of its own; its kind, `speech_act`, keeps
it out of every read that means attributions (`CLAIMED`): linking, statements, counts, search and
reviews see attributions only, and `Ledger.claims` hands speech acts back as `SpeechAct` records.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement

from fogwatch.ledger.tables import AttributionRow
from fogwatch.model import Speaker, SpeechAct

SPEECH_ACT = "speech_act"  # the attributions table's kind for a speech act without content
CLAIMED: ColumnElement[bool] = AttributionRow.kind != SPEECH_ACT  # rows that are attributions


def speech_act_row(act: SpeechAct) -> AttributionRow:
    """The row of a speech act: the attributions table's columns, its kind `speech_act`."""
    return AttributionRow(
        id=act.id, article=act.article, kind=SPEECH_ACT, text=act.text, start=act.start, end=act.end,
        speaker_name=act.speaker.name, speaker_type=act.speaker.type, speaker_mention=act.speaker.mention,
        speaker_role=act.speaker.role, speaker_organization=act.speaker.organization,
        speaker_description=act.speaker.description, cue=act.cue, cue_start=act.cue_start,
        cue_end=act.cue_end, via=list(act.via), said_on=None, said_on_text=None, date_flags=[],
        extractor=act.extractor, source_start=act.source_start, source_end=act.source_end,
    )


def speech_act(r: AttributionRow) -> SpeechAct:
    """The speech act of a row of kind `speech_act`."""
    speaker = Speaker(
        name=r.speaker_name, type=r.speaker_type, mention=r.speaker_mention,  # type: ignore[arg-type]
        role=r.speaker_role, organization=r.speaker_organization, description=r.speaker_description,
    )
    return SpeechAct(
        id=r.id, article=r.article, text=r.text, start=r.start, end=r.end, speaker=speaker,
        cue=r.cue or "", cue_start=r.cue_start or r.start, cue_end=r.cue_end or r.start, via=tuple(r.via),
        extractor=r.extractor, source_start=r.source_start, source_end=r.source_end,
    )
