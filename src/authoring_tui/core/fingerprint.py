"""The fingerprint of a chapter's content, as the Word export records it.

The Word round trip (corrections coming back from a .docx) must know which
version of each chapter a document was made from, whatever the YAML's layout,
comments or key order. The fingerprint is therefore taken on the *content*, in a
canonical form: JSON with keys sorted, no insignificant spaces, UTF-8 text as is,
dates and times in ISO 8601; a chapter not started (no data) is ``null``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any


def canonical_content(data: Any) -> bytes:
    """The chapter's data as canonical JSON bytes (see the module's docstring)."""
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )
    return text.encode("utf-8")


def content_digest(data: Any) -> str:
    """sha256 of ``canonical_content(data)``, in hexadecimal."""
    return hashlib.sha256(canonical_content(data)).hexdigest()


def _plain(value: Any) -> Any:
    """What JSON cannot hold as is: YAML dates, and the loader's own mapping and
    sequence types (round-trip YAML) that are not ``dict``/``list`` subclasses."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if hasattr(value, "items"):
        return dict(value.items())
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes):
        return list(value)
    raise TypeError(f"not serialisable: {type(value).__name__}")
