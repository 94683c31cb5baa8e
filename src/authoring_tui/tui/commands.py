"""The command palette (Ctrl+P): « Aller au chapitre … » and every action of the screen.

Actions come from the screens' and the app's bindings, so the palette, the footer
and the help screen always list the same things with the same French words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from . import strings as S

if TYPE_CHECKING:
    from .app import AuthoringApp

Command = tuple[str, str, Callable[[], Any]]
"""A palette entry: title, help, what it runs."""


class ListedCommands(Provider):
    """A provider whose commands are a list: shown as they are, filtered by the query.

    Titles and help are shown as typed (a chapter's title may hold « [ »), never
    read as markup.
    """

    def _commands(self) -> Iterator[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, help=escape(help_text or ""))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, title), callback, help=escape(help_text or "")
                )


def highlighted(matcher: Matcher, title: str) -> Content:
    """``Matcher.highlight``, for a title taken as plain text (it reads markup)."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets if score else []:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def chapter_commands(provider: Provider) -> Iterator[Command]:
    """One command per chapter of the plan: « Aller au chapitre : V/2 Mobilité »."""
    app = cast("AuthoringApp", provider.app)
    for chapter_id in app.workspace.report.chapter_ids:
        status = app.report_state.statuses.get(chapter_id)
        titre = f"{status.numero} {status.titre}".strip() if status else chapter_id
        help_text = S.GO_TO_CHAPTER_HELP.format(
            dga=status.dga if status else "", statut=status.statut_titre if status else ""
        )
        yield (
            S.GO_TO_CHAPTER.format(title=titre),
            help_text,
            partial(app.go_to_chapter, chapter_id),
        )


def screen_bindings(screen: Any) -> list[Binding]:
    """The bindings with a description that apply on ``screen``: its own, then the app's."""
    seen: set[str] = set()
    result = []
    for binding in [*getattr(screen, "BINDINGS", []), *screen.app.BINDINGS]:
        if isinstance(binding, Binding) and binding.description and binding.action not in seen:
            seen.add(binding.action)
            result.append(binding)
    return result


def screen_commands(provider: Provider) -> Iterator[Command]:
    """Every action of the screen the palette was opened on, by its French name."""
    screen = provider.screen
    for binding in screen_bindings(screen):
        if binding.action == "command_palette":
            continue
        target = screen if binding in getattr(screen, "BINDINGS", []) else screen.app
        yield binding.description, binding.tooltip, partial(target.run_action, binding.action)


class AppCommands(ListedCommands):
    """The chapters, then the screen's actions: one provider, so that it can say
    in French that nothing matches (Textual's own notice is in English)."""

    def _commands(self) -> Iterator[Command]:
        yield from chapter_commands(self)
        yield from screen_commands(self)

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):
            found = True
            yield hit
        if not found:
            yield Hit(1.0, Content(S.PALETTE_NO_MATCH.format(query=query)), _nothing)


def _nothing() -> None:
    """Choosing « Aucune commande ne correspond » closes the palette, nothing more."""
