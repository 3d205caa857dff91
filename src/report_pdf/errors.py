"""Problems found in the input, and the exceptions that carry them to the CLI.

Each stage collects every problem it can find before it gives up, so that one
run tells the editor everything that needs fixing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .model import Location


def display_path(path: Path) -> Path:
    """The path as the editor knows it: relative to the working folder when inside it."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive, on Windows
        return path


# Exit codes of the command line.
EXIT_OK = 0
EXIT_FAILED = 1  # the output was built but does not pass its checks
EXIT_BAD_INPUT = 2  # content, fonts, styles or options are wrong; the output is left as it was
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report SIGINT


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where."""

    message: str
    location: Location | None = None

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class ReportPdfError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_code = EXIT_FAILED
    output_left_as_it_was = True

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = Problem(problems)
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class InputError(ReportPdfError):
    """The content, the fonts or the options are wrong; the output is left as it was."""

    exit_code = EXIT_BAD_INPUT


class OutputNotRestored(InputError):
    """Writing the output failed, and so did putting the previous output back: the
    next build into the folder finishes that first."""

    output_left_as_it_was = False


class CheckFailed(ReportPdfError):
    """The typeset output breaks a rule it must meet."""

    exit_code = EXIT_FAILED


class ProblemCollector:
    """Gathers problems from many checks, then raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, message: str, location: Location | None = None) -> None:
        self.problems.append(Problem(message, location))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self, error_class: type[ReportPdfError] = InputError) -> None:
        if self.problems:
            raise error_class(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
