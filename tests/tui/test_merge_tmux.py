"""The merge through a real terminal: the app in tmux at 80×24, a writer types in
the chapeau of V/3, the file changes on disk, Ctrl+S saves both without a
question. Skipped where tmux is not installed."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from authoring_tui.core.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

CHAPTER = "v3-infrastructures"
TYPED = "Chapeau tapé dans un vrai terminal."
WAIT_SECONDS = 120.0
"""How long the app may take to reach a state on a loaded machine (not a measure)."""


class Terminal:
    """One tmux session running the application."""

    def __init__(self, name: str) -> None:
        self.name = name

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        subprocess.run(["tmux", "send-keys", "-t", self.name, *flags, *keys], check=True)

    def screen(self) -> str:
        shown = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        )
        return shown.stdout

    def wait_for(self, condition: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"the terminal did not show the expected state:\n{self.screen()}")


@pytest.fixture
def terminal(workspace_dir: Path) -> Iterator[Terminal]:
    name = f"merge-{uuid.uuid4().hex[:8]}"
    command = shlex.join(
        [
            sys.executable,
            "-m",
            "authoring_tui.cli.main",
            "--workspace",
            str(workspace_dir),
            "--user",
            "fgarcia",
        ]
    )
    environment = {"TERM": "xterm-256color"}
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "80",
            "-y",
            "24",
            f"env {exports} {command}",
        ],
        check=True,
    )
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def test_typed_and_changed_on_disk_are_saved_together_in_a_real_terminal(
    terminal: Terminal, workspace_dir: Path
) -> None:
    path = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    terminal.wait_for(lambda screen: "V/3    Infrastructures" in screen)
    terminal.keys("Enter")  # « Mes chapitres »: V/3 is fgarcia's only chapter
    terminal.wait_for(lambda screen: "Paragraphe · La stratégie" in screen)
    terminal.keys("F3")  # the next error: the empty chapeau, its field focused
    terminal.wait_for(lambda screen: "Chapeau *" in screen)
    terminal.keys(TYPED, literal=True)
    terminal.wait_for(lambda screen: "modifié" in screen.splitlines()[1])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("des villes aux villages", "des villes aux hameaux"), "utf-8")
    terminal.keys("C-s")
    screen = terminal.wait_for(lambda screen: "Fusionné avec la version sur le" in screen)
    assert "Section 1 › Bloc 1" in screen and "Le fichier a changé" not in screen
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# Chapitre V/3 — Infrastructures\n")  # the comments kept
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert data["chapeau"] == TYPED
    assert "des villes aux hameaux" in data["sections"][0]["blocs"][0]["texte"]
