"""Run by a Python that has LibreOffice's ``uno``: open a DOCX with change
recording on, replace one word as a proofreader would, save it as DOCX.

Usage: python3 proofread_lo_edit.py SOFFICE PROFILE SOURCE.docx TARGET.docx PIPE OLD NEW
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src" / "authoring_tui" / "export"))
import lo_script


def main(
    soffice: str, profile: str, source: str, target: str, pipe: str, old: str, new: str
) -> int:
    import uno  # type: ignore[import-not-found]

    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ]
    )
    desktop = lo_script._desktop(uno, office, pipe)
    try:
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0, (lo_script._property("Hidden", True),)
        )
        document.setPropertyValue("RecordChanges", True)
        search = document.createSearchDescriptor()
        search.SearchString = old
        search.SearchWords = True
        found = document.findFirst(search)
        found.setString(new)
        document.storeToURL(
            uno.systemPathToFileUrl(target),
            (lo_script._property("FilterName", "MS Word 2007 XML"),),
        )
        document.close(True)
    finally:
        lo_script._terminate(desktop)
        lo_script._stop(office)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:8]))
