"""Any sequence of edits, undone to the end, gives back the file's very text; redone
to the end, the edited text (the session's undo, without the screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import dump_yaml
from authoring_tui.tui.session import ChapterSession

from .helpers import TODAY

KINDS = ["type", "type", "remove", "move", "insert", "replace", "delete", "new_field"]
EDITS = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, 20),
        st.integers(0, 20),
        st.text(alphabet="abcdé €\n", max_size=6),
    ),
    min_size=1,
    max_size=12,
)


def apply(session: ChapterSession, kind: str, s: int, b: int, text: str) -> None:
    """One edit of a block of some section, the way the editor's actions make it."""
    sections = session.get(("sections",))
    section = s % len(sections)
    blocs = ("sections", section, "blocs")
    size = len(session.get(blocs) or [])
    if kind == "insert" or size == 0:
        session.insert_item(blocs, b % (size + 1), {"type": "paragraphe", "texte": text})
        return
    block = (*blocs, b % size)
    if kind == "type":
        session.set_value((*block, "texte"), str(session.get((*block, "texte")) or "") + text)
    elif kind == "remove":
        session.remove_item(block)
    elif kind == "move":
        session.move_item(block, -1 if b % 2 else 1)
    elif kind == "replace":
        session.replace(block, {"type": "paragraphe", "texte": f"Remplacé {text}"})
    elif kind == "delete":
        session.delete_value(("sections", section, "numero"))
    else:
        session.set_value(("sections", section, "intro", "texte"), text or "x")


def text_of(session: ChapterSession) -> str:
    return dump_yaml(session.chapter.document)


def undo_all(session: ChapterSession) -> int:
    steps = 0
    while session.undo() is not None:
        steps += 1
    return steps


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS)
def test_undo_all_then_redo_all(workspace_dir: Path, edits: list[Any]) -> None:
    workspace = Workspace.open(workspace_dir)
    session = ChapterSession(
        workspace, "v2-mobilite", identify(workspace.report, "mlegrand"), TODAY
    )
    try:
        session.ensure_round_trip()
        original = text_of(session)
        for edit in edits:
            apply(session, *edit)
        edited = text_of(session)

        steps = undo_all(session)

        assert text_of(session) == original
        assert not session.dirty
        for _ in range(steps):
            assert session.redo() is not None
        assert session.redo() is None
        assert text_of(session) == edited
        assert session.dirty == (edited != original)
    finally:
        session.close()
