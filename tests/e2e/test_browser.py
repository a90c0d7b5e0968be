"""The UI in a real browser: overview, a statement's provenance graph and drift, an article's highlights,
a story opened from the overview, and a hostile article that must render inert. Screenshots of each
step go to test-artifacts/."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve import sample_ledger

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)


def make_ledger(folder: Path) -> Path:
    """The one place the browser tests get their ledger from (swap in `fogwatch run examples/demo` here)."""
    return sample_ledger.build(folder / "ledger.db")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(make_ledger(tmp_path_factory.mktemp("e2e")))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The UI over `fogwatch run examples/demo` plus one hostile article, as a user would get it."""
    import json

    import fogwatch

    folder = tmp_path_factory.mktemp("demo-e2e")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "text": "Officials said <script>alert(1)</script> and <img src=x onerror=alert(2)> that 40 soldiers "
                "were killed, according to <a href='javascript:alert(3)'>the ministry</a>.",
        "title": "<b onmouseover=alert(4)>Hostile</b> headline", "outlet": "<i>Evil</i> Outlet",
        "url": "javascript:alert(5)"}) + "\n", encoding="utf-8")
    db = folder / "demo.db"
    summary = fogwatch.run([str(DEMO), str(hostile)], db=str(db), embeddings=False)
    assert summary.exit_code == 0
    yield from _serve(db)


def _serve(db: Path) -> Iterator[str]:
    import uvicorn

    from fogwatch.serve import create_app

    app = create_app(str(db), token="e2e-token")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the UI server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog and console error."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.console_errors = []

    def on_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_walkthrough(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").first.inner_text() == "Ledger overview"
    assert page.locator("table.top tbody tr").count() >= 3
    shot(page, "01-overview")

    page.locator("table.top a", has_text="1,000 North Korean soldiers").first.click()
    page.wait_for_url(re.compile(r"/statements/st-kirby-1000$"))
    graph = page.locator(".provenance svg")
    assert graph.count() == 1
    labels = graph.locator("g.node text").all_text_contents()
    assert any("John Kirby" in t for t in labels) and any("Reuters" in t for t in labels)
    assert graph.locator("g.node.outlet").count() == 3
    assert graph.locator("path.edge").count() >= 4
    shot(page, "02-statement-provenance")

    page.goto(base_url + "/statements/st-kirby-expendable")
    assert page.locator(".variant .d-del").count() >= 2
    assert page.locator(".variant .d-ins").count() >= 2
    assert "leaders" in " ".join(page.locator(".variant .d-del").all_inner_texts())
    assert "commanders" in " ".join(page.locator(".variant .d-ins").all_inner_texts())
    shot(page, "03-statement-drift")

    page.locator("table a", has_text="White House says").first.click()
    page.wait_for_url(re.compile(r"/articles/art-reuters"))
    marks = page.locator(".article-text a.hl")
    assert marks.count() >= 2
    marks.first.click()
    popover = page.locator(".popover")
    popover.wait_for(state="visible")
    assert "John Kirby" in popover.inner_text()
    assert "said on" in popover.inner_text()
    shot(page, "04-article-popover")
    page.keyboard.press("Escape")
    assert page.locator(".popover").count() == 0
    assert page.dialogs == [] and page.console_errors == []


def test_story_from_the_overview(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    stories = page.locator("table.stories tbody tr")
    assert stories.count() == 3
    assert "John Kirby, Kursk, Reuters" in stories.first.inner_text()
    page.locator("table.stories a", has_text="White House says").click()
    page.wait_for_url(re.compile(r"/stories/story-kirby$"))
    assert page.locator("h1").inner_text() == "North Korean troops suffer heavy losses, White House says"
    assert page.locator("table.story-articles tbody tr").count() == 3
    assert page.locator("table.story-statements tbody tr").count() == 2
    assert page.locator(".crow").count() == 3
    shot(page, "10-story")

    page.locator("table.story-articles a", has_text="Kirby: 1,000").first.click()
    page.wait_for_url(re.compile(r"/articles/art-yonhap$"))
    assert page.locator(".article-text a.hl").count() >= 2
    page.locator("a[href='/stories/story-kirby']").click()
    page.wait_for_url(re.compile(r"/stories/story-kirby$"))

    page.goto(base_url + "/stories/story-xss")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == sample_ledger.XSS_STORY  # shown as text, not run
    assert page.eval_on_selector_all("script:not([src])", "els => els.length") == 0
    assert page.locator("h1 *, .meta i").count() == 0
    assert "<i>Mallory</i>" in page.locator(".meta").inner_text()
    shot(page, "11-hostile-story")
    assert page.dialogs == [] and page.console_errors == []


def test_speakers_by_entity_name(page: Any, base_url: str) -> None:
    page.goto(base_url + "/articles/art-kyiv")
    page.locator(".article-text a.hl").first.click()
    popover = page.locator(".popover")
    popover.wait_for(state="visible")
    assert "Volodymyr Zelensky (written: Wolodymyr Selenskyj)" in popover.inner_text()
    shot(page, "12-entity-popover")
    page.keyboard.press("Escape")

    page.fill(".topsearch input", "Zelensky")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Zelensky"))
    claims = page.locator(".results-claims li")
    assert claims.count() == 1 and "(written: Wolodymyr Selenskyj)" in claims.inner_text()
    claims.locator("a").click()
    page.wait_for_url(re.compile(r"/articles/art-kyiv#c-art-kyiv-a1$"))
    shot(page, "13-entity-search")
    assert page.dialogs == [] and page.console_errors == []


def test_hostile_article_is_inert(page: Any, base_url: str) -> None:
    page.goto(base_url + "/articles/art-xss")
    page.wait_for_load_state("networkidle")
    page.locator(".article-text a.hl").first.click()
    page.locator(".popover").wait_for(state="visible")
    time.sleep(0.3)
    shot(page, "05-hostile-article")

    scripts = page.eval_on_selector_all("script",
                                        "els => els.map(e => [e.getAttribute('src'), e.textContent])")
    assert scripts == [["/static/fogwatch.js", ""], ["/static/review.js", ""]]  # a token: review forms
    for attribute in ("onerror", "onload", "onclick"):
        assert page.locator(f"[{attribute}]").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("h1.article-title").inner_text() == sample_ledger.XSS_TITLE
    assert sample_ledger.XSS_OUTLET in page.locator(".meta").inner_text()
    assert "<script>alert(1)</script>" in page.locator(".article-text").inner_text()
    assert page.locator(".article-text").is_visible()  # the injected <style> did not hide the page

    for path in ("/statements/st-xss", "/conflicts?kind=attribution", "/conflicts/k-xss", "/search?q=alert",
                 "/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("[onerror], [onload]").count() == 0
        assert page.eval_on_selector_all("script:not([src])", "els => els.length") == 0
    shot(page, "06-hostile-search")
    assert page.dialogs == []
    assert page.console_errors == []


def test_timeline_conflicts_search(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    page.locator("table a").first.click()
    page.locator(".tabs a", has_text="every story together").click()
    chart = page.locator(".chart.timeline svg")
    assert chart.count() == 1
    assert chart.locator("g.series").count() == 3
    assert chart.locator("circle.pt").count() == 6
    shot(page, "07-timeline")

    page.goto(base_url + "/conflicts")
    page.select_option("select[name=kind]", "quote_drift")
    page.locator(".filters button").click()
    page.wait_for_url(re.compile(r"kind=quote_drift"))
    assert page.locator(".crow").count() == 1
    shot(page, "08-conflicts")

    page.locator(".crow a.verdict").click()
    page.wait_for_url(re.compile(r"/conflicts/k-drift$"))
    page.locator("details.review summary").click()
    page.fill("input[name=token]", "e2e-token")
    page.locator("form.review button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".meta .tag.ok").count() == 1

    page.goto(base_url + "/search?q=Kirby")
    assert page.locator(".results-speakers li a", has_text="John Kirby").count() == 1
    shot(page, "09-search")
    assert page.dialogs == [] and page.console_errors == []


def test_demo_run_in_the_browser(page: Any, demo_url: str) -> None:
    page.goto(demo_url + "/")
    assert page.locator("h1").first.inner_text() == "Ledger overview"
    shot(page, "demo-e2e-overview")
    page.locator("table.top a[href^='/statements/']").first.click()
    page.wait_for_url(re.compile(r"/statements/"))
    assert page.locator(".provenance svg g.node").count() >= 3
    shot(page, "demo-e2e-statement")
    page.goto(demo_url + "/")
    page.locator("table.stories a[href^='/stories/']").first.click()
    page.wait_for_url(re.compile(r"/stories/"))
    assert page.locator("table.story-articles tbody tr a[href^='/articles/']").count() >= 2
    shot(page, "demo-e2e-story")
    page.goto(demo_url + "/conflicts?kind=quote_drift")
    page.locator(".crow a.verdict").first.click()
    page.locator(".meta a[href^='/statements/']").first.click()
    assert page.locator(".variant .d-del").count() + page.locator(".variant .d-ins").count() >= 1
    shot(page, "demo-e2e-drift")

    page.goto(demo_url + "/articles?outlet=" + "<i>Evil</i> Outlet")
    page.locator("table a[href^='/articles/']").first.click()
    page.wait_for_load_state("networkidle")
    assert "<script>alert(1)</script>" in page.locator(".article-text").inner_text()
    assert page.locator("[onerror], [onmouseover]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.eval_on_selector_all("script:not([src])", "els => els.length") == 0
    shot(page, "demo-e2e-hostile-article")
    assert page.dialogs == [] and page.console_errors == []
