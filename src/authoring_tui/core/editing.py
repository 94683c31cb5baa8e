"""A change to a chapter made outside the editor, by the rules of the application.

The CLI's ``statut`` and ``historique --restaurer`` and the Word round trip's
apply step change a chapter the way the editor would: the user's role, the
chapter's edit lock held for the time of the change, the validated rule, and a
save that refuses to overwrite a file changed on disk since it was read.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

from .anchors import migrate
from .field_roles import validated_refusal
from .roles import User, check_can_edit
from .store import Chapter
from .workspace import Workspace


@contextmanager
def edit_chapter(workspace: Workspace, chapter_id: str, user: User) -> Iterator[Chapter]:
    """Check the role, lock, load, yield for the change, save, unlock.

    Nothing is written, not even a lock file, for a user who may not edit; nor
    a change to a validated chapter's content that leaves it « Validé »; nor an
    unchanged chapter (no new version in its history). The chapter is brought to
    contract v2 (``anchors.migrate``) as read, before the change (a v1 ``cible``
    is a position in the file as read), and again before the save (blocks a
    restored version brings without an anchor); the validated rule judges the
    change against the migrated chapter, so the tool's own anchors are not taken
    for a change of content.
    """
    check_can_edit(user, workspace.store.load(chapter_id, round_trip=False).data, chapter_id)
    lock = workspace.lock(chapter_id)
    lock.acquire(user)
    try:
        schema = workspace.schema_for(chapter_id)
        chapter = workspace.store.load(chapter_id)
        migrated = migrate(schema, chapter.data)
        before = copy.deepcopy(chapter.data)
        yield chapter
        migrate(schema, chapter.data)
        refused = validated_refusal(before, chapter.data, chapter.path)
        if refused is not None:
            raise refused
        if migrated or chapter.data != before:
            workspace.store.save(chapter, login=user.login)
    finally:
        lock.release()
