"""Status changes and proofreading comments, written into the chapter itself.

Every status change is appended to ``historique_statut`` (who, when); comments go
to ``commentaires``. Both are plain YAML in the chapter file, so they show in git
diffs and survive any tool. The functions change the loaded round-trip data; the
caller saves through the store.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, MutableMapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .roles import PermissionDenied, Role, User, allowed_statuses, can_comment, can_edit
from .yamlio import TimestampText

STATUS_TITLES = {
    "brouillon": "Brouillon",
    "a_relire": "À relire",
    "a_reprendre": "À reprendre",
    "valide": "Validé",
}


def change_status(
    chapter: MutableMapping[str, Any],
    new_status: str,
    user: User,
    now: datetime.datetime | None = None,
    message: str | None = None,
) -> None:
    """Set ``statut`` and append the change to ``historique_statut``, if allowed;
    ``message`` (« À reprendre »: what to rework) goes on the history line, where
    the writers read it when they open the chapter."""
    check_status_change(chapter, new_status, user)
    moment = (now or datetime.datetime.now()).replace(microsecond=0)
    chapter["statut"] = new_status
    # A plain str, which the writer quotes: libyaml refuses an unquoted « : » in
    # a « {…} » line, and every chapter with a history would be read the slow way.
    entry = _flow_map(statut=new_status, par=user.login, le=moment.isoformat())
    if message and message.strip():
        entry["message"] = message.strip()
    _tool_list(chapter, "historique_statut").append(entry)


def check_status_change(chapter: Mapping[str, Any], new_status: str, user: User) -> None:
    """Refuse, in French, a status change the user's role does not allow (before
    any question is asked about it)."""
    if new_status not in allowed_statuses(user, chapter):
        raise PermissionDenied(
            f"{user.label} ({user.role.title.lower()}) ne peut pas passer ce chapitre "
            f"de « {STATUS_TITLES.get(str(chapter.get('statut')), chapter.get('statut'))} » "
            f"à « {STATUS_TITLES.get(new_status, new_status)} »."
        )


def last_change(chapter: Mapping[str, Any], statut: str) -> Mapping[str, Any] | None:
    """The newest history line that set ``statut`` (who validated, who asked for
    rework and why), or ``None``."""
    history = chapter.get("historique_statut")
    entries = history if isinstance(history, list) else []
    found = [e for e in entries if isinstance(e, Mapping) and e.get("statut") == statut]
    return found[-1] if found else None


def add_comment(
    chapter: MutableMapping[str, Any],
    bloc: str | None,
    texte: str,
    user: User,
    now: datetime.datetime | None = None,
    cible: str | None = None,
) -> int:
    """Append an unresolved comment on the block whose anchor is ``bloc`` (on the
    whole chapter when ``None``), dated to the second; returns its index.

    A comment follows its block by anchor, never by position: moving blocks
    around it leaves it where it was written. A place that is no block (a
    section) has no anchor: it is given by its path, ``cible``."""
    if not can_comment(user):
        raise PermissionDenied(
            "seul le secrétariat de rédaction peut ajouter des commentaires de relecture."
        )
    comment = CommentedMap()
    if bloc:
        comment["bloc"] = bloc
    elif cible:
        comment["cible"] = cible
    comment["auteur"] = user.login
    comment["date"] = _moment(now)
    comment["texte"] = texte
    comment["resolu"] = False
    comments = _tool_list(chapter, "commentaires")
    comments.append(comment)
    return len(comments) - 1


def reply(
    chapter: MutableMapping[str, Any],
    index: int,
    texte: str,
    user: User,
    now: datetime.datetime | None = None,
) -> None:
    """Append a reply to comment ``index``, in the user's name: the chapter's
    writers answer the secrétariat, who answers back, in one thread."""
    if not (can_comment(user) or can_edit(user, chapter)):
        raise PermissionDenied(
            "seuls les rédacteurs du chapitre et le secrétariat de rédaction peuvent répondre "
            "à un commentaire."
        )
    answer = CommentedMap()
    answer["auteur"] = user.login
    answer["date"] = _moment(now)
    answer["texte"] = texte
    comment = chapter["commentaires"][index]
    if not isinstance(comment.get("reponses"), list):
        comment["reponses"] = CommentedSeq()
    comment["reponses"].append(answer)


def _moment(now: datetime.datetime | None) -> TimestampText:
    """A local date and time to the second (``2021-03-03T10:12:00``), written plain."""
    moment = (now or datetime.datetime.now()).replace(microsecond=0, tzinfo=None)
    text: TimestampText = TimestampText(moment.isoformat())
    return text


def set_comment_resolved(
    chapter: MutableMapping[str, Any], index: int, user: User, resolved: bool = True
) -> None:
    """Mark a comment resolved: its author or the secrétariat (``x-role: auteur`` in
    the schema; the editor's save checks the same rule)."""
    comment = chapter["commentaires"][index]
    if not (user.role is Role.SECRETARIAT or comment.get("auteur") == user.login):
        raise PermissionDenied(
            "seuls l’auteur du commentaire et le secrétariat de rédaction peuvent le marquer "
            "résolu."
        )
    comment["resolu"] = resolved


def open_comments(chapter: MutableMapping[str, Any]) -> list[tuple[int, Any]]:
    comments = chapter.get("commentaires") or []
    return [(i, c) for i, c in enumerate(comments) if not c.get("resolu", False)]


def _tool_list(chapter: MutableMapping[str, Any], key: str) -> Any:
    if not isinstance(chapter.get(key), list):
        position = len(chapter)
        if key == "historique_statut" and "commentaires" in chapter:
            position = list(chapter).index("commentaires")
        if isinstance(chapter, CommentedMap):
            chapter.insert(position, key, CommentedSeq())
        else:
            chapter[key] = []
    return chapter[key]


def _flow_map(**values: Any) -> CommentedMap:
    entry = CommentedMap(values)
    entry.fa.set_flow_style()
    return entry
