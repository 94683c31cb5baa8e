"""Where the 2020 sample workspace lives, and how a new workspace is laid out.

In a source checkout the repository root is the sample; an installed wheel
carries a copy under ``authoring_tui/_sample`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import AuthoringError
from .files import Folder
from .media import MAX_BYTES, list_pictures
from .report import REPORT_FILE, load_report
from .schema import JsonObject, Schema, SchemaSet
from .store import ChapterStore
from .yamlio import YamlDocument, dump_yaml, read_yaml

_PACKAGE = Path(__file__).resolve().parents[1]


def sample_root() -> Path:
    for candidate in (_PACKAGE / "_sample", _PACKAGE.parents[1]):
        if (candidate / REPORT_FILE).is_file() and (candidate / "schema").is_dir():
            return candidate
    raise AuthoringError("l’exemple du rapport 2020 est introuvable dans l’installation.")


def init_workspace(target: Path, with_sample: bool) -> list[Path]:
    """Create a workspace in ``target``: the plan, the schemas and the chapters.

    With ``with_sample`` the chapters are the full 2020 report; otherwise each
    plan entry gets a skeleton holding only its number, title and DGA.
    """
    Folder.at(target.parent).ensure_folder(target.name)
    files, source = Folder.at(target), sample_root()
    origin = Folder.at(source)
    if files.exists(REPORT_FILE):
        raise AuthoringError("un espace de travail existe déjà ici (report.yaml).", target)
    report = load_report(source)
    pictures = [source / path for path in list_pictures(origin)] if with_sample else []
    for copied in [source / REPORT_FILE, *origin.files("schema", ".json"), *pictures]:
        files.write_atomic(copied.relative_to(source), origin.read_bytes(copied, MAX_BYTES))
    files.write_atomic("exports/.gitkeep", b"")
    store = ChapterStore(target / "chapters", target)
    schemas = SchemaSet(target / "schema", files=files)
    written = [target / REPORT_FILE]
    for chapter_id in report.chapter_ids:
        sample_file = source / "chapters" / f"{chapter_id}.yaml"
        if with_sample and origin.exists(sample_file):
            text = origin.read_bytes(sample_file).decode("utf-8")
            written.append(store.create(chapter_id, text))
        else:
            schema = schemas.get(target / report.schema_for(chapter_id))
            written.append(store.create(chapter_id, _skeleton(schema, chapter_id, sample_file)))
    return written


def _skeleton(schema: Schema, chapter_id: str, sample_file: Path) -> str:
    """A new chapter holding every field of the schema's root, mostly empty.

    Number, title and DGA come from the sample chapter of the same id when there
    is one, so the dashboard of a new edition already shows the plan.
    """
    known: dict[str, Any] = {"id": chapter_id}
    if Folder.at(sample_file.parent).exists(sample_file):
        data = read_yaml(sample_file).data
        known.update({k: data[k] for k in ("numero", "titre", "dga") if k in data})
    document = CommentedMap()
    required = set(schema.contents.get("required", []))
    for name, node in schema.properties(schema.contents).items():
        if name in known:
            document[name] = known[name]
        elif name in required:
            document[name] = empty_value(node)
    title = " ".join(str(known.get(k, "")) for k in ("numero", "titre")).strip()
    document.yaml_set_start_comment(
        f"Chapitre {title}\nSquelette créé par « authoring-tui init » : complétez chaque champ."
    )
    return dump_yaml(YamlDocument(document, ""))


def empty_value(node: JsonObject) -> Any:
    """The value a new, empty field of this schema starts with."""
    if "const" in node:
        return node["const"]
    if "default" in node:
        return node["default"]
    kind = node.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    return {"array": CommentedSeq, "object": CommentedMap}.get(str(kind), str)()
