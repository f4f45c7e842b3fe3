"""Pick outline nodes by what a person would type: a number path (三、（一）), or a title
fragment (国家安全体系)."""

from __future__ import annotations

from pingan_writer.errors import PinganError
from pingan_writer.text.outline import Outline, OutlineNode


def find_node(outline: Outline, spec: str, source_name: str = "") -> OutlineNode:
    spec = spec.strip()
    hit = _by_numbers(outline.nodes, spec)
    if hit is not None:
        return hit
    matches = [n for n in outline.walk() if n.title and spec in n.title]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise PinganError(
            source_name or None,
            f"原文中没有与“{spec}”对应的提纲节点（可写编号路径如 三、（一），或标题中的词语）",
        )
    listed = "；".join(f"{n.number}{n.title[:16]}" for n in matches[:5])
    raise PinganError(source_name or None, f"“{spec}”对应多个提纲节点：{listed}。请写得更具体，如 三、（一）")


def _by_numbers(nodes: list[OutlineNode], spec: str) -> OutlineNode | None:
    """三、（一） walks 三、 then its child （一）."""
    for n in nodes:
        if n.number and spec.startswith(n.number):
            rest = spec[len(n.number) :].strip()
            if not rest:
                return n
            found = _by_numbers(n.children, rest)
            if found is not None:
                return found
    return None
