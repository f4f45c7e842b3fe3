"""Outline ⇄ plain data (for JSON), keeping everything needed to rebuild it exactly."""

from __future__ import annotations

from typing import Any

from pingan_writer.text.outline import Outline, OutlineNode


def outline_to_data(outline: Outline) -> dict[str, Any]:
    return {
        "title": outline.title,
        "title_span": list(outline.title_span) if outline.title_span else None,
        "nodes": [_node_to_data(n) for n in outline.nodes],
    }


def _node_to_data(node: OutlineNode) -> dict[str, Any]:
    data = node.to_dict()
    data["style"] = node.style
    data["value"] = node.value
    data["children"] = [_node_to_data(c) for c in node.children]
    return data


def outline_from_data(data: dict[str, Any]) -> Outline:
    span = data.get("title_span")
    return Outline(
        data.get("title"), tuple(span) if span else None, [_node_from_data(n) for n in data["nodes"]]
    )


def _node_from_data(d: dict[str, Any]) -> OutlineNode:
    return OutlineNode(
        kind=d["kind"],
        level=d["level"],
        number=d["number"],
        title=d["title"],
        start=d["start"],
        end=d["end"],
        style=d.get("style", ""),
        value=d.get("value"),
        children=[_node_from_data(c) for c in d.get("children", [])],
    )
