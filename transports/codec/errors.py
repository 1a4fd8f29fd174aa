"""The one error the codecs raise."""

from __future__ import annotations


class ParseError(ValueError):
    """Text could not be turned into bytes.  ``line`` and ``column`` are 1-based, in characters
    of the original text; the message starts with them."""

    def __init__(self, reason: str, *, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {reason}")
        self.reason = reason
        self.line = line
        self.column = column


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def error_at(text: str, index: int, reason: str) -> ParseError:
    line, column = position(text, index)
    return ParseError(reason, line=line, column=column)
