"""The web UI over a small hand-made ledger: pages, JSON twins, the error shape, the token and escaping."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from fogwatch.errors import StorageError
from fogwatch.serve import create_app
from tests.serve import sample_ledger

TOKEN = "s3cret-token"
PAGES = ["/", "/statements", "/statements/st-kirby-1000", "/statements/st-xss", "/articles",
         "/articles/art-reuters", "/articles/art-xss", "/conflicts", "/conflicts?kind=figure&status=open",
         "/timeline", "/timeline?" + urlencode({"quantity": sample_ledger.QUANTITY}), "/search?q=kirby",
         "/search?q=alert&in=claims", "/rejected", "/stories", "/stories/story-kirby", "/stories/story-xss"]


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_ledger.build(tmp_path_factory.mktemp("serve") / "ledger.db")


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    """A fresh ledger per test, since one test writes a review."""
    return TestClient(create_app(str(sample_ledger.build(tmp_path / "ledger.db")), token=TOKEN))


@pytest.fixture(scope="module")
def reader_client(ledger_path: Path) -> TestClient:
    return TestClient(create_app(str(ledger_path)))


def _json(url: str) -> str:
    path, _, query = url.partition("?")
    return ("/index.json" if path == "/" else path + ".json") + (f"?{query}" if query else "")


def test_overview(reader_client: TestClient) -> None:
    html = reader_client.get("/")
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    assert "Most-repeated statements" in html.text and "Rejected inputs" in html.text
    data = reader_client.get("/index.json").json()
    assert data["counts"] == {"articles": 5, "copies": 1, "attributions": 9, "figures": 5, "statements": 4,
                              "conflicts": 4, "open_conflicts": 4, "rejected": 2,
                              "stories": 3}
    top = {s["id"]: s for s in data["top_statements"]["items"]}
    assert top["st-kirby-1000"]["outlet_count"] == 3
    assert top["st-kirby-1000"]["independent_origins"] == 1
    assert data["quantities"]["items"][0] == {"quantity": sample_ledger.QUANTITY, "points": 7,
                                              "first": "2024-12-19", "last": "2025-01-13"}
    assert {r["reason"] for r in data["rejected"]["items"]} == {"binary file, not text", "empty file"}
    assert data["last_run"]["stats"]["articles"] == 5


def test_statement_page(reader_client: TestClient) -> None:
    html = reader_client.get("/statements/st-kirby-1000").text
    svg = html[html.index('<div class="chart provenance">'):]
    assert "<svg" in svg and 'class="node origin"' in svg and 'class="node relay outlet"' in svg
    data = reader_client.get("/statements/st-kirby-1000.json").json()
    assert data["statement"]["origin"] == "John Kirby"
    nodes = {n["id"]: n for n in data["graph"]["nodes"]}
    assert {n["role"] for n in nodes.values()} == {"origin", "relay", "outlet"}
    outlets = {n["label"] for n in nodes.values() if n["role"] == "outlet"}
    assert outlets == {"Reuters", "Yonhap", "Daily Relay"}
    edges = {(e["source"], e["target"]): e for e in data["graph"]["edges"]}
    assert edges[("origin", "relay:Reuters")]["count"] == 4
    assert edges[("relay:Reuters", "outlet:Daily Relay")]["reprint"] is True
    assert edges[("origin", "outlet:Reuters")]["reprint"] is False
    assert [a["id"] for a in data["articles"]["items"]] == ["art-reuters", "art-yonhap", "art-copy"]
    assert {c["id"] for c in data["conflicts"]} == {"k-figure", "k-date"}


def test_statement_wording_diff(reader_client: TestClient) -> None:
    data = reader_client.get("/statements/st-kirby-expendable.json").json()
    base, variant = data["variants"]
    assert base["count"] == 2 and base["diff"] is None and set(base["outlets"]) == {"Yonhap", "Daily Relay"}
    deleted = " ".join(text for op, text in variant["diff"]["base"] if op == "del")
    inserted = " ".join(text for op, text in variant["diff"]["variant"] if op == "ins")
    assert "clear" in deleted and "leaders" in deleted
    assert "evident" in inserted and "commanders" in inserted
    assert variant["diff"]["rating"] == "wording"
    assert "".join(text for _, text in variant["diff"]["variant"]) == variant["text"]
    html = reader_client.get("/statements/st-kirby-expendable").text
    assert '<span class="d-ins">evident</span>' in html


def test_article_page_highlights(reader_client: TestClient) -> None:
    html = reader_client.get("/articles/art-reuters").text
    assert re.search(r'<a class="hl hl-said" href="#c-art-reuters-a1" data-claims="c-art-reuters-a1">', html)
    assert 'data-claims="c-art-reuters-a1 c-art-reuters-f1"' in html  # the figure inside the attribution
    assert 'id="c-art-reuters-f1"' in html and "(“on Friday”)" in html
    data = reader_client.get("/articles/art-reuters.json").json()["article"]
    assert [a["statement"]["id"] for a in data["attributions"]] == ["st-kirby-1000", "st-kirby-expendable"]
    first = data["attributions"][0]
    assert data["text"][first["start"]:first["end"]] == first["text"]
    yonhap = reader_client.get("/articles/art-yonhap.json").json()["article"]
    assert [c["id"] for c in yonhap["copies"]] == ["art-copy"]
    copy = reader_client.get("/articles/art-copy.json").json()["article"]
    assert copy["copy_of_article"]["outlet"] == "Yonhap"
    assert "weekday Saturday does not match" in reader_client.get("/articles/art-yonhap").text


def test_conflicts_filter_and_pages(reader_client: TestClient) -> None:
    data = reader_client.get("/conflicts.json?kind=figure").json()
    assert data["conflicts"]["total"] == 1
    (conflict,) = data["conflicts"]["items"]
    assert conflict["id"] == "k-figure"
    assert [c["outlet"] for c in conflict["claims"]] == ["Reuters", "Kyiv Independent"]
    assert {k["kind"]: k["total"] for k in data["kinds"]} == {
        "attribution": 1, "date": 1, "figure": 1, "quote_drift": 1}
    assert reader_client.get("/conflicts.json?status=reviewed").json()["conflicts"]["total"] == 0
    page2 = reader_client.get("/conflicts.json?page=2").json()["conflicts"]
    assert page2["items"] == [] and page2["total"] == 4 and page2["pages"] == 1
    html = reader_client.get("/conflicts?kind=quote_drift").text
    assert "the same quotation in two wordings" in html and "Mark reviewed" not in html  # read-only server


def test_timeline(reader_client: TestClient) -> None:
    listing = reader_client.get("/timeline.json").json()["quantities"]
    assert listing["total"] == 2
    one_story = reader_client.get("/timeline.json?" + urlencode({"quantity": sample_ledger.QUANTITY})).json()
    assert one_story["story"] == one_story["stories"][0]["id"] and len(one_story["stories"]) > 1
    assert 0 < len(one_story["points"]) < 7  # figures from another event are not on this story's chart
    every = {"quantity": sample_ledger.QUANTITY, "story": "all"}
    data = reader_client.get("/timeline.json?" + urlencode(every)).json()
    assert len(data["points"]) == 7 and data["points"][-1]["date"] is None  # undated last
    parties = [p["party"] for p in data["parties"]]
    assert parties[:3] == ["South Korea NIS", "Volodymyr Zelensky", "John Kirby"]
    html = reader_client.get("/timeline?" + urlencode(every)).text
    assert html.count('<g class="series"') == 3  # the undated point is listed, not drawn
    assert html.count('<circle class="pt') == 6 and 'class="pt hollow"' in html
    assert "&lt;b&gt;party&lt;/b&gt;" in html
    missing = reader_client.get("/timeline.json?quantity=nothing")
    assert missing.status_code == 404 and "nothing" in missing.json()["error"]["message"]


def test_search(reader_client: TestClient) -> None:
    data = reader_client.get("/search.json?q=kirby").json()["results"]
    assert [s["name"] for s in data["speakers"]["items"]] == ["John Kirby"]
    assert data["speakers"]["items"][0]["statements"] == 2
    assert data["statements"]["total"] == 2
    outlets = reader_client.get("/search.json?q=YONHAP").json()["results"]["outlets"]["items"]
    assert outlets == [{"name": "Yonhap", "articles": 1}]
    claims = reader_client.get("/search.json?q=expendable&in=claims").json()
    assert list(claims["results"]) == ["claims"] and claims["results"]["claims"]["total"] == 3
    assert reader_client.get("/search.json?q=%25").json()["results"]["claims"]["total"] == 0  # LIKE escaped
    assert reader_client.get("/search.json?q=").json()["results"] == {}
    assert reader_client.get("/search.json?q=x&in=nowhere").status_code == 422


@pytest.mark.parametrize("url", PAGES)
def test_json_twins(reader_client: TestClient, url: str) -> None:
    twin = reader_client.get(_json(url))
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    negotiated = reader_client.get(url, headers={"Accept": "application/json"})
    assert negotiated.json() == twin.json()
    html = reader_client.get(url)
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    assert f'href="{_json(url).replace("&", "&amp;")}"' in html.text


@pytest.mark.parametrize("url", ["/statements/nope", "/articles/nope", "/stories/nope", "/no/such/page",
                                 "/conflicts?page=0", "/stories/story-kirby?statements_page=0"])
def test_one_error_shape(reader_client: TestClient, url: str) -> None:
    path, _, query = url.partition("?")
    status = 422 if "page=0" in url else 404
    for response in (reader_client.get(path + ".json" + (f"?{query}" if query else "")),
                     reader_client.get(url, headers={"Accept": "application/json"})):
        assert response.status_code == status
        body = response.json()
        assert set(body) == {"error"} and body["error"]["status"] == status
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    page = reader_client.get(url)
    assert page.status_code == status and "text/html" in page.headers["content-type"]
    assert f"Error {status}" in page.text
    if "nope" in url:
        assert "no statement" in page.text or "no article" in page.text or "no story" in page.text


def test_review_needs_the_token(client: TestClient) -> None:
    url = "/conflicts/k-drift/review"
    refused = client.post(url, headers={"Accept": "application/json"})
    assert refused.status_code == 403 and refused.json()["error"]["status"] == 403
    wrong = client.post(url, headers={"Authorization": "Bearer nope", "Accept": "application/json"})
    assert wrong.status_code == 403
    assert client.post(url, data={"token": "nope"}).status_code == 403
    assert client.get("/conflicts.json?status=reviewed").json()["conflicts"]["total"] == 0
    assert client.get("/index.json").json()["counts"]["open_conflicts"] == 4  # now cached
    ok = client.post(url, headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
    assert ok.status_code == 200 and ok.json() == {"id": "k-drift", "reviewed": True}
    reviewed = client.get("/conflicts.json?status=reviewed").json()["conflicts"]["items"]
    assert [c["id"] for c in reviewed] == ["k-drift"]
    assert client.get("/index.json").json()["counts"]["open_conflicts"] == 3  # the write refreshed the cache
    form = client.post(url, data={"token": TOKEN, "reviewed": "false", "next": "/conflicts?kind=quote_drift"},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/conflicts?kind=quote_drift"
    assert client.get("/conflicts.json?status=reviewed").json()["conflicts"]["total"] == 0
    offsite = client.post(url, data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False)
    assert offsite.headers["location"] == "/conflicts"
    missing = client.post("/conflicts/nope/review", headers={"Authorization": f"Bearer {TOKEN}"})
    assert missing.status_code == 404
    assert "Mark reviewed" in client.get("/conflicts/k-figure").text  # on the conflict's own page


def test_read_only_server_refuses_writes(reader_client: TestClient) -> None:
    response = reader_client.post("/conflicts/k-drift/review", data={"token": ""},
                                  headers={"Accept": "application/json"})
    assert response.status_code == 403 and "read-only" in response.json()["error"]["message"]
    assert reader_client.get("/conflicts.json?status=reviewed").json()["conflicts"]["total"] == 0


@pytest.mark.parametrize("url", ["/", "/index.json", "/no/such/page", "/static/fogwatch.css",
                                 "/openapi.json"])
def test_security_headers(reader_client: TestClient, url: str) -> None:
    headers = reader_client.get(url).headers
    csp = headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("url", PAGES)
def test_pages_need_no_inline_script_or_style(reader_client: TestClient, url: str) -> None:
    html = reader_client.get(url).text
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts[0] == '<script src="/static/fogwatch.js" defer>'
    assert all(re.fullmatch(r'<script src="/static/[a-z]+\.js" defer>', tag) for tag in scripts)
    assert html.count("</script>") == len(scripts) == len(re.findall(r"<script[^>]*></script>", html))
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"<[^>]+\son\w+=", html)


def test_hostile_article_is_escaped(reader_client: TestClient) -> None:
    html = reader_client.get("/articles/art-xss").text
    assert "<img" not in html and "<svg onload" not in html and "<i>Mallory" not in html
    assert "<b>Evil" not in html and "<style>body" not in html and "</div></pre>" not in html
    assert 'href="javascript:' not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href=&#34;javascript:alert(1)&#34;' in html or "href=&quot;javascript:alert(1)&quot;" in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt; Breaking &lt;script&gt;" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; Outlet&lt;script&gt;" in html
    assert "javascript:alert(&#39;url&#39;)</code>" in html  # shown as text, not linked
    for url in ("/statements/st-xss", "/conflicts", "/", "/search?q=alert", "/search?q=Evil&in=outlets"):
        page = reader_client.get(url).text
        assert "<script>alert" not in page and "<img" not in page and "<svg onload" not in page, url


def test_foreign_host_is_refused(reader_client: TestClient) -> None:
    response = reader_client.get("/index.json", headers={"Host": "evil.example"})
    assert response.status_code == 400 and response.json()["error"]["status"] == 400
    assert "content-security-policy" in response.headers
    assert reader_client.get("/index.json", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_openapi_lists_the_json_twins(reader_client: TestClient) -> None:
    spec = reader_client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/index.json", "/statements/{statement_id}.json", "/articles/{article_id}.json",
            "/conflicts.json", "/timeline.json", "/search.json", "/rejected.json", "/stories.json",
            "/stories/{story_id}.json"} <= paths
    assert not any(p in paths for p in ("/", "/statements/{statement_id}"))
    assert "ErrorBody" in spec["components"]["schemas"]
    assert reader_client.get("/docs").status_code == 404  # Swagger UI needs inline scripts: off


def test_missing_ledger_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no ledger at"):
        create_app(str(tmp_path / "absent.db"))
    assert not (tmp_path / "absent.db").exists()


BIG_TABLES = {"articles", "attributions", "figures", "statement_members", "conflicts", "timeline",
              "story_members"}


def test_every_query_is_index_backed(ledger_path: Path) -> None:
    """No page reads a big table row by row: each query searches an index or scans a covering one.

    Two planned exceptions: the statements-text search scans statements under a time budget, and the
    unfiltered conflicts list walks the table in rowid order, stopping at the page (LIMIT/OFFSET).
    """
    app = create_app(str(ledger_path))
    engine = app.state.reader.engine
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    client = TestClient(app)
    more = ["/statements?origin=John+Kirby", "/articles?outlet=Reuters", "/conflicts?status=open",
            "/search?q=kirby&in=statements", "/search?q=kirby&in=speakers", "/search?q=reuters&in=outlets",
            "/stories/story-kyiv?statements_page=2&conflicts_page=2"]
    for url in [*PAGES, *more]:
        assert client.get(url).status_code == 200
    event.remove(engine, "before_cursor_execute", record)
    raw = sqlite3.connect(ledger_path)
    bad = []
    for statement, parameters in seen:
        for *_, detail in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall():
            table = detail.split()[1] if detail.startswith("SCAN ") else None
            bounded_walk = re.search(rf"FROM {table} ORDER BY {table}\.rowid DESC\s+LIMIT", statement)
            if table in BIG_TABLES and "INDEX" not in detail and not bounded_walk:
                bad.append((detail, statement))
    raw.close()
    assert not bad, "\n\n".join(f"{d}\n{s}" for d, s in bad)


def test_conflict_page_and_filters(reader_client: TestClient) -> None:
    page = reader_client.get("/conflicts/k-figure.json").json()
    assert page["conflict"]["id"] == "k-figure" and page["verdict"]
    assert [s["dissent"] for s in page["sides"]].count(True) <= 1
    assert {a["id"] for a in page["articles"]} == {"art-reuters", "art-kyiv"}
    main = reader_client.get("/conflicts/k-figure").text.split("<main>")[1].split("</main>")[0]
    assert "k-figure" not in main.replace("/conflicts/k-figure/review", "")  # ids stay in the JSON twin
    missing = reader_client.get("/conflicts/k-nothing.json")
    assert missing.status_code == 404 and "k-nothing" in missing.json()["error"]["message"]
    by_story = reader_client.get("/conflicts.json?story=story-kirby").json()["conflicts"]
    assert {c["id"] for c in by_story["items"]} == {"k-figure", "k-date", "k-drift"}
    by_speaker = reader_client.get("/conflicts.json?speaker=John+Kirby&kind=quote_drift").json()["conflicts"]
    assert [c["id"] for c in by_speaker["items"]] == ["k-drift"] and by_speaker["items"][0]["verdict"]
    listing = reader_client.get("/conflicts?story=story-kirby").text
    assert listing.count('<li class="crow"') == 3 and 'href="/conflicts/k-drift"' in listing
