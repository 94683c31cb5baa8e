"""Run by a Python that has LibreOffice's ``uno`` module (never imported by the tool).

``pdf.write_pdf`` runs this file with the system's Python: it starts LibreOffice
headless on a private profile, listening on a pipe, opens the DOCX copy hidden,
updates every index (the table of contents) and every field twice — the second
pass takes the pages the first one moved — and stores the PDF. LibreOffice is
stopped in every case. Exit codes: 0 written; 3 LibreOffice did not start; 4 it
did not answer in time; 5 no ``uno`` module in this Python; 6 the conversion failed.

Usage: python3 lo_script.py SOFFICE PROFILE_DIR SOURCE.docx TARGET.pdf PIPE_NAME
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

WAIT_SECONDS = 60
UPDATE_PASSES = 2


def main(soffice: str, profile: str, source: str, target: str, pipe: str) -> int:
    try:
        import uno  # type: ignore[import-not-found]
    except ImportError:
        return 5
    with running_office(uno, soffice, profile, pipe) as (office, desktop):
        if desktop is None:
            return 3 if office.poll() is not None else 4
        return _convert(uno, desktop, source, target)


@contextlib.contextmanager
def running_office(
    uno: Any, soffice: str, profile: str, pipe: str
) -> Iterator[tuple[subprocess.Popen[bytes], Any]]:
    """LibreOffice headless on a private profile, and its desktop once it answers
    on ``pipe`` (``None`` if it never does); quit and waited for on exit. Also
    used by the tests' script that edits a DOCX with changes recorded."""
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
    try:
        desktop = _desktop(uno, office, pipe)
        try:
            yield office, desktop
        finally:
            if desktop is not None:
                _terminate(desktop)
    finally:
        _stop(office)


def _desktop(uno: Any, office: subprocess.Popen[bytes], pipe: str) -> Any:
    """LibreOffice's desktop once it answers on the pipe; ``None`` if it never does."""
    from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and office.poll() is None:
        try:
            remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.2)
            continue
        return remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
    return None


def _convert(uno: Any, desktop: Any, source: str, target: str) -> int:
    try:
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0, (property_value("Hidden", True),)
        )
        for _ in range(UPDATE_PASSES):
            indexes = document.getDocumentIndexes()
            for number in range(indexes.getCount()):
                indexes.getByIndex(number).update()
            document.getTextFields().refresh()
            document.refresh()
        document.storeToURL(
            uno.systemPathToFileUrl(target), (property_value("FilterName", "writer_pdf_Export"),)
        )
        document.close(True)
    except Exception as error:  # a UNO exception of any kind: reported by the exit code
        print(f"conversion: {error}", file=sys.stderr)
        return 6
    return 0


def property_value(name: str, value: Any) -> Any:
    """A UNO ``PropertyValue``, as LibreOffice's calls take their options."""
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _terminate(desktop: Any) -> None:
    with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
        desktop.terminate()


def _stop(office: subprocess.Popen[bytes]) -> None:
    try:
        office.wait(WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
