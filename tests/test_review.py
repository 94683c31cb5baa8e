"""Roles from report.yaml, status changes with their history, comments."""

from __future__ import annotations

import datetime

import pytest

from authoring_tui.core.review import (
    add_comment,
    change_status,
    open_comments,
    set_comment_resolved,
)
from authoring_tui.core.roles import PermissionDenied, Role, allowed_statuses, can_edit, identify
from authoring_tui.core.workspace import Workspace

NOW = datetime.datetime(2021, 3, 25, 14, 2, 0)


def test_roles_come_from_the_report(workspace: Workspace) -> None:
    report = workspace.report
    assert identify(report, "mlegrand").role is Role.SECRETARIAT
    alice = identify(report, "adurand")
    assert alice.role is Role.CONTRIBUTEUR and alice.nom == "Alice Durand"
    assert alice.label == "Alice Durand (adurand)"
    assert identify(report, "inconnu").role is Role.LECTEUR


def test_contributors_edit_only_their_chapters(workspace: Workspace) -> None:
    report = workspace.report
    mobility = workspace.store.load("v2-mobilite").data
    budget = workspace.store.load("vi3-finances-budget").data
    alice = identify(report, "adurand")
    assert can_edit(alice, mobility) and not can_edit(alice, budget)
    assert can_edit(identify(report, "sbernard"), budget)
    assert not can_edit(identify(report, "inconnu"), mobility)


def test_submit_then_validate_appends_the_history_and_saves(workspace: Workspace) -> None:
    chapter = workspace.store.load("v3-infrastructures")
    author = identify(workspace.report, "fgarcia")
    assert allowed_statuses(author, chapter.data) == ["a_relire"]
    change_status(chapter.data, "a_relire", author, NOW)
    with pytest.raises(PermissionDenied) as refused:
        change_status(chapter.data, "valide", author, NOW)
    assert "ne peut pas passer ce chapitre" in str(refused.value)
    change_status(chapter.data, "valide", identify(workspace.report, "mlegrand"), NOW)
    workspace.store.save(chapter)
    text = chapter.path.read_text(encoding="utf-8")
    assert "statut: valide\n" in text
    assert "- {statut: a_relire, par: fgarcia, le: '2021-03-25T14:02:00'}" in text
    assert "- {statut: valide, par: mlegrand, le: '2021-03-25T14:02:00'}" in text
    reloaded = workspace.store.load("v3-infrastructures").data
    assert [h["statut"] for h in reloaded["historique_statut"]] == ["a_relire", "valide"]


def test_only_the_secretariat_comments_and_writers_resolve(workspace: Workspace) -> None:
    chapter = workspace.store.load("v6-culture-sport")
    reader = identify(workspace.report, "adurand")
    with pytest.raises(PermissionDenied):
        add_comment(chapter.data, "k3v9qa", "À vérifier.", reader)
    index = add_comment(
        chapter.data,
        "k3v9qa",
        "Chiffre à vérifier.",
        identify(workspace.report, "mlegrand"),
        datetime.datetime(2021, 3, 26, 10, 12, 30, 500),
    )
    assert [i for i, _ in open_comments(chapter.data)] == [index]
    for someone_else in (reader, identify(workspace.report, "hroux")):  # hroux writes it
        with pytest.raises(PermissionDenied):
            set_comment_resolved(chapter.data, index, someone_else)
    set_comment_resolved(chapter.data, index, identify(workspace.report, "mlegrand"))
    assert open_comments(chapter.data) == []
    workspace.store.save(chapter)
    saved = workspace.store.load("v6-culture-sport").data["commentaires"][-1]
    assert dict(saved) == {
        "bloc": "k3v9qa",
        "auteur": "mlegrand",
        "date": "2021-03-26T10:12:30",
        "texte": "Chiffre à vérifier.",
        "resolu": True,
    }
