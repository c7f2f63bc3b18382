"""Positions in a composed YAML document: where a data path's key or value is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
_MERGE, _NULL = _TAG + "merge", _TAG + "null"


Found = tuple[Node | None, Node] | None  # a key node (None in a list) and its value node


@dataclass(slots=True)
class SourceMap:
    """Positions in one file: the composed node tree, asked lazily for a data path's line:col.

    Each mapping is indexed the first time it is asked, and each answer is remembered: a file
    with a hundred thousand keys, or merges that fan out, costs one pass, not one per finding.
    """

    root: Node
    _keys: dict[int, tuple[dict[str, tuple[Node, Node]], list[Node]]] = field(
        default_factory=dict, repr=False
    )
    _found: dict[tuple[int, str], Found] = field(default_factory=dict, repr=False)

    def node(self, path: Sequence[str | int], key: bool = False) -> Node:
        """The node at ``path`` (with ``key``, the key node of its last part), else its parent."""
        node = self.root
        for i, part in enumerate(path):
            found = self._child(node, part)
            if found is None:
                return node
            key_node, value_node = found
            node = key_node if key and i == len(path) - 1 and key_node is not None else value_node
        return node

    def position(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        """1-based ``(line, col)`` of the value at ``path`` (of its key when ``key``).

        A value left empty (``owner:`` and nothing after it) is placed at its key, since the
        parser places it wherever the next token happens to start, even past the end.
        """
        node = self.node(path, key)
        if not key and isinstance(node, ScalarNode) and node.value == "" and node.tag == _NULL:
            node = self.node(path, key=True)
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def _child(self, node: Node, part: str | int) -> Found:
        if isinstance(node, SequenceNode) and isinstance(part, int):
            return (None, node.value[part]) if 0 <= part < len(node.value) else None
        if not (isinstance(node, MappingNode) and isinstance(part, str)):
            return None
        memo = (id(node), part)
        if memo in self._found:
            return self._found[memo]
        direct, merges = self._index(node)
        found: Found = direct.get(part)
        if found is None:
            # A key written in the mapping wins; then the last '<<', its sources in order.
            for value in reversed(merges):
                sources = value.value if isinstance(value, SequenceNode) else [value]
                for source in sources:
                    found = found or self._child(source, part)
        self._found[memo] = found
        return found

    def _index(self, node: MappingNode) -> tuple[dict[str, tuple[Node, Node]], list[Node]]:
        index = self._keys.get(id(node))
        if index is None:
            direct: dict[str, tuple[Node, Node]] = {}
            merges: list[Node] = []
            for k, v in node.value:
                if k.tag == _MERGE:
                    merges.append(v)
                elif isinstance(k, ScalarNode):
                    direct[k.value] = (k, v)  # the last of duplicate keys, as the data has it
            index = self._keys[id(node)] = (direct, merges)
        return index
