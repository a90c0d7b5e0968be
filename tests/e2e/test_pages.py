"""Every page kind of the UI over the demo run, at 1400 and 390 px, read the way a fact-checker reads
them: a screenshot of each in test-artifacts/, no page wider than a phone at 390 px, and the two
conflicts of the demo opened from the overview."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from tests.e2e.test_browser import ARGS, CHROMIUM, DEMO, shot

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
WIDTHS = (1400, 390)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The UI over `fogwatch run examples/demo`, and a path for every page kind."""
    import fogwatch
    from tests.e2e.test_browser import _serve

    db = tmp_path_factory.mktemp("pages") / "demo.db"
    assert fogwatch.run([str(DEMO)], db=str(db), embeddings=False).exit_code == 0
    for url in _serve(db):
        yield url, _page_kinds(url)


def _page_kinds(url: str) -> dict[str, str]:
    """One path per page kind, found through the JSON twins as a client would."""
    import httpx

    def get(path: str) -> Any:
        return httpx.get(url + path, timeout=30).json()

    overview = get("/index.json")
    statement = overview["top_statements"]["items"][0]["id"]
    story = overview["stories"]["items"][0]["id"]
    article = get("/articles.json")["articles"]["items"][0]["id"]
    quantity = overview["quantities"]["items"][0]["quantity"]
    conflict = get("/conflicts.json")["conflicts"]["items"][0]["id"]
    return {
        "overview": "/", "stories": "/stories", "story": f"/stories/{quote(story)}",
        "statements": "/statements", "statement": f"/statements/{quote(statement)}",
        "articles": "/articles", "article": f"/articles/{quote(article)}",
        "conflicts": "/conflicts", "conflict": f"/conflicts/{quote(conflict)}",
        "timelines": "/timeline", "timeline": f"/timeline?quantity={quote(quantity)}",
        "search": "/search?q=Halvanenko", "rejected": "/rejected", "error": "/no-such-page",
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


def _context(browser: Any, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.on("dialog", lambda d: (page.console_errors.append(f"dialog: {d.message}"), d.dismiss()))
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_fits_the_screen(browser: Any, demo: tuple[str, dict[str, str]], width: int) -> None:
    url, kinds = demo
    context, page = _context(browser, width)
    try:
        for kind, path in kinds.items():
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            shot(page, f"page-{kind}-{width}")
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{kind} ({path}) is {wide} px wide at {width} px"
            if kind == "error":
                continue
            search = page.locator(".topsearch input")
            assert search.is_visible(), f"{kind}: the search box is hidden at {width} px"
            for link in page.locator(".topbar .nav a").all():
                box = link.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (kind, box)
        assert page.console_errors == []
    finally:
        context.close()


def test_figure_conflict_names_who_reported_which_figure(browser: Any, demo: tuple[str, dict[str, str]],
                                                         ) -> None:
    url, _kinds = demo
    context, page = _context(browser, 1400)
    try:
        page.goto(url + "/")
        row = page.locator(".crow", has=page.locator(".tag.figure"))
        assert row.count() == 1
        row.locator("a.verdict").click()
        page.wait_for_url(re.compile(r"/conflicts/k-[0-9a-f]+$"))
        verdict = page.locator("h1").inner_text()
        assert "Irena Voskova says no more than 340" in verdict
        assert "Tymofiy Halvanenko says about 1,200" in verdict
        assert page.locator(".side").count() == 2
        reported = set()
        for block in page.locator(".side-article").all():
            outlet = block.locator(".outlet").inner_text()
            for claim in block.locator(".side-claim").all():
                who = claim.locator(".claim-facts b").first.inner_text()
                figures = " ".join(claim.locator(".figure-value").all_inner_texts())
                reported.add((outlet, who, figures))
                assert claim.locator("mark.m-disputed").count() >= 1  # the figure's words, in the sentence
        voskova = ("Castellan Press", "Irena Voskova", "no more than 300 wounded no more than 40 killed")
        ministry = ("The Kestrian Herald", "Kestrian Ministry of Defence", "about 1,200 killed or wounded")
        assert voskova in reported and ministry in reported
        assert any(o == "Harwick Telegraph" and w == "Tymofiy Halvanenko" for o, w, _f in reported)
        dissent = page.locator(".side.dissent")
        assert dissent.count() == 1 and "Irena Voskova" in dissent.locator("h2").inner_text()
        for side in page.locator(".side").all():  # each claim once: never again as a separate figure
            ids = [c.get_attribute("id") for c in side.locator(".side-claim").all()]
            assert len(ids) == len(set(ids))
        assert page.locator(".article-list li").count() == 10
        shot(page, "conflict-figure-from-overview")
        assert page.console_errors == []
    finally:
        context.close()


def test_date_conflict_marks_the_dissenting_outlet(browser: Any, demo: tuple[str, dict[str, str]]) -> None:
    url, _kinds = demo
    context, page = _context(browser, 1400)
    try:
        page.goto(url + "/")
        page.locator(".crow", has=page.locator(".tag.date")).locator("a.verdict").click()
        page.wait_for_url(re.compile(r"/conflicts/k-[0-9a-f]+$"))
        assert page.locator("h1").inner_text() == (
            "Lowland Courier dates Tymofiy Halvanenko's statements Friday 13 March; "
            "six outlets say Thursday 12 March")
        dissent = page.locator(".side.dissent")
        assert dissent.count() == 1
        assert dissent.locator(".dissent-tag").inner_text().lower() == "dissenting"
        assert {o.inner_text() for o in dissent.locator(".outlet").all()} == {"Lowland Courier"}
        assert "Friday 13 March" in dissent.locator("h2").inner_text()
        marked = dissent.locator("mark.m-disputed").all_inner_texts()
        assert marked and all(m == "on Friday" for m in marked)
        majority = page.locator(".side:not(.dissent) .outlet").all_inner_texts()
        assert "Lowland Courier" not in majority and len(set(majority)) == 6
        figures = page.locator(".side-claim .figure-value").count()
        assert figures == page.locator(".side-claim:has(.figure-value)").count()  # folded into its sentence
        shot(page, "conflict-date-from-overview")
        assert page.console_errors == []
    finally:
        context.close()


def test_statement_prints_without_the_site_around_it(browser: Any, demo: tuple[str, dict[str, str]]) -> None:
    url, kinds = demo
    context, page = _context(browser, 1400)
    try:
        page.goto(url + kinds["statement"])
        page.emulate_media(media="print")
        assert not page.locator(".topbar").is_visible() and not page.locator("footer").is_visible()
        assert page.locator("h1").is_visible() and page.locator(".variants").is_visible()
        shot(page, "page-statement-print")
    finally:
        context.close()
