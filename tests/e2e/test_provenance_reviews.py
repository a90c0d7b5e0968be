"""In Chromium: an outlet lights exactly its provenance path (by pointer and by keyboard, at 1400 and 390
px), and a reviewer's correction made in the page holds through `fogwatch run` and can be undone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_browser import (  # noqa: F401  (fixtures used by name)
    DEMO,
    _serve,
    base_url,
    browser,
    page,
    shot,
)

pytestmark = pytest.mark.browser
TOKEN = "e2e-token"  # the token `_serve` starts the UI with


def _lit(tab: Any) -> dict[str, list[str]]:
    return {
        "edges": tab.eval_on_selector_all(".provenance svg path.edge.lit",
                                          "els => els.map(e => e.dataset.path)"),
        "nodes": tab.eval_on_selector_all(".provenance svg g.node.lit",
                                          "els => els.map(e => e.textContent.trim().split('\\n')[0])"),
        "dim": tab.eval_on_selector_all(".provenance svg path.edge:not(.lit)", "els => els.length"),
    }


def test_an_outlet_lights_exactly_its_path(page: Any, base_url: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base_url + "/statements/st-kirby-1000")
    svg = page.locator(".provenance svg")
    assert svg.locator("g.node", has_text="Reuters").count() == 1, "the agency is drawn once"
    yonhap = svg.locator("a[data-light]", has=page.locator("g.node.outlet", has_text="Yonhap"))
    path_id = yonhap.get_attribute("data-light")
    yonhap.hover()
    lit = _lit(page)
    assert lit["edges"] == [path_id, path_id], "origin → Reuters → Yonhap, and nothing else"
    assert sorted(n.split(" ")[0].rstrip(":") for n in lit["nodes"]) == ["John", "Reuters", "Yonhap"]
    assert lit["dim"] >= 2
    shot(page, "prov-01-hover-1400")
    page.mouse.move(5, 5)
    assert _lit(page)["edges"] == []

    relay_path = page.locator(".path-list li", has_text="Daily Relay")
    relay_path.focus()  # the same paths as a keyboard-reachable list
    lit = _lit(page)
    assert lit["edges"] and set(lit["edges"]) == {relay_path.get_attribute("data-light")}
    svg.locator("a[data-light]").first.focus()
    page.keyboard.press("Tab")  # to the next node of the drawing, by keyboard
    focused = page.evaluate("document.activeElement.dataset.light")
    assert page.evaluate("!!document.activeElement.closest('svg')") and focused
    assert set(_lit(page)["edges"]) == set(focused.split(" ")), "the focused node lights its path(s)"

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "/statements/st-kirby-1000")
    box = page.locator(".provenance-graph").bounding_box()
    assert box is not None and box["width"] <= 390
    assert page.locator(".path-list li").count() == 3
    font = page.eval_on_selector(".provenance svg g.node text", "t => t.getBoundingClientRect().height")
    assert font >= 11, "names stay readable: the drawing scrolls inside its box instead of shrinking"
    shot(page, "prov-02-statement-390")
    assert page.dialogs == [] and page.console_errors == []


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import fogwatch

    db = tmp_path_factory.mktemp("review-e2e") / "demo.db"
    assert fogwatch.run([str(DEMO)], db=str(db), embeddings=False).exit_code == 0
    return db


@pytest.fixture(scope="module")
def review_url(demo_db: Path) -> Iterator[str]:
    yield from _serve(demo_db)


def test_the_demos_most_carried_statement_lights_one_outlets_path(page: Any, review_url: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(review_url + "/")
    page.locator("table.top a[href^='/statements/']").first.click()
    page.wait_for_url(re.compile(r"/statements/"))
    names = page.locator(".provenance svg g.node title").all_text_contents()
    labels = [n.split(":")[0].split(" · ")[0] for n in names]
    assert len(labels) == len(set(labels)), "each name is drawn once"
    outlets = page.locator(".provenance svg a[data-light]:has(g.node.outlet)")
    assert outlets.count() >= 2
    target = outlets.nth(outlets.count() - 1)
    own = set(target.get_attribute("data-light").split(" "))
    target.hover()
    lit = _lit(page)
    assert lit["edges"] and set(lit["edges"]) == own and lit["dim"] > 0
    shot(page, "prov-03-demo-most-carried")
    assert page.dialogs == [] and page.console_errors == []


def test_a_correction_made_in_the_page_holds_through_a_run(page: Any, review_url: str,  # noqa: F811
                                                           demo_db: Path) -> None:
    import fogwatch
    from fogwatch.export import export_rows
    from fogwatch.ledger import Ledger

    page.goto(review_url + "/articles")
    page.locator("table a[href^='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    article_url = page.url
    form = page.locator("form.correction")
    option = form.locator("select[name=ref] option[value^='attribution:']").first
    claim_ref = option.get_attribute("value")
    form.locator("select[name=ref]").select_option(claim_ref)
    form.locator("select[name=change]").select_option("speaker")
    form.locator("input[name=value]").fill("Lidiya Marosh")
    form.locator("input[name=note]").fill("the quote is hers")
    form.locator("input[name=token]").fill("wrong-token")
    form.locator("button[type=submit]").click()
    page.locator("form.correction .status", has_text="token").wait_for()  # refused, nothing written
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button[type=submit]").click()
    page.locator(".review-badge", has_text="Lidiya Marosh").wait_for()
    shot(page, "review-01-corrected")

    assert fogwatch.run([str(DEMO)], db=str(demo_db), embeddings=False).exit_code == 0
    page.goto(article_url)
    claim_id = claim_ref.split(":", 1)[1]
    card = page.locator(f"#c-{re.sub(r'[^A-Za-z0-9_.-]', '_', claim_id)}")
    assert "Lidiya Marosh" in card.inner_text() and "speaker set to" in card.inner_text()
    ledger = Ledger(str(demo_db))
    exported = [r for r in export_rows(ledger) if r["type"] == "attribution" and r["id"] == claim_id]
    ledger.close()
    assert exported[0]["speaker"]["name_in_article"] == "Lidiya Marosh" and exported[0]["review"]

    page.locator(".review-list form button", has_text="Undo").first.click()
    page.locator(".review-list li.undone").wait_for()
    assert page.locator(".review-badge").count() == 0
    shot(page, "review-02-undone")
    assert page.dialogs == [] and not [e for e in page.console_errors if "403" not in e]
