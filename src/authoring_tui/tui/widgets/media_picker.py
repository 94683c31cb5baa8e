"""The picker of a picture field (``"x-widget": "media"``): the pictures of ``medias/``.

A select, not a file browser: a picture must be in the workspace's ``medias/``
folder (that is where the export and the other writers find it), so the choice
is among the PNG and JPEG files there, listed by the core (links and special
files left out), each with its pixel size and weight, « PNG, 1 200 × 630
pixels, 35 Ko », so that the writer knows a thumbnail from a poster. The value
the chapter already holds is kept among the options even when its file is gone,
with what is wrong with it. Being a ``FieldSelect``, the editor writes the
choice into the chapter like any other select.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from ...core.files import Folder
from ...core.media import MediaProblem, inspect, list_pictures
from .. import strings as S
from ..forms.spec import FieldSpec
from .fields import FieldSelect


def picture_options(files: Folder | None, current: Any) -> list[tuple[str, str]]:
    """(label, path) of every picture of ``medias/``, and of the current value."""
    paths = list_pictures(files) if files is not None else []
    if isinstance(current, str) and current and current not in paths:
        paths.insert(0, current)
    return [(picture_label(files, path), path) for path in paths]


def picture_label(files: Folder | None, path: str) -> str:
    """« medias/x.png — PNG, 1 200 × 630 pixels, 35 Ko », or why it cannot be used."""
    if files is None:
        return path
    try:
        return S.MEDIA_OPTION.format(path=path, details=inspect(files, path).describe())
    except MediaProblem as problem:
        return S.MEDIA_PROBLEM.format(path=path, problem=problem.message)


class MediaPicker(FieldSelect):
    """A picture chosen among the workspace's ``medias/``."""

    def __init__(self, spec: FieldSpec, files: Folder | None, value: Any, **kwargs: Any) -> None:
        options = picture_options(files, value)
        selected = value if any(path == value for _, path in options) else Select.NULL
        super().__init__(spec, options, selected, **kwargs)
        self.prompt = S.MEDIA_CHOOSE if options else S.MEDIA_NONE
