"""Three-way merge of chapters (core/merge.py) and its round-trip application
(core/patch.py), on the sample's real chapters and on random edits of them."""

from __future__ import annotations

import copy
import io
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from authoring_tui.core.merge import ABSENT, merge, resolve
from authoring_tui.core.patch import MergeConflicts, apply
from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import dump_yaml, parse_yaml, read_yaml
from authoring_tui.tui.session import ChapterSession, plain

ROOT = Path(__file__).resolve().parents[1]
V3 = ROOT / "chapters" / "v3-infrastructures.yaml"


def block(anchor: str, texte: str) -> dict[str, Any]:
    return {"type": "paragraphe", "ancre": anchor, "texte": texte}


def chapter(*blocs: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "titre": "T",
        "chapeau": "C",
        **fields,
        "sections": [{"titre": "S", "blocs": list(blocs)}],
    }


def anchors(tree: Any) -> list[str]:
    return [b["ancre"] for b in tree["sections"][0]["blocs"]]


# Fields and mappings


def test_a_field_changed_on_one_side_takes_that_side() -> None:
    base = chapter(chapeau="C", titre="T")
    mine = chapter(chapeau="Mon chapeau", titre="T")
    theirs = chapter(chapeau="C", titre="Leur titre")
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.merged["chapeau"] == "Mon chapeau" and result.merged["titre"] == "Leur titre"
    assert [(c.side, c.path) for c in result.changes] == [
        ("theirs", ("titre",)),
        ("mine", ("chapeau",)),
    ]


def test_a_field_changed_identically_on_both_sides_is_no_conflict() -> None:
    base, mine, theirs = chapter(), chapter(chapeau="Pareil"), chapter(chapeau="Pareil")
    result = merge(base, mine, theirs)
    assert result.clean and result.merged["chapeau"] == "Pareil"


def test_a_field_changed_differently_is_a_conflict_and_each_choice_resolves_it() -> None:
    base, mine, theirs = chapter(), chapter(chapeau="Mien"), chapter(chapeau="Leur")
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert (conflict.path, conflict.base, conflict.mine, conflict.theirs) == (
        ("chapeau",),
        "C",
        "Mien",
        "Leur",
    )
    for side, expected in (("mine", "Mien"), ("theirs", "Leur"), ("base", "C")):
        resolved = resolve(result, {("chapeau",): side})  # type: ignore[dict-item]
        assert resolved.clean and resolved.merged["chapeau"] == expected


def test_a_key_added_on_one_side_and_removed_on_the_other() -> None:
    base = {"a": 1, "b": 2}
    result = merge(base, {"a": 1, "b": 2, "c": 3}, {"a": 1})
    assert result.clean and result.merged == {"a": 1, "c": 3}
    assert merge(base, {"a": 1, "b": 5}, {"a": 1}).conflicts[0].theirs is ABSENT


def test_booleans_are_not_numbers() -> None:
    result = merge({"x": 1}, {"x": True}, {"x": 1})
    assert result.merged["x"] is True


# Blocks matched by anchor


def test_blocks_edited_on_both_sides_merge_field_by_field() -> None:
    base = chapter(block("a", "A"), block("b", "B"))
    mine = chapter(block("a", "A mien"), block("b", "B"))
    theirs = chapter(block("a", "A"), {**block("b", "B leur"), "type": "paragraphe"})
    result = merge(base, mine, theirs)
    assert result.clean
    assert [b["texte"] for b in result.merged["sections"][0]["blocs"]] == ["A mien", "B leur"]


def test_a_block_inserted_on_one_side_goes_after_its_predecessor() -> None:
    base = chapter(block("a", "A"), block("b", "B"), block("c", "C"))
    mine = chapter(block("a", "A"), block("x", "X"), block("b", "B"), block("c", "C"))
    theirs = chapter(block("a", "A"), block("b", "B"), block("c", "C"), block("y", "Y"))
    result = merge(base, mine, theirs)
    assert result.clean and anchors(result.merged) == ["a", "x", "b", "c", "y"]
    assert ("mine", ("sections", 0, "blocs", 1), "ajouté") in [
        (c.side, c.path, c.kind) for c in result.changes
    ]


def test_blocks_inserted_after_the_same_block_on_both_sides_keep_both_mine_first() -> None:
    base = chapter(block("a", "A"), block("b", "B"))
    mine = chapter(block("a", "A"), block("x", "X"), block("b", "B"))
    theirs = chapter(block("a", "A"), block("y", "Y"), block("b", "B"))
    assert anchors(merge(base, mine, theirs).merged) == ["a", "x", "y", "b"]


def test_a_block_deleted_on_one_side_and_untouched_on_the_other_is_deleted() -> None:
    base = chapter(block("a", "A"), block("b", "B"), block("c", "C"))
    mine = chapter(block("a", "A mien"), block("b", "B"), block("c", "C"))
    theirs = chapter(block("a", "A"), block("c", "C"))
    result = merge(base, mine, theirs)
    assert result.clean and anchors(result.merged) == ["a", "c"]
    assert result.merged["sections"][0]["blocs"][0]["texte"] == "A mien"


def test_a_block_deleted_on_one_side_and_edited_on_the_other_is_a_keep_or_delete_choice() -> None:
    base = chapter(block("a", "A"), block("b", "B"), block("c", "C"))
    mine = chapter(block("a", "A"), block("b", "B corrigé"), block("c", "C"))
    theirs = chapter(block("a", "A"), block("c", "C"))
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.kind == "suppression" and conflict.theirs is ABSENT
    assert conflict.path == ("sections", 0, "blocs", 1)
    kept = resolve(result, {conflict.path: "mine"})
    assert anchors(kept.merged) == ["a", "b", "c"]
    assert kept.merged["sections"][0]["blocs"][1]["texte"] == "B corrigé"
    assert anchors(resolve(result, {conflict.path: "theirs"}).merged) == ["a", "c"]


def test_an_order_changed_on_one_side_takes_that_order_with_the_other_sides_edits() -> None:
    base = chapter(block("a", "A"), block("b", "B"), block("c", "C"))
    mine = chapter(block("c", "C"), block("a", "A"), block("b", "B"))
    theirs = chapter(block("a", "A"), block("b", "B leur"), block("c", "C"))
    result = merge(base, mine, theirs)
    assert result.clean and anchors(result.merged) == ["c", "a", "b"]
    assert result.merged["sections"][0]["blocs"][2]["texte"] == "B leur"


def test_orders_changed_differently_on_both_sides_are_one_conflict() -> None:
    base = chapter(block("a", "A"), block("b", "B"), block("c", "C"))
    mine = chapter(block("b", "B"), block("a", "A"), block("c", "C"))
    theirs = chapter(block("a", "A"), block("c", "C"), block("b", "B"))
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.kind == "ordre" and conflict.path == ("sections", 0, "blocs")
    assert anchors(resolve(result, {conflict.path: "theirs"}).merged) == ["a", "c", "b"]
    assert anchors(resolve(result, {conflict.path: "mine"}).merged) == ["b", "a", "c"]


# Other lists


def test_comments_appended_on_both_sides_are_all_kept() -> None:
    comment = {"auteur": "mlegrand", "texte": "À vérifier.", "resolu": False}
    base = {"commentaires": [comment]}
    mine = {"commentaires": [{**comment, "resolu": True}, {"auteur": "adurand", "texte": "Mien"}]}
    theirs = {"commentaires": [comment, {"auteur": "mlegrand", "texte": "Leur"}]}
    result = merge(base, mine, theirs)
    assert result.clean
    assert [c["texte"] for c in result.merged["commentaires"]] == ["À vérifier.", "Mien", "Leur"]
    assert result.merged["commentaires"][0]["resolu"] is True


def test_an_identical_tail_appended_on_both_sides_is_kept_once() -> None:
    line = {"statut": "a_relire", "par": "adurand"}
    result = merge({"h": []}, {"h": [line]}, {"h": [line]})
    assert result.merged == {"h": [line]}


def test_a_list_shortened_on_one_side_only_takes_that_side() -> None:
    result = merge({"l": [1, 2, 3]}, {"l": [1, 3]}, {"l": [1, 2, 3]})
    assert result.clean and result.merged == {"l": [1, 3]}


def test_a_list_shortened_on_one_side_and_changed_on_the_other_is_one_conflict() -> None:
    result = merge({"l": [1, 2, 3]}, {"l": [1, 3]}, {"l": [1, 2, 3, 4]})
    [conflict] = result.conflicts
    assert conflict.path == ("l",) and conflict.mine == [1, 3]


def test_names_are_in_french_from_the_schema(workspace: Workspace) -> None:
    schema = workspace.schema_for("v3-infrastructures")
    base = plain(workspace.store.load("v3-infrastructures").data)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["sections"][0]["blocs"][2]["texte"] = "Mien"
    theirs["sections"][0]["blocs"][2]["texte"] = "Leur"
    theirs["chapeau"] = "Un chapeau"
    result = merge(base, mine, theirs)
    assert [result.describe_conflict(schema, c) for c in result.conflicts] == [
        "Section 1 › Bloc 3 (paragraphe) › Texte"
    ]
    assert [result.describe_change(schema, c) for c in result.taken_from("theirs")] == ["Chapeau"]


# Applying onto the round trip


def test_applying_the_merge_keeps_comments_and_folded_text_of_untouched_parts() -> None:
    text = V3.read_text(encoding="utf-8")
    document = parse_yaml(text, V3, round_trip=True)
    target = plain(document)
    target["chapeau"] = "Un chapeau tout neuf."
    target["sections"][0]["blocs"][1]["texte"] = "Un paragraphe réécrit."
    target["sections"][0]["blocs"].insert(0, {"type": "paragraphe", "texte": "Nouveau."})
    target["nouvelle"] = {"cle": [1, 2]}
    patched = apply(document, target)
    assert plain(patched) == target
    written = _dump(V3, patched)
    assert written.startswith("# Chapitre V/3 — Infrastructures\n# Rédigé par")
    assert "        texte: >-\n          La stratégie d’aménagement de la Métropole" in written
    assert parse_yaml(written, V3, round_trip=False) == target


def test_applying_moves_anchored_blocks_as_the_same_nodes() -> None:
    document = parse_yaml(
        "blocs:\n  - ancre: a  # premier\n    texte: A\n  - ancre: b\n    texte: >-\n      B\n"
        "      plié\n  - ancre: c\n    texte: C\n",
        V3,
        round_trip=True,
    )
    target = plain(document)
    target["blocs"] = [target["blocs"][1], target["blocs"][0], {"ancre": "d", "texte": "D"}]
    written = _dump(V3, apply(document, target))
    assert "# premier" in written and "texte: >-\n      B\n      plié" in written
    assert parse_yaml(written, V3, round_trip=False) == target


def _dump(path: Path, data: Any) -> str:
    document = read_yaml(path)
    document.data = data
    return dump_yaml(document)


# The session: a save that meets a change on disk


def _session(root: Path, chapter_id: str, login: str) -> ChapterSession:
    workspace = Workspace.open(root)
    return ChapterSession(workspace, chapter_id, identify(workspace.report, login))


def _edit_on_disk(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_after_a_change_on_disk_merges_both(workspace_dir: Path) -> None:
    session = _session(workspace_dir, "v3-infrastructures", "fgarcia")
    path = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    try:
        session.set_value(("chapeau",), "Mon chapeau.")
        _edit_on_disk(path, "des villes aux villages", "des villes aux hameaux")
        session.save()
        assert session.merged is not None
        assert [c.path for c in session.merged.taken_from("theirs")] == [
            ("sections", 0, "blocs", 0, "texte")
        ]
        assert not session.dirty and "hameaux" in session.data["sections"][0]["blocs"][0]["texte"]
    finally:
        session.close()
    on_disk = path.read_text(encoding="utf-8")
    assert 'chapeau: "Mon chapeau."' in on_disk and "des villes aux hameaux" in on_disk
    assert on_disk.startswith("# Chapitre V/3 — Infrastructures\n")


def test_a_save_after_the_same_field_changed_on_disk_asks_then_writes_the_choice(
    workspace_dir: Path,
) -> None:
    path = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    for side, expected in (("mine", "Mon chapeau, choix mine."), ("theirs", "Leur chapeau.")):
        session = _session(workspace_dir, "v3-infrastructures", "fgarcia")
        try:
            session.set_value(("chapeau",), f"Mon chapeau, choix {side}.")
            text = path.read_text(encoding="utf-8")
            path.write_text(
                re.sub(r"(?m)^chapeau: .*$", "chapeau: Leur chapeau.\nautre: x", text), "utf-8"
            )
            before = path.read_bytes()
            with pytest.raises(MergeConflicts) as asked:
                session.save()
            assert path.read_bytes() == before and session.dirty
            [conflict] = asked.value.result.conflicts
            session.save_resolved({conflict.path: side})  # type: ignore[dict-item]
            assert session.data["chapeau"] == expected and not session.dirty
        finally:
            session.close()
        saved = Workspace.open(workspace_dir).store.load("v3-infrastructures").data
        assert saved["chapeau"] == expected and saved["autre"] == "x"  # theirs' other change
        path.write_text(path.read_text("utf-8").replace("autre: x\n", ""), encoding="utf-8")


def test_the_secretariats_change_on_disk_is_not_refused_to_the_writer(
    workspace_dir: Path,
) -> None:
    """The writer cannot change ``statut``; the secrétariat did, on disk: the
    writer's merged save keeps it, and is not refused for it."""
    path = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    session = _session(workspace_dir, "v3-infrastructures", "fgarcia")
    try:
        session.set_value(("chapeau",), "Mon chapeau.")
        _edit_on_disk(path, "statut: brouillon", "statut: a_reprendre")
        session.save()
    finally:
        session.close()
    on_disk = path.read_text(encoding="utf-8")
    assert "statut: a_reprendre" in on_disk and 'chapeau: "Mon chapeau."' in on_disk


# Random disjoint edits of random chapters built from the sample's blocks


def _sample_blocks() -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for path in sorted((ROOT / "chapters").glob("*.yaml"))[:8]:
        data = plain(read_yaml(path, round_trip=False).data)
        for section in data.get("sections") or []:
            blocks.extend(b for b in section.get("blocs") or [] if isinstance(b, dict))
    return blocks


SAMPLE_BLOCKS = _sample_blocks()
TEXT = st.text(alphabet="abcdefghij éèà’«»", min_size=1, max_size=30)


@st.composite
def chapters_and_edits(draw: st.DrawFn) -> tuple[Any, Any, Any]:
    counter = itertools.count()
    chosen = draw(st.lists(st.sampled_from(range(len(SAMPLE_BLOCKS))), min_size=3, max_size=12))
    blocs = [{**SAMPLE_BLOCKS[i], "ancre": f"b{next(counter):05d}"} for i in chosen]
    base: dict[str, Any] = {"titre": "T", "chapeau": "C", "sections": [{"blocs": blocs}]}
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    # Each block is touched by one side at most; one side may insert, delete, move.
    owners = draw(
        st.lists(
            st.sampled_from(["mine", "theirs", None]), min_size=len(blocs), max_size=len(blocs)
        )
    )
    for index, owner in enumerate(owners):
        if owner is not None:
            side = mine if owner == "mine" else theirs
            side["sections"][0]["blocs"][index] = {
                "type": "paragraphe",
                "ancre": blocs[index]["ancre"],
                "texte": draw(TEXT),
            }
    if draw(st.booleans()):
        mine["chapeau"] = draw(TEXT)
    else:
        theirs["titre"] = draw(TEXT)
    structure = draw(st.sampled_from([mine, theirs]))
    untouched = [i for i, owner in enumerate(owners) if owner is None]
    items = structure["sections"][0]["blocs"]
    if draw(st.booleans()) and untouched:  # delete an untouched block
        del items[draw(st.sampled_from(untouched))]
    if draw(st.booleans()):  # move a block to another place
        item = items.pop(draw(st.integers(0, len(items) - 1)))
        items.insert(draw(st.integers(0, len(items))), item)
    for _ in range(draw(st.integers(0, 2))):  # insert new blocks
        items.insert(
            draw(st.integers(0, len(items))),
            {"type": "paragraphe", "ancre": f"n{next(counter):05d}", "texte": draw(TEXT)},
        )
    return base, mine, theirs


def _edited(base: Any, side: Any) -> dict[str, Any]:
    before = {b["ancre"]: b for b in base["sections"][0]["blocs"]}
    return {b["ancre"]: b for b in side["sections"][0]["blocs"] if before.get(b["ancre"]) != b}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chapters_and_edits())
def test_random_disjoint_edits_all_survive_the_merge(case: tuple[Any, Any, Any]) -> None:
    base, mine, theirs = case
    result = merge(base, mine, theirs)
    assert result.clean
    merged = {b["ancre"]: b for b in result.merged["sections"][0]["blocs"]}
    for side in (mine, theirs):
        for anchor, item in _edited(base, side).items():
            assert merged[anchor] == item  # every edit and insertion survives
        gone = set(anchors(base)) - set(anchors(side))
        assert not gone & set(merged)  # every deletion too
    for field in ("titre", "chapeau"):
        assert result.merged[field] in (mine[field], theirs[field])
        assert result.merged[field] != base[field] or mine[field] == theirs[field] == base[field]
    moved = [s for s in (mine, theirs) if _common_order(base, s) != _common_order(base, base)]
    if moved:
        assert _common_order(base, result.merged) == _common_order(base, moved[0])
    _check_round_trip(base, result.merged)


def _check_round_trip(base: Any, merged: Any) -> None:
    """Written over the base's round trip, the merge reads back as itself, and
    the comments of the base's text stay."""
    yaml = YAML()
    stream = io.StringIO()
    yaml.dump(base, stream)
    text = "# En-tête gardé\n" + stream.getvalue().replace(
        "sections:\n", "sections: # les sections\n", 1
    )
    document = yaml.load(text)
    out = io.StringIO()
    yaml.dump(apply(document, merged), out)
    written = out.getvalue()
    assert written.startswith("# En-tête gardé\n") and "sections: # les sections\n" in written
    assert plain(YAML(typ="safe").load(written)) == merged


def _common_order(base: Any, tree: Any) -> list[str]:
    kept = set(anchors(base))
    return [a for a in anchors(tree) if a in kept]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_random_merges_applied_to_the_round_trip_keep_untouched_text(data: st.DataObject) -> None:
    text = V3.read_text(encoding="utf-8")
    document = parse_yaml(text, V3, round_trip=True)
    target = plain(document)
    blocs = target["sections"][0]["blocs"]
    index = data.draw(st.integers(1, len(blocs) - 1))
    blocs[index] = {"type": "paragraphe", "texte": data.draw(TEXT)}
    written = _dump(V3, apply(document, target))
    assert parse_yaml(written, V3, round_trip=False) == target
    assert written.startswith("# Chapitre V/3 — Infrastructures\n")
    untouched = plain(parse_yaml(text, V3, round_trip=True))["sections"][0]["blocs"][0]["texte"]
    assert untouched.split()[0] in written
    assert "        texte: >-\n          La stratégie d’aménagement" in written


def test_a_submission_after_a_change_on_disk_merges_the_status_too(workspace_dir: Path) -> None:
    """The status workflow's save merges like any other: my status change and its
    history line with the disk's paragraph, without a refusal."""
    path = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    session = _session(workspace_dir, "v3-infrastructures", "fgarcia")
    try:
        session.set_value(("chapeau",), "Mon chapeau.")
        _edit_on_disk(path, "des villes aux villages", "des villes aux hameaux")
        session.change_status("a_relire")
        assert session.merged is not None and not session.dirty
    finally:
        session.close()
    data = Workspace.open(workspace_dir).store.load("v3-infrastructures").data
    assert data["statut"] == "a_relire" and data["historique_statut"][-1]["par"] == "fgarcia"
    assert "hameaux" in data["sections"][0]["blocs"][0]["texte"]
