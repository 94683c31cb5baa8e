"""Benchmarks for `make bench`: print figures and the machine, assert nothing.

Each benchmark reports the median of several runs (and the min), in
milliseconds, on the repository's own sample workspace.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from authoring_tui.core.completeness import completeness  # noqa: E402
from authoring_tui.core.validation import validate  # noqa: E402
from authoring_tui.core.workspace import Workspace  # noqa: E402


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()} {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cœurs, Python {platform.python_version()}"
    )


def timed(label: str, action: Callable[[], object], runs: int = 7) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    median = statistics.median(samples)
    print(f"  {label:<58} médiane {median:8.1f} ms   min {min(samples):8.1f} ms")
    return median


def bench_core() -> None:
    workspace = Workspace.open(ROOT)
    ids = workspace.report.chapter_ids
    chapters = [workspace.store.load(i, round_trip=False) for i in ids]
    size = sum(c.path.stat().st_size for c in chapters)
    print(f"Échantillon : {len(chapters)} chapitres, {size / 1024:.0f} Ko de YAML")

    def validate_all() -> None:
        for chapter in chapters:
            schema = workspace.schema_for(chapter.id)
            completeness(schema, chapter.data, validate(schema, chapter.data))

    validate_all()  # validators are built once per process, as in the app
    timed("validation + complétude, tout l’échantillon (en mémoire)", validate_all, runs=11)
    for schema in {id(s): s for s in map(workspace.schema_for, ids)}.values():
        schema.use_shortcut = False
        schema.validator_reset()
    validate_all()
    timed("  la même, sans le raccourci des unions (oneOf standard)", validate_all, runs=11)
    for schema in {id(s): s for s in map(workspace.schema_for, ids)}.values():
        schema.use_shortcut = True
        schema.validator_reset()

    def round_trip_all() -> None:
        for chapter_id in ids:
            workspace.store.save(workspace.store.load(chapter_id))

    timed("ruamel aller-retour (chargement + enregistrement) de tout", round_trip_all, runs=3)

    def fast_load_all() -> None:
        for chapter_id in ids:
            workspace.store.load(chapter_id, round_trip=False)

    timed("lecture rapide (libyaml) de tout", fast_load_all)


def bench_cli() -> None:
    command = [sys.executable, "-m", "authoring_tui.cli.main", "status", "--json"]
    # Users' Python caches compiled modules; this machine's PYTHONDONTWRITEBYTECODE
    # would make every cold start recompile the whole import graph.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT / "src")
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    cache = ROOT / ".cache" / "statut.json"

    def status_process() -> None:
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)

    def status_process_without_cache() -> None:
        cache.unlink(missing_ok=True)
        status_process()

    timed("`authoring-tui status --json`, processus, sans cache", status_process_without_cache)
    timed("`authoring-tui status --json`, processus, cache à jour", status_process)


def main() -> int:
    print(f"Machine : {machine()}")
    print("Cœur (core)")
    bench_core()
    print("Ligne de commande")
    bench_cli()
    from export_bench import bench_export  # bench/ is on sys.path when run as a script

    print("Export Word (sous-processus : temps et mémoire max)")
    bench_export()
    from tui_bench import bench_tui

    print("Application (Textual)")
    bench_tui()
    return 0


if __name__ == "__main__":
    sys.exit(main())
