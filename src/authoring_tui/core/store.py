"""The chapter store: ``chapters/<id>.yaml`` loaded and saved without losing a word.

Loading keeps ruamel's round-trip objects, so a save writes back comments, key
order, quoting and the untouched fields byte for byte. Saving is atomic. The
store remembers the hash of what it loaded, so callers can tell whether the file
changed on disk since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ChapterFileError, InvalidChapterId
from .yamlio import YamlDocument, atomic_write_text, digest_bytes, dump_yaml, read_yaml

CHAPTER_ID = re.compile(r"[a-z0-9-]+")


@dataclass
class Chapter:
    """One chapter file as loaded: its data and what it looked like on disk."""

    id: str
    path: Path
    document: YamlDocument
    disk_hash: str
    mtime: float

    @property
    def data(self) -> Any:
        return self.document.data


def check_chapter_id(chapter_id: str) -> str:
    """Refuse any id that is not ``[a-z0-9-]+`` before a file is touched."""
    if not isinstance(chapter_id, str) or not CHAPTER_ID.fullmatch(chapter_id):
        raise InvalidChapterId(
            f"identifiant de chapitre « {chapter_id} » refusé : seuls les lettres minuscules "
            "sans accent, les chiffres et les tirets sont permis."
        )
    return chapter_id


class ChapterStore:
    """Reads and writes the chapter files of one workspace folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, chapter_id: str) -> Path:
        return self.folder / f"{check_chapter_id(chapter_id)}.yaml"

    def exists(self, chapter_id: str) -> bool:
        return self.path_for(chapter_id).is_file()

    def load(self, chapter_id: str, round_trip: bool = True) -> Chapter:
        """Read a chapter; ``round_trip=False`` is faster but the result cannot be saved."""
        path = self.path_for(chapter_id)
        self._refuse_escape(path)
        document = read_yaml(path, round_trip)
        return Chapter(chapter_id, path, document, document.digest, path.stat().st_mtime)

    def save(self, chapter: Chapter) -> None:
        """Write the chapter atomically and remember what is now on disk."""
        self._refuse_escape(chapter.path)
        text = dump_yaml(chapter.document)
        atomic_write_text(chapter.path, text)
        chapter.disk_hash = digest_bytes(text.encode("utf-8"))
        chapter.mtime = chapter.path.stat().st_mtime

    def create(self, chapter_id: str, text: str) -> Path:
        """Write a new chapter file from YAML text; never over an existing one."""
        path = self.path_for(chapter_id)
        if path.exists() or path.is_symlink():
            raise ChapterFileError("le chapitre existe déjà.", path)
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
        return path

    def changed_on_disk(self, chapter: Chapter) -> bool:
        try:
            return digest_bytes(chapter.path.read_bytes()) != chapter.disk_hash
        except FileNotFoundError:
            return True

    def _refuse_escape(self, path: Path) -> None:
        """A chapter file that is a link to somewhere outside ``chapters/`` is refused."""
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(self.folder.resolve()):
                raise ChapterFileError(
                    f"le fichier est un lien vers « {target} », hors du dossier des chapitres : "
                    "il n'est ni lu ni modifié.",
                    path,
                )
