"""The safe file layer: no link followed, no FIFO opened, nothing outside the
folder, bounded reads, atomic writes, the disk's refusals in French."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest

from authoring_tui.core.files import DiskRefused, Folder, UnsafePath


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "dehors"
    folder.mkdir()
    (folder / "secret.txt").write_text("secret", "utf-8")
    return folder


@pytest.fixture
def root(tmp_path: Path) -> Folder:
    (tmp_path / "espace").mkdir()
    return Folder.at(tmp_path / "espace")


def test_a_file_link_is_neither_read_nor_written_through(root: Folder, outside: Path) -> None:
    link = root.root / "chapitre.yaml"
    link.symlink_to(outside / "secret.txt")
    with pytest.raises(UnsafePath, match="lien symbolique"):
        root.read_bytes("chapitre.yaml")
    with pytest.raises(UnsafePath, match="lien symbolique"):
        root.write_atomic("chapitre.yaml", b"nouveau")
    assert (outside / "secret.txt").read_text("utf-8") == "secret"
    assert link.is_symlink()


def test_a_folder_link_on_the_way_is_refused_for_every_operation(
    root: Folder, outside: Path
) -> None:
    (root.root / ".historique").symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in outside.iterdir())
    for action in (
        lambda: root.read_bytes(".historique/secret.txt"),
        lambda: root.write_atomic(".historique/x.yaml", b"x"),
        lambda: root.remove(".historique/secret.txt"),
        lambda: root.files(".historique"),
        lambda: root.ensure_folder(".historique/edito"),
        lambda: root.create_exclusive(".historique/verrou", b"x"),
    ):
        with pytest.raises(UnsafePath, match="lien symbolique"):
            action()
    assert sorted(p.name for p in outside.iterdir()) == before
    assert (outside / "secret.txt").read_text("utf-8") == "secret"


def test_a_fifo_is_refused_without_blocking(root: Folder) -> None:
    os.mkfifo(root.root / "schema.json")
    with pytest.raises(UnsafePath, match="pas un fichier ordinaire"):
        root.read_bytes("schema.json")
    assert not root.exists("schema.json")
    with pytest.raises(UnsafePath, match="pas un fichier ordinaire"):
        root.write_atomic("schema.json", b"{}")
    assert stat.S_ISFIFO(os.lstat(root.root / "schema.json").st_mode)


def test_paths_leaving_the_folder_are_refused(root: Folder, outside: Path) -> None:
    for path in ("../dehors/secret.txt", outside / "secret.txt", "a/../../x"):
        with pytest.raises(UnsafePath, match="espace de travail"):
            root.read_bytes(path)


def test_reads_are_bounded(root: Folder) -> None:
    (root.root / "gros.json").write_bytes(b" " * 5000)
    assert len(root.read_bytes("gros.json", limit=5000)) == 5000
    with pytest.raises(UnsafePath, match="trop volumineux"):
        root.read_bytes("gros.json", limit=4999)


def test_listing_keeps_regular_files_only(root: Folder, outside: Path) -> None:
    (root.root / "v").mkdir()
    (root.root / "v" / "a.yaml").write_text("a", "utf-8")
    (root.root / "v" / "b.yaml").symlink_to(outside / "secret.txt")
    os.mkfifo(root.root / "v" / "c.yaml")
    (root.root / "v" / "d").mkdir()
    assert [p.name for p in root.files("v", ".yaml")] == ["a.yaml"]
    assert root.files("absent") == []


def test_an_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(root: Folder) -> None:
    target = root.root / "dossier" / "f.yaml"
    root.write_atomic("dossier/f.yaml", b"un")
    target.chmod(0o640)
    root.write_atomic("dossier/f.yaml", b"deux")
    assert target.read_bytes() == b"deux"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["f.yaml"]


def test_exclusive_creation_and_removal(root: Folder, outside: Path) -> None:
    assert root.create_exclusive("verrou", b"moi")
    assert not root.create_exclusive("verrou", b"toi")
    assert root.read_bytes("verrou") == b"moi"
    (root.root / "lien").symlink_to(outside / "secret.txt")
    assert root.remove("lien") and root.remove("verrou")
    assert not root.remove("verrou")
    assert (outside / "secret.txt").exists()


def test_a_read_only_folder_is_said_in_french(root: Folder) -> None:
    folder = root.ensure_folder("chapters")
    (folder / "a.yaml").write_bytes(b"avant")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i n’est pas disponible ici")
    try:
        with pytest.raises(DiskRefused) as caught:
            root.write_atomic("chapters/a.yaml", b"apres")
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert "chapters/ est en lecture seule" in caught.value.reason
    assert (folder / "a.yaml").read_bytes() == b"avant"
    assert [p.name for p in folder.iterdir()] == ["a.yaml"]


def test_a_full_disk_is_said_in_french_and_changes_nothing(tmp_path: Path) -> None:
    mount = tmp_path / "petit"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("impossible de monter un petit tmpfs ici")
    try:
        folder = Folder.at(mount)
        folder.write_atomic("a.yaml", b"avant")
        with pytest.raises(DiskRefused) as caught:
            folder.write_atomic("a.yaml", b"x" * 200_000)
        assert caught.value.errno == errno.ENOSPC
        assert "disque est plein" in caught.value.reason
        assert (mount / "a.yaml").read_bytes() == b"avant"
        assert [p.name for p in mount.iterdir()] == ["a.yaml"]
    finally:
        subprocess.run(["umount", str(mount)], check=True)
