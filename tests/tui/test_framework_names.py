"""No screen or widget of ours replaces a property of Textual's base classes
(a ``visible`` method once replaced ``DOMNode.visible`` and only worked because a
method is truthy)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.dom import DOMNode
from textual.screen import Screen

import authoring_tui.tui


def our_textual_classes() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    for module in pkgutil.walk_packages(authoring_tui.tui.__path__, "authoring_tui.tui."):
        loaded = importlib.import_module(module.name)
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, DOMNode) and value.__module__ == loaded.__name__:
                found.append(value)
    return found


def shadowed(cls: type[DOMNode]) -> list[str]:
    """The properties of Textual's classes that ``cls`` replaces by something else."""
    found = []
    textual_bases = [b for b in cls.__mro__ if b.__module__.startswith("textual.")]
    for name, value in vars(cls).items():
        for base in textual_bases:
            inherited = inspect.getattr_static(base, name, None)
            if isinstance(inherited, property) and not isinstance(value, property):
                found.append(f"{cls.__qualname__}.{name} hides {base.__qualname__}.{name}")
    return found


def test_no_class_of_ours_shadows_a_property_of_textual() -> None:
    classes = our_textual_classes()
    assert len(classes) > 20
    assert [found for cls in classes for found in shadowed(cls)] == []


def test_the_check_finds_a_method_named_like_a_property() -> None:
    class Careless(Screen[None]):
        def visible(self) -> bool:  # type: ignore[override]
            return True

    assert any(
        found.endswith("Careless.visible hides DOMNode.visible") for found in shadowed(Careless)
    )
