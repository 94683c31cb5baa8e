"""The editor, driven like a contributor: open from the dashboard, type, save, check the file."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from authoring_tui.tui.screens.dialogs import ChoiceModal, ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.chapter_bar import ChapterBar
from authoring_tui.tui.widgets.fields import FieldInput
from authoring_tui.tui.widgets.node_form import NodeForm

from .helpers import lines_changed, make_app, open_in_editor, type_at_end, wait_for


def yaml_data(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


async def test_typing_in_a_paragraph_and_saving_changes_only_that_fields_lines(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    before = chapter.read_text(encoding="utf-8")
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await type_at_end(pilot, editor, ("sections", 0, "blocs", 0), " Sous réserve.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.session.dirty
    after = chapter.read_text(encoding="utf-8")
    new: dict = yaml_data(chapter)  # type: ignore[assignment]
    assert new["sections"][0]["blocs"][0]["texte"].endswith("accessible à tous. Sous réserve.")
    # Only the lines of that paragraph's « texte » changed in the file.
    start = before.splitlines().index("      - type: paragraphe")
    end = before.splitlines().index("      - type: paragraphe", start + 1)
    changed = lines_changed(before, after)
    assert changed and all(start < line < end for line in changed), changed


async def test_add_one_block_of_each_type_then_remove_one(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        schema = editor.session.schema
        bloc = schema.items(
            schema.properties(schema.items(schema.properties(schema.contents)["sections"]))["blocs"]
        )
        variants = schema.variants(bloc)

        def blocks() -> list[dict[str, object]]:
            # Read through the session: the first edit swaps in the round-trip document.
            return editor.session.data["sections"][0]["blocs"]  # type: ignore[no-any-return]

        first_new = len(blocks())
        for index in range(len(variants)):
            await editor.show_path(("sections", 0))
            await pilot.press("f6")
            await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
            await pilot.press("enter")  # « Bloc dans « Section 1 » »
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, ChoiceModal) and "type" in app.screen.title_text,
            )
            await pilot.press(*["down"] * index, "enter")
            expected = first_new + index + 1
            await wait_for(
                pilot,
                lambda n=expected: isinstance(app.screen, EditorScreen) and len(blocks()) == n,
            )
        types = [block["type"] for block in blocks()[first_new:]]
        assert types == [v["properties"]["type"]["const"] for v in variants]
        # Remove the new citation (empty: no question asked).
        await editor.show_path(("sections", 0, "blocs", len(blocks()) - 1))
        await pilot.press("f7")
        await wait_for(pilot, lambda: len(blocks()) == first_new + len(variants) - 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        print(app.screen, editor.session.dirty, [str(n.message) for n in app._notifications])
        if not isinstance(app.screen, EditorScreen):
            print(app.screen.message)
    saved = yaml_data(workspace_dir / "chapters" / "v3-infrastructures.yaml")
    saved_types = [b["type"] for b in saved["sections"][0]["blocs"][first_new:]]
    assert saved_types == types[:-1]


async def test_clearing_a_required_field_shows_the_error_and_completeness_drops(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        full = editor.session.completeness.percent
        assert full == 100
        titre = next(i for i in editor.query(FieldInput) if i.spec.path == ("titre",))
        titre.focus()
        await pilot.press("ctrl+a", "ctrl+k")  # select to start, delete the line
        await wait_for(pilot, lambda: editor.session.completeness.percent < full)
        form = editor.query_one(NodeForm)
        error = form.boxes()[("titre",)].error_label()
        assert "ce champ est obligatoire" in str(error.render())
        assert "1 erreur" in str(editor.query_one(ChapterBar).render())
        await pilot.press(*"Mobilité")
        await wait_for(pilot, lambda: editor.session.completeness.percent == full)
        assert not editor.session.issues
        assert not form.boxes()[("titre",)].error_label().display


async def test_leaving_with_unsaved_changes_asks_first(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    before = chapter.read_bytes()
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        titre = next(i for i in editor.query(FieldInput) if i.spec.path == ("titre",))
        titre.focus()
        await pilot.press("end", *" urbaine")
        assert editor.session.dirty
        editor.query_one("#outline").focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("escape")  # « Annuler »: stay
        await wait_for(pilot, lambda: app.screen is editor)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#discard")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
    assert chapter.read_bytes() == before


async def test_a_long_chapeau_is_saved_folded_like_the_rest_of_the_file(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    before = chapter.read_text(encoding="utf-8")
    longest = max(len(line) for line in before.splitlines())
    chapeau = (
        "En 2020, la direction des infrastructures a poursuivi ses chantiers malgré la crise "
        "sanitaire : voirie, ouvrages de génie civil, pluvial et éclairage public entretenus "
        "sur tout le territoire, et les grands projets de transport sont entrés dans leur "
        "phase de travaux, avec des équipes mobilisées sur le terrain comme à distance pour "
        "que les services essentiels aux habitants et aux entreprises soient maintenus."
    )
    assert len(chapeau) >= 400
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await type_at_end(pilot, editor, ("chapeau",), chapeau)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    after = chapter.read_text(encoding="utf-8")
    assert yaml_data(chapter)["chapeau"] == chapeau  # type: ignore[index]
    lines = after.splitlines()
    start = lines.index("chapeau: >-")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    assert end - start - 1 >= 5  # folded over several lines
    assert max(len(line) for line in lines) <= longest
    # only the chapeau's line changed: « chapeau: "" » became the folded block
    old = before.splitlines()
    assert lines_changed(before, after) == [old.index('chapeau: ""')]
