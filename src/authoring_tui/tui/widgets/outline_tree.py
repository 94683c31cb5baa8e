"""The chapter's outline as a tree: sections, sub-sections, blocks, with error counts.

A ``Tree`` renders only the lines on screen, so a chapter of 1 000 blocks costs
1 000 cheap tree nodes, not 1 000 widgets. Above ``LAZY_ENTRIES`` entries even
those are not made up front: groups start folded and get their tree nodes when
first unfolded (by the user, or by a jump to one of their blocks).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from .. import strings as S
from ..forms.outline import OutlineEntry, flatten
from ..forms.spec import Path

LAZY_ENTRIES = 250
"""Outlines longer than this start folded (the sample's largest chapter has about 40)."""


class OutlineTree(Tree[OutlineEntry]):
    """The outline; ``node_for`` finds a tree node by its data path."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.guide_depth = 2
        self.auto_expand = False  # Enter opens a node in the form; Space folds it
        self._by_path: dict[Path, TreeNode[OutlineEntry]] = {}
        self._counts: dict[Path, int] = {}
        self._comments: dict[Path, int] = {}
        """Open comments per entry, marked « ● n » after the label."""
        self._lazy = False
        self.error_style = "bold"

    def load(self, root: OutlineEntry, counts: dict[Path, int]) -> None:
        """Replace the whole tree (after a structural change: add, remove, move)."""
        unfolded = self._unfolded_groups() if self._lazy else []
        self.clear()
        self._by_path = {(): self.root}
        self._counts = counts
        self._lazy = len(flatten(root)) > LAZY_ENTRIES
        self.root.data = root
        self.root.set_label(self._label(root))
        self._add(self.root, root)
        self.root.expand()
        for path in unfolded:  # the groups the user had opened stay open
            node = self.node_for(path)
            if node is not None:
                node.expand()

    def _add(self, parent: TreeNode[OutlineEntry], entry: OutlineEntry) -> None:
        for child in entry.children:
            label = self._label(child)
            if child.children:
                node = parent.add(label, data=child, expand=not self._lazy)
                if not self._lazy:
                    self._add(node, child)
            else:
                node = parent.add_leaf(label, data=child)
            self._by_path[child.path] = node

    def _unfold(self, node: TreeNode[OutlineEntry]) -> None:
        """Give a folded group its children's tree nodes, the first time only."""
        entry = node.data
        if entry is not None and entry.children and not node.children:
            self._add(node, entry)

    def _unfolded_groups(self) -> list[Path]:
        return [path for path, node in self._by_path.items() if path and node.is_expanded]

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[OutlineEntry]) -> None:
        self._unfold(event.node)

    def process_label(self, label: str | Text) -> Text:
        """Labels are made by ``_label``, on one line: no markup to parse, no copy."""
        text = label if isinstance(label, Text) else Text(label)
        return text.split()[0] if "\n" in text.plain else text

    def _label(self, entry: OutlineEntry) -> Text:
        text = Text(entry.label, no_wrap=True)
        count = self._counts.get(entry.path, 0)
        if count:
            text.append(f"  ✗\u00a0{count}", style=self.error_style)
        comments = self._comments.get(entry.path, 0)
        if comments:  # in front: a narrow outline cuts the end of long labels
            mark = Text(S.OUTLINE_OPEN_COMMENTS.format(count=comments), style="bold")
            text = mark + text
        return text

    def node_for(self, path: Path) -> TreeNode[OutlineEntry] | None:
        """The tree node of an outline entry, unfolding the groups above it if needed."""
        node = self._by_path.get(path)
        if node is None and self._lazy:
            node = self._reveal(path)
        return node

    def _reveal(self, path: Path) -> TreeNode[OutlineEntry] | None:
        node = self.root
        while node.data is not None and node.data.path != path:
            self._unfold(node)
            node.expand()
            inner = [c for c in node.children if c.data and path[: len(c.data.path)] == c.data.path]
            if not inner:
                return None
            node = inner[0]
        return node

    def update_counts(self, counts: dict[Path, int]) -> None:
        """Relabel only the nodes whose error count changed (cheap on every keystroke)."""
        changed = {
            p for p in set(counts) | set(self._counts) if counts.get(p) != self._counts.get(p)
        }
        self._counts = counts
        for path in changed:
            node = self._by_path.get(path)  # a folded group's blocks get theirs when unfolded
            if node is not None and node.data is not None:
                node.set_label(self._label(node.data))

    def update_comments(self, counts: dict[Path, int]) -> None:
        """Mark the entries with open comments (after a comment is added, answered,
        resolved, or a block moved: they follow their block)."""
        changed = set(counts) ^ set(self._comments) | {
            p for p in counts if counts[p] != self._comments.get(p)
        }
        self._comments = counts
        for path in changed:
            node = self._by_path.get(path)
            if node is not None and node.data is not None:
                node.set_label(self._label(node.data))

    def relabel(self, path: Path, label: str) -> None:
        node = self._by_path.get(path)
        if node is not None and node.data is not None and node.data.label != label:
            node.data.label = label
            node.set_label(self._label(node.data))
