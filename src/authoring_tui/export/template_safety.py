"""A user's Word template, reduced to what a template legitimately brings.

``--template`` takes any .docx a colleague hands over, and whatever it carries is
copied into the report everyone then opens: a remote ``attachedTemplate`` (Word
fetches it on opening), links to outside files, macros, ActiveX controls,
embedded objects. So python-docx never sees the file itself. The zip is read
first, with bounds checked on its central directory *and* while decompressing
(``template_zip``); only the parts a template is used for are kept (styles,
numbering, theme, fonts, settings, headers and footers with their PNG or JPEG
images, document properties: ``template_builder``), each XML part parsed by a
parser that neither expands entities nor touches the network
(``template_xml``), cleaned (``template_cleaning``) and reserialised; the
relationships are rewritten to list only what was kept. The result is a new
.docx in memory, plus one French warning per kind of thing that was left out
(``template_messages``).

Everything that makes a template unusable (not a zip, too big, malformed XML, a
``<!DOCTYPE``) is a ``TemplateError`` naming the file: nothing is written.
``export/template.py`` calls ``sanitise_template`` before python-docx opens
anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .template_builder import Builder
from .template_messages import TemplateError
from .template_parts import Package
from .template_zip import open_zip, read_file

__all__ = ["CleanTemplate", "TemplateError", "sanitise_template"]


@dataclass(frozen=True)
class CleanTemplate:
    data: bytes
    """The rebuilt .docx, for python-docx."""
    warnings: list[str]


def sanitise_template(path: Path) -> CleanTemplate:
    """The template at ``path`` rebuilt from its legitimate parts, and what was left out."""
    archive = open_zip(read_file(path), path)
    package = Package(archive, path)
    builder = Builder(package)
    builder.build()
    builder.account_for_the_rest()
    return CleanTemplate(builder.write(), builder.findings.warnings(path))
