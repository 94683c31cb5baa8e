"""A table written from the grid: the file's lists changed in place, new rows in
the sample's style, every other line as it was (saved through the real store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from authoring_tui.core.grid_yaml import write_cells, write_rows
from authoring_tui.core.workspace import Workspace

from .tui.helpers import lines_changed

VI7 = "vi7-communication-relations-exterieures"
V1 = "v1-economie-emploi"


def table_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def save_table(
    root: Path, chapter_id: str, path: tuple[Any, ...], columns: list[str], rows: list[list[str]]
) -> tuple[str, str]:
    """Write the table at ``path`` through the store; the file's text before and after."""
    file = root / "chapters" / f"{chapter_id}.yaml"
    before = file.read_text(encoding="utf-8")
    store = Workspace.open(root).store
    chapter = store.load(chapter_id, round_trip=True)
    table = table_at(chapter.data, path)
    table["colonnes"] = write_cells(table["colonnes"], columns)
    table["lignes"] = write_rows(table["lignes"], rows)
    store.save(chapter)
    return before, file.read_text(encoding="utf-8")


def test_a_changed_cell_and_a_new_row_change_only_their_lines(workspace_dir: Path) -> None:
    path = ("sections", 1, "blocs", 1)
    plain = table_at(YAML(typ="safe").load(workspace_dir / "chapters" / f"{VI7}.yaml"), path)
    rows = [list(row) for row in plain["lignes"]]
    rows[1][3] = "+82 % : record"
    rows.append(["Instagram", "", "1 200", 'compte « officiel », dit "AMP"'])
    before, after = save_table(workspace_dir, VI7, path, plain["colonnes"], rows)
    old, new = before.splitlines(), after.splitlines()
    twitter = next(i for i, line in enumerate(old) if line.startswith('          - ["Twitter"'))
    assert lines_changed(before, after) == [twitter, twitter + 2]  # Twitter; after LinkedIn
    assert new[twitter].endswith('"+82 % : record"]')
    assert new[twitter + 2] == (
        '          - ["Instagram", "", "1 200", "compte « officiel », dit \\"AMP\\""]'
    )
    assert table_at(YAML(typ="safe").load(after), path)["lignes"] == rows


def test_block_style_headers_stay_block_style_and_a_removed_column_goes_everywhere(
    workspace_dir: Path,
) -> None:
    path = ("sections", 2, "blocs", 9, "blocs", 2)
    plain = table_at(YAML(typ="safe").load(workspace_dir / "chapters" / f"{V1}.yaml"), path)
    columns = [*plain["colonnes"][:2], "Bilan"]
    rows = [[*row[:1], row[2], ""] for row in plain["lignes"]]
    _, after = save_table(workspace_dir, V1, path, columns, rows)
    assert "              - Bilan\n" in after  # a header line of its own, as the others
    saved = table_at(YAML(typ="safe").load(after), path)
    assert saved == {**saved, "colonnes": columns, "lignes": rows}


def test_an_empty_row_takes_the_flow_style() -> None:
    rows = write_rows([[]], [["a", "b"]])
    assert rows[0].fa.flow_style() is True
    assert write_cells(None, ["x"]).fa.flow_style() is True
