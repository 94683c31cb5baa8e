"""The chapter's outline as a tree: sections, sub-sections, blocks, with error counts.

A ``Tree`` renders only the lines on screen, so a chapter of 1 000 blocks costs
1 000 cheap tree nodes, not 1 000 widgets.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..forms.outline import OutlineEntry
from ..forms.spec import Path


class OutlineTree(Tree[OutlineEntry]):
    """The outline; ``node_for`` finds a tree node by its data path."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.guide_depth = 2
        self._by_path: dict[Path, TreeNode[OutlineEntry]] = {}
        self._counts: dict[Path, int] = {}
        self.error_style = "bold"

    def load(self, root: OutlineEntry, counts: dict[Path, int]) -> None:
        """Replace the whole tree (after a structural change: add, remove, move)."""
        self.clear()
        self._by_path = {(): self.root}
        self._counts = counts
        self.root.data = root
        self.root.set_label(self._label(root))
        self._add(self.root, root)
        self.root.expand()

    def _add(self, parent: TreeNode[OutlineEntry], entry: OutlineEntry) -> None:
        for child in entry.children:
            label = self._label(child)
            if child.children:
                node = parent.add(label, data=child, expand=True)
                self._add(node, child)
            else:
                node = parent.add_leaf(label, data=child)
            self._by_path[child.path] = node

    def _label(self, entry: OutlineEntry) -> Text:
        text = Text(entry.label, no_wrap=True)
        count = self._counts.get(entry.path, 0)
        if count:
            text.append(f"  ✗\u00a0{count}", style=self.error_style)
        return text

    def node_for(self, path: Path) -> TreeNode[OutlineEntry] | None:
        return self._by_path.get(path)

    def update_counts(self, counts: dict[Path, int]) -> None:
        """Relabel only the nodes whose error count changed (cheap on every keystroke)."""
        changed = {
            p for p in set(counts) | set(self._counts) if counts.get(p) != self._counts.get(p)
        }
        self._counts = counts
        for path in changed:
            node = self._by_path.get(path)
            if node is not None and node.data is not None:
                node.set_label(self._label(node.data))

    def relabel(self, path: Path, label: str) -> None:
        node = self._by_path.get(path)
        if node is not None and node.data is not None and node.data.label != label:
            node.data.label = label
            node.set_label(self._label(node.data))
