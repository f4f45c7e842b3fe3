"""Outline ⇄ plain data (for JSON), keeping everything needed to rebuild it exactly."""

from __future__ import annotations

from typing import Any

from pingan_writer.text.outline import Outline, OutlineNode


def outline_to_data(outline: Outline) -> dict[str, Any]:
    return {
        "title": outline.title,
        "title_span": list(outline.title_span) if outline.title_span else None,
        "nodes": _nodes_to_data(outline.nodes),
    }


def _node_data(node: OutlineNode) -> dict[str, Any]:
    data = node.shallow_dict()
    data["style"] = node.style
    data["value"] = node.value
    return data


def _nodes_to_data(nodes: list[OutlineNode]) -> list[dict[str, Any]]:
    # Iterative: a stored outline may be deeper than Python's recursion limit allows.
    out: list[dict[str, Any]] = []
    stack = [(nodes, out)]
    while stack:
        level, level_out = stack.pop()
        for node in level:
            data = _node_data(node)
            level_out.append(data)
            if node.children:
                stack.append((node.children, data["children"]))
    return out


def outline_from_data(data: dict[str, Any]) -> Outline:
    span = data.get("title_span")
    return Outline(data.get("title"), tuple(span) if span else None, _nodes_from_data(data["nodes"]))


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
    )


def _nodes_from_data(items: list[dict[str, Any]]) -> list[OutlineNode]:
    out: list[OutlineNode] = []
    stack = [(items, out)]
    while stack:
        level, level_out = stack.pop()
        for d in level:
            node = _node_from_data(d)
            level_out.append(node)
            if d.get("children"):
                stack.append((d["children"], node.children))
    return out
