"""The provenance drawing: one line per path from the origin through its relays to an outlet.

`provenance_paths` turns a statement's claims into paths: an outlet's articles that name the same
relay chain share one path, marked by how the outlet carried the words (quoted as most printed,
quoted in other words, or paraphrased). Every name is one node: a wire agency that relays the claim
and prints it too is one node, where its own path ends. `path_layout` places the nodes in columns
(origin, relays by depth, outlets), gives each path its own row and its own line through every node
it passes, and wraps long names rather than cutting them. Only numbers and labels leave here; the
template draws the SVG, so every name is autoescaped there.
"""

from __future__ import annotations

import copy
import textwrap
from collections import Counter
from typing import Any
from urllib.parse import quote, urlencode

PATH_CAP = 30  # paths drawn; the rest are counted under the drawing
HOW = {"quoted": "quoted", "reworded": "re-worded", "paraphrased": "paraphrased"}
NODE_W, COL_GAP, PAD, LINE_H, NODE_PAD, ROW_GAP, WRAP = 184, 86, 12, 15, 9, 10, 23


def provenance_paths(statement: dict[str, Any], claims: list[dict[str, Any]],
                     outlets: dict[str, dict[str, Any]], base_wording: str | None) -> dict[str, Any]:
    """The statement's paths, most-carried first: [{id, chain, outlet, how, articles, copies, article}]."""
    origin = statement.get("origin") or "unnamed source"
    grouped: dict[tuple[tuple[str, ...], str], dict[str, Any]] = {}
    how: dict[tuple[str, str], str] = {}  # a statement's claims share a few wordings
    for claim in claims:
        info = outlets.get(claim["article"]) or {}
        outlet = info.get("outlet") or "outlet unknown"
        via = claim.get("via") or ()
        chain = tuple(r for r in dict.fromkeys(via) if r != origin) if via else ()
        if chain and chain[-1] == outlet:  # the agency's own report: its path ends at its node
            chain = chain[:-1]
        path = grouped.get((chain, outlet))
        if path is None:
            path = grouped[(chain, outlet)] = {"chain": list(chain), "outlet": outlet, "kinds": Counter(),
                                               "articles": set(), "copies": set()}
        path["articles"].add(claim["article"])
        if info.get("copy"):
            path["copies"].add(claim["article"])
        if claim["type"] == "attribution":
            key = (claim["kind"], claim["text"])
            if key not in how:
                how[key] = _how(claim, base_wording)
            path["kinds"][how[key]] += 1
    ordered = sorted(grouped.values(), key=lambda p: (-len(p["articles"]), p["chain"], p["outlet"].lower()))
    paths = []
    for i, p in enumerate(ordered[:PATH_CAP]):
        articles = sorted(p["articles"])
        how = p["kinds"].most_common(1)[0][0] if p["kinds"] else None
        paths.append({"id": f"p{i + 1}", "chain": p["chain"], "outlet": p["outlet"], "how": how,
                      "articles": len(articles), "copies": len(p["copies"]),
                      "article": articles[0] if len(articles) == 1 else None})
    return {"origin": origin, "paths": paths, "more_paths": max(0, len(ordered) - PATH_CAP),
            "more_articles": sum(len(p["articles"]) for p in ordered[PATH_CAP:])}


def _how(claim: dict[str, Any], base_wording: str | None) -> str:
    if claim.get("kind") != "direct":
        return "paraphrased"
    same = base_wording is None or " ".join(claim["text"].split()) == base_wording
    return "quoted" if same else "reworded"


def path_layout(found: dict[str, Any]) -> dict[str, Any] | None:
    """Columns, rows and line segments for the drawing; None when there is no path to draw."""
    paths = copy.deepcopy(found["paths"])  # the JSON twin keeps the paths as they were
    if not paths:
        return None
    relays = {name for p in paths for name in p["chain"]}
    depth = max((len(p["chain"]) for p in paths), default=0)
    nodes: dict[str, dict[str, Any]] = {"origin": _node("origin", found["origin"], "origin", 0)}
    for p in paths:
        for d, name in enumerate(p["chain"], start=1):
            node = nodes.setdefault(f"relay:{name}", _node(f"relay:{name}", name, "relay", d))
            node["col"] = max(node["col"], d)
    for p in paths:
        if p["outlet"] in relays:  # a wire agency that also printed it: one node, both roles
            p["end"] = f"relay:{p['outlet']}"
            nodes[p["end"]]["roles"].add("outlet")
        else:
            p["end"] = f"outlet:{p['outlet']}"
            nodes.setdefault(p["end"], _node(p["end"], p["outlet"], "outlet", depth + 1))
        end = nodes[p["end"]]
        end["articles"] = end.get("articles", 0) + p["articles"]
        end["copies"] = end.get("copies", 0) + p["copies"]
        end["article"] = p["article"] if end.get("articles") == p["articles"] else None
        p["hops"] = ["origin", *(f"relay:{r}" for r in p["chain"]), p["end"]]
        for hop in p["hops"]:
            nodes[hop]["paths"].append(p["id"])
    for node in nodes.values():
        if node["role"] == "outlet":
            node["col"] = depth + 1
    _place(paths, nodes)
    segments = []
    for p in paths:
        for a, b in zip(p["hops"], p["hops"][1:], strict=False):
            segments.append(_segment(p, nodes[a], nodes[b], last=b == p["end"]))
    width = PAD * 2 + (depth + 2) * NODE_W + (depth + 1) * COL_GAP
    headers = [{"x": _x(0) + NODE_W / 2, "text": "origin"}]
    headers += [{"x": _x(d) + NODE_W / 2, "text": f"relay {d}" if depth > 1 else "relay"}
                for d in range(1, depth + 1)]
    headers.append({"x": _x(depth + 1) + NODE_W / 2, "text": "outlets"})
    height = max(n["y"] + n["h"] for n in nodes.values()) + PAD
    for node in nodes.values():
        node["roles"] = [node["role"], *sorted(node["roles"] - {node["role"]})]
        node["href"] = _href(node)
        ends = [p["id"] for p in paths if p["end"] == node["id"]]
        node["light"] = ends if ends else list(dict.fromkeys(node["paths"]))  # an outlet lights its own
    return {"width": width, "height": height + 20, "header_y": height + 12, "headers": headers,
            "nodes": list(nodes.values()), "segments": segments}


def _node(node_id: str, label: str, role: str, col: int) -> dict[str, Any]:
    lines = textwrap.wrap(label, WRAP, break_long_words=True, break_on_hyphens=True) or [label]
    return {"id": node_id, "label": label, "role": role, "roles": {role}, "col": col, "lines": lines,
            "text_h": len(lines) * LINE_H + 2 * NODE_PAD, "paths": []}


def _x(col: int) -> float:
    return PAD + col * (NODE_W + COL_GAP)


def _place(paths: list[dict[str, Any]], nodes: dict[str, dict[str, Any]]) -> None:
    """One row per path, paths through the same relays next to each other; every node as tall as its
    wrapped name and the rows it serves, centred on them."""
    def group(p: dict[str, Any]) -> tuple[list[str], int]:
        """A relay's own report sits first among the paths through it, so its box covers only them."""
        own = p["end"].startswith("relay:")
        return (p["chain"] + [p["outlet"]], 0) if own else (p["chain"], 1)

    paths.sort(key=lambda p: (group(p), -p["articles"], p["outlet"].lower()))
    y = float(PAD)
    for p in paths:
        shared = [nodes[h] for h in p["hops"]]
        row_h = max(n["text_h"] / len(n["paths"]) for n in shared)
        own_end = nodes[p["end"]]["text_h"] if p["end"].startswith("outlet:") else 0
        p["top"], p["row_h"] = y, max(row_h, own_end)
        y += p["row_h"] + ROW_GAP
    by_id = {p["id"]: p for p in paths}
    for node in nodes.values():
        node["paths"] = sorted(dict.fromkeys(node["paths"]), key=lambda i: by_id[i]["top"])  # row order
        rows = [by_id[i] for i in node["paths"]]
        top, bottom = rows[0]["top"], rows[-1]["top"] + rows[-1]["row_h"]
        h = max(node["text_h"], bottom - top)
        node.update(x=_x(node["col"]), y=round(top + (bottom - top - h) / 2, 1), w=NODE_W, h=round(h, 1))
        node["text_y"] = round(node["y"] + (h - len(node["lines"]) * LINE_H) / 2 + LINE_H - 3.5, 1)


def _port(node: dict[str, Any], path_id: str) -> float:
    """Where one path enters or leaves a node: its own height, so paths never merge into one line."""
    order = list(dict.fromkeys(node["paths"]))
    return round(node["y"] + node["h"] * (order.index(path_id) + 1) / (len(order) + 1), 1)


def _segment(p: dict[str, Any], a: dict[str, Any], b: dict[str, Any], last: bool) -> dict[str, Any]:
    x1, y1, x2, y2 = a["x"] + a["w"], _port(a, p["id"]), b["x"], _port(b, p["id"])
    if b["col"] - a["col"] > 1:  # skips a relay column: run straight through the gap on its own row
        mid_y = p["top"] + p["row_h"] / 2
        x_in = b["x"] - COL_GAP / 2
        d = (f"M{x1:.1f},{y1:.1f} C{x1 + COL_GAP / 2:.1f},{y1:.1f} {x1 + COL_GAP / 2:.1f},{mid_y:.1f} "
             f"{x1 + COL_GAP:.1f},{mid_y:.1f} L{x_in:.1f},{mid_y:.1f} "
             f"C{b['x'] - COL_GAP / 4:.1f},{mid_y:.1f} {b['x'] - COL_GAP / 4:.1f},{y2:.1f} {x2:.1f},{y2:.1f}")
    else:
        mid = (x1 + x2) / 2
        d = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    how = p["how"] if last else None
    return {"path": p["id"], "d": d, "how": how, "label": HOW.get(how or "", ""),
            "label_x": round(x2 - 6, 1), "label_y": round(y2 - 4, 1),
            "copy": last and p["copies"] == p["articles"],
            "title": " → ".join([a["label"], b["label"]])}


def _href(node: dict[str, Any]) -> str | None:
    if node["role"] == "origin":
        label = node["label"]
        return None if label == "unnamed source" else "/statements?" + urlencode({"origin": label})
    if "outlet" in node["roles"]:
        if node.get("article"):
            return "/articles/" + quote(node["article"], safe="")
        if node["label"] != "outlet unknown":
            return "/articles?" + urlencode({"outlet": node["label"]})
        return None
    return "/search?" + urlencode({"q": node["label"]})
