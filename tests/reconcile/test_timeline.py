"""Low/best/high timelines per quantity and party, and their plots."""

from __future__ import annotations

from pathlib import Path

from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import build_statements
from fogwatch.model import TimelinePoint, Window
from fogwatch.reconcile.timeline import build_timeline, plot_timeline, quantities
from tests.link.builders import Doc, corpus


def _points() -> list[TimelinePoint]:
    docs = []
    for name, text, value, low, high, window, source, said in [
        (
            "a",
            "Zelensky said more than 3,000 North Korean soldiers",
            3000,
            3000,
            None,
            Window("since October"),
            "Volodymyr Zelensky",
            "2024-12-23",
        ),
        (
            "b",
            "Kirby said about 1,000 North Korean troops",
            1000,
            1000,
            1000,
            Window("in the past week"),
            "John Kirby",
            "2024-12-27",
        ),
        (
            "c",
            "Zelensky said 3,800 North Koreans",
            3800,
            None,
            None,
            Window("so far"),
            "Volodymyr Zelensky",
            "2025-01-06",
        ),
        ("d", "Reports said 10,000 to 12,000 North Korean soldiers", 11000, 10000, 12000, None, None, None),
    ]:
        doc = Doc(name, text + " were killed or wounded in Kursk.", published=said or "2025-01-02")
        doc.figure(
            f"f{name}",
            text.split(" said ")[1],
            value,
            "killed_or_wounded",
            low=low,
            high=high,
            subject=text.split(" said ")[1].split(" ", 2)[-1].replace("3,000 ", ""),
            place="Kursk",
            window=window,
            source=source,
            said_on=said,
        )
        docs.append(doc)
    articles, claims = corpus(*docs)
    return build_timeline(articles, claims, build_statements(articles, claims, embed=hashed_embed))


def test_points_read_low_best_high_from_the_words() -> None:
    points = {p.figures[0]: p for p in _points()}
    assert (points["fa"].low, points["fa"].best, points["fa"].high) == (3000, 3000, None)
    assert (points["fb"].low, points["fb"].best, points["fb"].high) == (1000, 1000, 1000)
    assert (points["fd"].low, points["fd"].best, points["fd"].high) == (10000, 11000, 12000)
    assert points["fa"].cumulative is True and points["fb"].cumulative is False
    assert points["fa"].independent and not points["fd"].independent  # unnamed reports are not counted
    assert points["fa"].party == "Volodymyr Zelensky" and points["fa"].date == "2024-12-23"


def test_one_quantity_key_across_wordings_of_the_subject() -> None:
    keys = quantities(_points())
    assert keys == [("killed_or_wounded | north korean soldiers | kursk", 4)]


def test_plot_writes_png_and_svg(tmp_path: Path) -> None:
    points = _points()
    png = plot_timeline(points, points[0].quantity, tmp_path / "t.png")
    svg = plot_timeline(points, points[0].quantity, tmp_path / "t.svg")
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in svg.read_text()[:500]
    assert plot_timeline(points, "nothing | here | at all", tmp_path / "empty.png").stat().st_size > 0
