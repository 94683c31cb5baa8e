"""Run by a Python that has LibreOffice's ``uno``: open a DOCX with change
recording on, replace one word as a proofreader would, save it as DOCX.

Usage: python3 proofread_lo_edit.py SOFFICE PROFILE SOURCE.docx TARGET.docx PIPE OLD NEW
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src" / "authoring_tui" / "export"))
import lo_script


def main(
    soffice: str, profile: str, source: str, target: str, pipe: str, old: str, new: str
) -> int:
    import uno  # type: ignore[import-not-found]

    with lo_script.running_office(uno, soffice, profile, pipe) as (_, desktop):
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source),
            "_blank",
            0,
            (lo_script.property_value("Hidden", True),),
        )
        document.setPropertyValue("RecordChanges", True)
        search = document.createSearchDescriptor()
        search.SearchString = old
        search.SearchWords = True
        found = document.findFirst(search)
        found.setString(new)
        document.storeToURL(
            uno.systemPathToFileUrl(target),
            (lo_script.property_value("FilterName", "MS Word 2007 XML"),),
        )
        document.close(True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:8]))
