"""The Word export against pandoc, at 1×, 10× and 50× the sample, as whole processes.

For each size the bench makes a workspace (the sample, or the sample whose
chapters repeat their sections or rubriques N times, by copying YAML text), writes
a Markdown file of the same content, then times ``authoring-tui export`` and
``pandoc -f markdown -t docx`` as child processes: wall time and peak memory
(the child's maximum resident set size, from ``wait4``). Figures only; nothing
is asserted.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1, 10, 50)
RUNS = {1: 5, 10: 2, 50: 1}
_TOP_KEY = re.compile(r"^[a-z_]+:")


def make_workspace(folder: Path, factor: int) -> Path:
    """A copy of the sample whose chapters hold ``factor`` times their content."""
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "report.yaml", folder / "report.yaml")
    shutil.copytree(ROOT / "schema", folder / "schema")
    shutil.copytree(ROOT / "medias", folder / "medias")
    (folder / "chapters").mkdir()
    (folder / "exports").mkdir()
    for chapter in sorted((ROOT / "chapters").glob("*.yaml")):
        text = chapter.read_text(encoding="utf-8")
        (folder / "chapters" / chapter.name).write_text(repeat_content(text, factor), "utf-8")
    return folder


def repeat_content(text: str, factor: int) -> str:
    """Repeat the items of the top-level ``sections:`` (or ``rubriques:``) list."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(("sections:", "rubriques:")))
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    items = "".join(lines[start + 1 : end])
    return "".join(lines[: start + 1]) + items * factor + "".join(lines[end:])


def markdown_of(workspace: Path) -> str:
    """The workspace's content as pandoc Markdown: headings, text, lists, tables."""
    sys.path.insert(0, str(ROOT / "src"))
    from authoring_tui.core.workspace import Workspace

    opened = Workspace.open(workspace)
    out: list[str] = [f"% {opened.report.titre}\n"]
    for part in opened.report.parties:
        out.append(f"# {part.numero + '/ ' if part.numero else ''}{part.titre}\n")
        for chapter_id in part.chapitres:
            data = opened.store.load(chapter_id, round_trip=False).data
            out.append(f"## {data.get('numero', '')} {data['titre']}\n")
            out.append(f"{data.get('chapeau') or ''}\n")
            for rubrique in data.get("rubriques", []):
                out.append(f"### {rubrique['titre']}\n")
                out.extend(_figures(rubrique["chiffres"]))
                out.append(f"{rubrique.get('note') or ''}\n")
            for section in data.get("sections", []):
                out.extend(_section(section, 3))
    return "\n".join(out)


def _section(section: Mapping[str, Any], level: int) -> Iterator[str]:
    yield f"{'#' * min(level, 6)} {section.get('numero', '')} {section.get('titre', '')}\n"
    for block in section.get("blocs", []):
        yield from _block(block)
    for child in section.get("sous_sections", []):
        yield from _section(child, level + 1)


def _block(block: Mapping[str, Any], quote: str = "") -> Iterator[str]:
    kind = block.get("type")
    if kind == "paragraphe":
        yield f"{quote}{block.get('texte', '')}\n"
    elif kind == "liste":
        yield from _items(block.get("elements", []), 0, quote)
        yield ""
    elif kind == "chiffres_cles":
        yield from (quote + line for line in _figures(block.get("chiffres", [])))
    elif kind == "tableau":
        yield quote + "| " + " | ".join(block["colonnes"]) + " |"
        yield quote + "|" + "---|" * len(block["colonnes"])
        for row in block["lignes"]:
            yield quote + "| " + " | ".join(row) + " |"
        yield ""
    elif kind in ("zoom", "encadre"):
        yield f"> **{block.get('territoire') or ''} {block.get('titre') or ''}**\n>"
        for inner in block.get("blocs", []):
            yield from _block(inner, "> ")
    elif kind == "image":  # the same pictures for pandoc (paths made absolute below)
        yield f"{quote}![{block.get('legende', '')}]({block['fichier']})\n"
    elif kind == "citation":
        yield f"> {block['texte']}\n>\n> — {block['auteur']}, {block.get('fonction', '')}\n"


def _items(items: list[Any], depth: int, quote: str) -> Iterator[str]:
    for item in items:
        yield f"{quote}{'    ' * depth}- {item.get('texte', '')}"
        yield from _items(item.get("sous_elements", []), depth + 1, quote)


def _figures(figures: list[Any]) -> Iterator[str]:
    yield "| Valeur | Unité | Libellé |"
    yield "|---:|---|---|"
    for figure in figures:
        yield f"| {figure['valeur']} | {figure.get('unite', '')} | {figure['libelle']} |"
    yield ""


class TreeMemory:
    """Peak proportional memory (PSS) of a process and its children, sampled.

    ``wait4`` gives the peak resident memory of the largest single process; the
    export also forks readers, whose memory is partly shared with their parent.
    PSS counts a shared page once, shared between the processes that map it.
    """

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.peak_kb / 1024

    def _sample(self) -> None:
        while not self._done.wait(self.interval):
            pids = [self.pid, *_children(self.pid)]
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in pids))


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_child(
    command: list[str], env: dict[str, str], before: Callable[[], None] | None = None
) -> tuple[float, float, float]:
    """Wall time (s), peak resident memory of the largest process (MB, from
    ``wait4``) and peak PSS of the whole process tree (MB) of one child process."""
    if before is not None:
        before()
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree = TreeMemory(child.pid)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    tree_mb = tree.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        error = child.stderr.read().decode() if child.stderr else ""
        raise RuntimeError(f"{command[0]} a échoué : {error}")
    return elapsed, usage.ru_maxrss / 1024, tree_mb


def measure(
    label: str,
    command: list[str],
    env: dict[str, str],
    runs: int,
    before: Callable[[], None] | None = None,
) -> tuple[float, float]:
    samples = [run_child(command, env, before) for _ in range(runs)]
    median = statistics.median(s[0] for s in samples)
    memory = max(s[1] for s in samples)
    tree = max(s[2] for s in samples)
    print(
        f"  {label:<44} médiane {median:7.2f} s   min {min(s[0] for s in samples):7.2f} s"
        f"   mémoire max {memory:6.0f} Mo (arbre de processus, PSS : {tree:4.0f} Mo)"
        f"   ({runs} essai(s))"
    )
    return median, memory


def bench_export() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT / "src")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("  pandoc absent : seul l’export est mesuré (apt-get install pandoc).")
    else:
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
        print(f"  {version.stdout.splitlines()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for factor in SIZES:
            workspace = make_workspace(Path(tmp) / f"x{factor}", factor)
            size = sum(p.stat().st_size for p in (workspace / "chapters").iterdir())
            markdown = Path(tmp) / f"x{factor}.md"
            markdown.write_text(markdown_of(workspace), encoding="utf-8")
            print(
                f" {factor}× l’échantillon : {size / 1024:.0f} Ko de YAML, "
                f"{markdown.stat().st_size / 1024:.0f} Ko de Markdown"
            )
            output = Path(tmp) / f"x{factor}.docx"
            export = [sys.executable, "-m", "authoring_tui.cli.main", "export",
                      "--workspace", str(workspace), "--output", str(output), "--force",
                      "--date", "2021-04-12"]  # fmt: skip
            forget = functools.partial(shutil.rmtree, workspace / ".cache", ignore_errors=True)
            run_child(export, env)  # warm the file cache and the compiled modules
            warm, _ = measure("export, cache de statut à jour", export, env, RUNS[factor])
            cold, _ = measure("export, sans cache (tout est validé)", export, env,
                              RUNS[factor], forget)  # fmt: skip
            if pandoc is None:
                continue
            theirs, _ = measure("pandoc -f markdown -t docx",
                                [pandoc, "-f", "markdown", "-t", "docx",
                                 "--resource-path", str(workspace), "-o",
                                 str(Path(tmp) / f"p{factor}.docx"), str(markdown)],
                                env, RUNS[factor])  # fmt: skip
            print(
                f"  rapport export / pandoc : {warm / theirs:.2f} avec cache, "
                f"{cold / theirs:.2f} sans cache"
            )


def main() -> int:
    print("Export Word")
    bench_export()
    return 0


if __name__ == "__main__":
    sys.exit(main())
