"""The one error type of workspace files."""

from __future__ import annotations


class WorkspaceError(Exception):
    """A workspace file cannot be read or written.

    The message reads ``<file>: <where>: <problem>``, e.g.
    ``work.sockscope: connections[2].options.tls.ca_file: expected a string or null, found 42``;
    ``where`` is a JSON path, or ``line 3, column 7`` for a JSON syntax error, or empty.
    """

    def __init__(self, problem: str, *, where: str = "", file: str | None = None) -> None:
        self.problem = problem
        self.where = where
        self.file = file
        super().__init__(": ".join(part for part in (file, where, problem) if part))

    def in_file(self, file: str) -> WorkspaceError:
        """The same error, naming ``file``."""
        err = WorkspaceError(self.problem, where=self.where, file=file)
        err.__cause__ = self.__cause__
        return err
