"""Errors a person can act on.

Every fatal problem raises a :class:`ScreenError` whose message says what is wrong, where
(file, sheet, row or column) and how to fix it, in one line. The CLI prints it as
``Error: <message>`` and exits 1. Problems in single rows are not exceptions: they are
collected as :class:`screen.model.RowIssue` and shown in the report.
"""

from __future__ import annotations


class ScreenError(Exception):
    """A fatal, explained problem with the input, the reference lists or the output."""


class InputFileError(ScreenError):
    """The supplier file cannot be read or understood."""


class ColumnError(InputFileError):
    """A required column is missing or a --column override names no header."""


class ReferenceError_(ScreenError):
    """A reference list file is missing, malformed or fails its checksum."""


class ConfigError(ScreenError):
    """The configuration file or a setting is invalid."""


class OutputError(ScreenError):
    """The report cannot be written where asked."""


class LimitError(InputFileError):
    """An input exceeds a configured safety limit (cell length, rows, uncompressed size)."""


# A friendlier public name; the trailing underscore above avoids shadowing the builtin.
ListError = ReferenceError_

__all__ = [
    "ColumnError",
    "ConfigError",
    "InputFileError",
    "LimitError",
    "ListError",
    "OutputError",
    "ReferenceError_",
    "ScreenError",
]
