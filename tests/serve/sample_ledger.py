"""A small hand-made ledger for the UI tests: three outlets relaying one briefing, a Kyiv figure, a
syndicated copy, conflicts of each kind, a timeline, stories, entities whose articles spell them
differently (the Kyiv report's "Wolodymyr Selenskyj"), and one hostile article full of HTML."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fogwatch.ledger import Ledger
from fogwatch.link.origins import fold
from fogwatch.model import (
    Article,
    ArticleClaims,
    Attribution,
    Conflict,
    Entity,
    Figure,
    Rejected,
    Speaker,
    Statement,
    Story,
    TimelinePoint,
    Window,
)

KIRBY = Speaker("John Kirby", "person", "Kirby", role="White House spokesperson")
SELENSKYJ = Speaker("Wolodymyr Selenskyj", "person", "Selenskyj", role="Ukrainian President")  # Zelensky
QUANTITY = "killed_or_wounded | north korean soldiers | kursk"

REUTERS_TEXT = (
    "North Korean troops suffer heavy losses, White House says\n"
    "John Kirby, speaking for the White House, told reporters on Friday that about 1,000 North Korean "
    "soldiers were killed or wounded in the Kursk region in the past week.\n"
    "\u201cIt is evident that the commanders in Moscow and Pyongyang see these units as expendable, "
    "ordering them into hopeless attacks across the frozen fields,\u201d Kirby said.\n"
)
YONHAP_TEXT = (
    "According to John Kirby, as cited by Reuters, approximately 1,000 North Korean soldiers were "
    "killed or injured over just the past week.\n"
    "\u201cIt is clear that the leaders in Moscow and Pyongyang see these troops as expendable, "
    "ordering them into hopeless assaults across the frozen fields,\u201d Kirby stated.\n"
)
KYIV_TEXT = (
    "Zelensky: North Korean losses pass 3,000\n"
    "More than 3,000 North Korean soldiers have been killed or wounded in Kursk since they arrived in "
    "October, Ukrainian President Wolodymyr Selenskyj said on Monday.\n"
)
XSS_TITLE = "<img src=x onerror=alert(1)> Breaking <script>alert('title')</script>"
XSS_OUTLET = "<b>Evil</b> Outlet<script>alert('outlet')</script>"
XSS_STORY = "<script>alert('story')</script> Mallory's <b>week</b>"
XSS_TEXT = (
    "An unusual dispatch.\n"
    "Mallory said: \"<script>alert(1)</script> 500 soldiers were lost\" according to sources.\n"
    "See <img src=x onerror=alert(1)> and <a href=\"javascript:alert(1)\">this link</a> for more.\n"
    "</div></pre><style>body{display:none}</style> The end.\n"
)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _attribution(aid: str, article: str, text: str, words: str, speaker: Speaker, kind: str,
                 **extra: object) -> Attribution:
    start, end = _span(text, words)
    return Attribution(id=aid, article=article, kind=kind, text=words, start=start, end=end,  # type: ignore[arg-type]
                       speaker=speaker, **extra)  # type: ignore[arg-type]


def _figure(fid: str, article: str, text: str, words: str, value: float, low: float | None,
            high: float | None, **extra: object) -> Figure:
    start, end = _span(text, words)
    return Figure(id=fid, article=article, text=words, start=start, end=end, value=value, low=low, high=high,
                  counted="killed_or_wounded", subject="North Korean soldiers", **extra)  # type: ignore[arg-type]


def articles() -> list[Article]:
    """The five stored articles."""
    return [
        Article("art-reuters", "reuters.txt", REUTERS_TEXT, _hash(REUTERS_TEXT), "https://example.org/reuters/1",
                "North Korean troops suffer heavy losses, White House says", "Reuters", "2024-12-27"),
        Article("art-yonhap", "yonhap.html", YONHAP_TEXT, _hash(YONHAP_TEXT), "https://example.org/yonhap/2",
                "Kirby: 1,000 North Korean casualties in a week", "Yonhap", "2024-12-28", format="html"),
        Article("art-copy", "relay.html", YONHAP_TEXT + "\n(Distributed by Daily Relay.)\n",
                _hash(YONHAP_TEXT + "copy"), "https://example.org/relay/3",
                "Kirby: 1,000 North Korean casualties in a week", "Daily Relay", "2024-12-29", format="html",
                copy_of="art-yonhap"),
        Article("art-kyiv", "kyiv.txt", KYIV_TEXT, _hash(KYIV_TEXT), "https://example.org/kyiv/4",
                "Zelensky: North Korean losses pass 3,000", "Kyiv Independent", "2024-12-23"),
        Article("art-xss", "<script>alert('source')</script>.html", XSS_TEXT, _hash(XSS_TEXT),
                "javascript:alert('url')", XSS_TITLE, XSS_OUTLET, "2024-12-30", format="html"),
    ]


REUTERS_SAID = ("about 1,000 North Korean soldiers were killed or wounded in the Kursk region in the past "
                "week")
REUTERS_QUOTE = ("It is evident that the commanders in Moscow and Pyongyang see these units as expendable, "
                 "ordering them into hopeless attacks across the frozen fields")
YONHAP_SAID = "approximately 1,000 North Korean soldiers were killed or injured over just the past week"
YONHAP_QUOTE = ("It is clear that the leaders in Moscow and Pyongyang see these troops as expendable, "
                "ordering them into hopeless assaults across the frozen fields")
KYIV_SAID = ("More than 3,000 North Korean soldiers have been killed or wounded in Kursk since they arrived "
             "in October")
KIRBY_1000 = "Kirby: about 1,000 North Korean soldiers killed or wounded in the past week"


def claims() -> list[ArticleClaims]:
    """Attributions and figures with offsets into the texts above."""
    copy_text = YONHAP_TEXT + "\n(Distributed by Daily Relay.)\n"
    week = Window("in the past week", "2024-12-20", "2024-12-27", False)
    kirby = {"source": "John Kirby", "source_type": "person"}
    out = [ArticleClaims("art-reuters", (
        _attribution("art-reuters-a1", "art-reuters", REUTERS_TEXT, REUTERS_SAID, KIRBY, "indirect",
                     cue="said", said_on="2024-12-27", said_on_text="on Friday"),
        _attribution("art-reuters-a2", "art-reuters", REUTERS_TEXT, REUTERS_QUOTE, KIRBY, "direct",
                     cue="said", said_on="2024-12-27"),
    ), (
        _figure("art-reuters-f1", "art-reuters", REUTERS_TEXT, "about 1,000 North Korean soldiers",
                1000, 1000, 1000, qualifier="about", window=week, place="Kursk",
                attribution="art-reuters-a1", said_on="2024-12-27", **kirby),
    ))]
    saturday = ("weekday Saturday does not match 2024-12-27 (Friday)",)
    for aid, text, via in (("art-yonhap", YONHAP_TEXT, ("Reuters",)),
                           ("art-copy", copy_text, ("Reuters News Agency",))):
        out.append(ArticleClaims(aid, (
            _attribution(f"{aid}-a1", aid, text, YONHAP_SAID, KIRBY, "indirect", cue="According to",
                         via=via, said_on="2024-12-27", date_flags=saturday),
            _attribution(f"{aid}-a2", aid, text, YONHAP_QUOTE, KIRBY, "direct", cue="stated", via=via),
        ), (
            _figure(f"{aid}-f1", aid, text, "approximately 1,000 North Korean soldiers", 1000, 1000, 1000,
                    qualifier="approximately", window=week, via=via, attribution=f"{aid}-a1", **kirby),
        )))
    since = Window("Since their arrival in October", "2024-10-01", None, True)
    out.append(ArticleClaims("art-kyiv", (
        _attribution("art-kyiv-a1", "art-kyiv", KYIV_TEXT, KYIV_SAID, SELENSKYJ, "indirect", cue="said",
                     said_on="2024-12-23", said_on_text="on Monday"),
    ), (
        _figure("art-kyiv-f1", "art-kyiv", KYIV_TEXT, "More than 3,000 North Korean soldiers",
                3000, 3000, None, qualifier="more than", window=since, source="Wolodymyr Selenskyj",
                source_type="person", attribution="art-kyiv-a1"),
    )))
    mallory = Speaker("<i>Mallory</i>", "person", "Mallory", role="<b>spy</b>")
    out.append(ArticleClaims("art-xss", (
        _attribution("art-xss-a1", "art-xss", XSS_TEXT, "<script>alert(1)</script> 500 soldiers were lost",
                     mallory, "direct", cue="said", via=("<svg onload=alert(1)>",)),
        _attribution("art-xss-a2", "art-xss", XSS_TEXT, "<img src=x onerror=alert(1)>",
                     Speaker(None, "unnamed", "sources", description="<u>sources</u>"), "indirect"),
    ), (
        _figure("art-xss-f1", "art-xss", XSS_TEXT, "500 soldiers", 500, 500, 500,
                source="<i>Mallory</i>"),
    )))
    return out


def statements() -> list[Statement]:
    """Statements grouping the claims across articles."""
    arts = ("art-reuters", "art-yonhap", "art-copy")
    why = "Three outlets, one briefing: Yonhap and Daily Relay carry Reuters' report."
    return [
        Statement("st-kirby-1000", KIRBY_1000, "John Kirby",
                  ("art-reuters-a1", "art-reuters-f1", "art-yonhap-a1", "art-yonhap-f1", "art-copy-a1",
                   "art-copy-f1"), arts, ("Reuters",), 1, "2024-12-27", "art-reuters", why),
        Statement("st-kirby-expendable", "Kirby: commanders treat North Korean units as expendable",
                  "John Kirby", ("art-reuters-a2", "art-yonhap-a2", "art-copy-a2"), arts, ("Reuters",), 1,
                  "2024-12-27", "art-reuters"),
        Statement("st-zelensky-3000", "Zelensky: more than 3,000 North Korean soldiers killed or wounded",
                  "Volodymyr Zelensky", ("art-kyiv-a1", "art-kyiv-f1"), ("art-kyiv",), (), 1, "2024-12-23",
                  "art-kyiv"),
        Statement("st-xss", "<script>alert('what')</script> Mallory's claim", "<i>Mallory</i>",
                  ("art-xss-a1", "art-xss-f1"), ("art-xss",), ("<svg onload=alert(1)>",), 1, None, "art-xss"),
    ]


def conflicts() -> list[Conflict]:
    """One conflict of each kind."""
    windows = "1,000 in a week (Kirby) against more than 3,000 since October (Zelensky): different windows"
    return [
        Conflict("k-figure", "figure", ("art-reuters-f1", "art-kyiv-f1"), windows, "disagreement",
                 "st-kirby-1000", (("Kirby", "1,000"), ("Zelensky", "> 3,000"))),
        Conflict("k-date", "date", ("art-yonhap-a1",), "dated Saturday, but December 27 was a Friday", None,
                 "st-kirby-1000"),
        Conflict("k-drift", "quote_drift", ("art-reuters-a2", "art-yonhap-a2"),
                 "the same quotation in two wordings (evident/clear, commanders/leaders)", "wording",
                 "st-kirby-expendable"),
        Conflict("k-xss", "attribution", ("art-xss-a1",),
                 "<script>alert('why')</script> given to two speakers", None, "st-xss",
                 (("<b>key</b>", "<img src=x onerror=alert(1)>"),)),
    ]


def timeline() -> list[TimelinePoint]:
    """Claims about one quantity from three parties over a month."""
    q, nis, zelensky, kirby = QUANTITY, "South Korea NIS", "Volodymyr Zelensky", "John Kirby"
    return [
        TimelinePoint(q, nis, "2024-12-19", 1000, 1100, 1200, True, True, (), None),
        TimelinePoint(q, zelensky, "2024-12-23", 3000, 3000, None, True, True, ("art-kyiv-f1",),
                      "st-zelensky-3000"),
        TimelinePoint(q, kirby, "2024-12-27", 1000, 1000, 1000, False, True, ("art-reuters-f1",),
                      "st-kirby-1000"),
        TimelinePoint(q, kirby, "2024-12-28", 1000, 1000, 1000, False, False, ("art-yonhap-f1",),
                      "st-kirby-1000"),
        TimelinePoint(q, zelensky, "2025-01-06", 3800, 3800, 3800, True, True, (), None),
        TimelinePoint(q, nis, "2025-01-13", 3000, 3000, 3000, True, True, (), None),
        TimelinePoint(q, "<b>party</b>", None, 10, 10, 10, None, True, (), None),
        TimelinePoint("deployed | north korean troops | russia", nis, "2024-11-01", 10000, 11000, 12000,
                      True, True, (), None),
    ]


def stories() -> list[Story]:
    """The briefing (three articles, one a copy), the Kyiv report, and the hostile article's story."""
    return [
        Story("story-kirby", ("art-reuters", "art-yonhap", "art-copy"),
              "North Korean troops suffer heavy losses, White House says",
              ("John Kirby", "Kursk", "Reuters")),
        Story("story-kyiv", ("art-kyiv",), "Zelensky: North Korean losses pass 3,000",
              ("Volodymyr Zelensky", "Kursk")),
        Story("story-xss", ("art-xss",), XSS_STORY, ("<i>Mallory</i>",)),
    ]


def entities() -> list[Entity]:
    """One name per speaker and relay, with the spellings the articles use; Mallory's name is hostile."""
    return [
        Entity("john kirby", "John Kirby", "person", ("john kirby",)),
        Entity("volodymyr zelensky", "Volodymyr Zelensky", "person",
               ("volodymyr zelensky", "wolodymyr selenskyj")),
        Entity("reuters", "Reuters", "organization", ("reuters", "reuters news agency")),
        Entity("mallory", "<b>Mallory</b> the spy", "person", (fold("<i>Mallory</i>"),)),
    ]


def build(path: Path) -> Path:
    """Write the sample ledger to path (a new SQLite file) through `Ledger`, and return the path."""
    ledger = Ledger(str(path))
    try:
        run = ledger.begin_run("run", {"embeddings": False}, {"fogwatch": "test"})
        for article in articles():
            ledger.add_article(article, run)
        ledger.replace_claims(claims(), "test.v1")
        ledger.replace_links(statements(), conflicts(), timeline(), entities(), stories())
        ledger.add_rejected(Rejected("<script>alert('input')</script>.pdf", "binary file, not text",
                                     "convert it to text first"), run)
        ledger.add_rejected(Rejected("empty.txt", "empty file", "remove it"), run)
        ledger.finish_run(run, {"articles": 5, "rejected": 2, "attributions": 10})
    finally:
        ledger.close()
    return path
