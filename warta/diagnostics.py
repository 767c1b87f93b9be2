"""Problems found in a site's files, collected and reported together.

Every stage that reads a writer's files reports into one `Diagnostics`
collector instead of raising on the first problem, so that a single run shows
the writer everything that needs fixing, each as `path:line: message`.
Messages are in Indonesian: they are read by writers, not developers.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    message: str
    severity: Severity

    def format(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        if self.severity is Severity.WARNING:
            return f"{location}: peringatan: {self.message}"
        return f"{location}: {self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.message)


@dataclass
class Diagnostics:
    """Collects errors and warnings; never raises by itself."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.ERROR))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted((d for d in self.items if d.severity is Severity.ERROR), key=Diagnostic.sort_key)

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted((d for d in self.items if d.severity is Severity.WARNING), key=Diagnostic.sort_key)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)


class BuildFailed(Exception):
    """Raised when a stage finished with errors; carries everything that was found."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__(f"{len(diagnostics.errors)} galat")
        self.diagnostics = diagnostics


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most similar to `word`, for "did you mean" hints."""
    pool = list(candidates)
    lowered = {c.casefold(): c for c in pool}
    matches = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=cutoff)
    if matches:
        return lowered[matches[0]]
    # A prefix is a strong hint too: "pemungutan" for "pemungutan-suara".
    prefixed = sorted(c for c in pool if c.casefold().startswith(word.casefold()) and word)
    return prefixed[0] if prefixed else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """" Mungkin maksud Anda 'x'?" or an empty string when nothing is close."""
    suggestion = closest(word, candidates)
    return f"; mungkin maksud Anda '{suggestion}'?" if suggestion else ""
