"""The DOCX reader of the Word round trip.

``read_proofread(source, workspace) -> ProofreadDocument``: ``source`` is the
path of a DOCX the export made and a proofreader edited in Word or LibreOffice
(or its bytes, with ``name`` for messages); ``workspace`` the report it was
exported from. The result (``core.proofreading``) tells, chapter by chapter,
the fields whose text was changed by tracked changes (before: as exported,
after: all revisions accepted, in the YAML's conventions), the comments, the
paragraphs typed between blocks, the formatting-only revisions, and what could
not be placed. A DOCX the export did not make, or whose block bookmarks are all
gone, is refused with an :class:`AuthoringError` in French.
"""

from __future__ import annotations

from pathlib import Path

from ...core.errors import AuthoringError
from ...core.proofreading import ProofreadDocument
from ...core.workspace import Workspace
from .document import read_document
from .package import read_package

__all__ = ["read_proofread"]


def read_proofread(
    source: Path | bytes, workspace: Workspace, name: str = "document.docx"
) -> ProofreadDocument:
    package = read_package(source, name)
    try:
        return read_document(package, workspace)
    except AuthoringError as error:
        if error.path is None:
            raise AuthoringError(error.message, package.source) from None
        raise
