"""The composer's sends, carried out on the selected connection: one task per click (owned by
the window's TaskGroup) and at most one periodic send (a :class:`PeriodicSend`).  Failures go
back to the composer and the status bar."""

from __future__ import annotations

from collections.abc import Callable

from gui.session import Entry, SessionManager
from gui.session.periodic import PeriodicSend
from gui.session.requests import PeriodicRequest, SendRequest
from gui.widgets.composer import Composer
from transports.errors import TransportError
from transports.tasks import TaskGroup

SEND_ERRORS = (TransportError, ValueError, OSError)


class ComposerLink:
    """Sends what ``composer`` asks for to the entry ``current()`` returns (the selected one)."""

    def __init__(self, manager: SessionManager, composer: Composer, tasks: TaskGroup,
                 current: Callable[[], Entry | None],
                 show_status: Callable[[str], None]) -> None:
        self.manager = manager
        self.composer = composer
        self.tasks = tasks
        self._current = current
        self._show_status = show_status
        self._periodic: PeriodicSend | None = None
        composer.send_requested.connect(self.send)
        composer.periodic_requested.connect(self.start_periodic)
        composer.periodic_stop_requested.connect(self.stop_periodic)

    @property
    def periodic(self) -> PeriodicSend | None:
        return self._periodic

    def send(self, request: SendRequest) -> None:
        entry = self._current()
        if entry is not None:
            self.tasks.start(self._send(entry, request), f"send#{entry.id}")

    async def _send(self, entry: Entry, request: SendRequest) -> None:
        try:
            await self.manager.send(entry, request.payload, request.kind, request.peer)
        except SEND_ERRORS as exc:
            self._failed(entry, exc)

    def _failed(self, entry: Entry, exc: BaseException) -> None:
        if entry is self._current():
            self.composer.show_send_error(str(exc))
        self._show_status(str(exc))

    def start_periodic(self, request: PeriodicRequest) -> None:
        self.stop_periodic()
        entry = self._current()
        if entry is None:
            self.composer.periodic_finished()
            return
        send = request.send

        def progress(sent: int, total: int) -> None:
            if self._periodic is periodic:
                self.composer.periodic_progress(sent, total)

        def finished(error: BaseException | None) -> None:
            if self._periodic is not periodic:
                return  # stopped from here: the composer already knows
            self._periodic = None
            self.composer.periodic_finished()
            if error is not None:
                self._failed(entry, error)

        periodic = PeriodicSend(
            lambda: self.manager.send(entry, request.payload(), send.kind, send.peer),
            request.interval_ms / 1000, request.count, name=f"composer#{entry.id}",
            on_progress=progress, on_finished=finished)
        self._periodic = periodic
        try:
            periodic.start()
        except RuntimeError as exc:  # no running loop
            self._periodic = None
            self.composer.periodic_finished(str(exc))

    def stop_periodic(self) -> None:
        """Stop the periodic send, if one runs (no send happens after this)."""
        periodic, self._periodic = self._periodic, None
        if periodic is not None:
            periodic.stop()

    async def aclose(self) -> None:
        """Stop the periodic send and wait until its task has ended."""
        periodic, self._periodic = self._periodic, None
        if periodic is not None:
            await periodic.aclose()
