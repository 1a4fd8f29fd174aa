"""The composer's draft as bytes, without widgets: the compiled template and its preview
(what the next send gives, or why it cannot be sent), the renders of a periodic send, and
converting a draft between text and hex.  :class:`~gui.widgets.composer.Composer` shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from gui.automation.template import Template
from gui.render import as_escaped
from gui.workspace.model import PayloadMode
from transports.codec import FrameRuleError, ParseError, check_payload, compose, format_hex
from transports.frames import FrameKind


class DraftPreview:
    """The editor's text compiled: ``template``, ``payload`` (what the next send gives, None
    while invalid) and ``error``.  ``{{counter}}`` counts this composer's sends across edits."""

    def __init__(self) -> None:
        self.template: Template | None = None
        self.payload: bytes | None = b""
        self.error = ""
        self._counter = 1  # what {{counter}} gives at the next send

    def update(self, compile_text: Callable[[], Template], kind: FrameKind | None,
               describe: Callable[[ParseError | FrameRuleError], str]) -> tuple[int, int | None]:
        """Compile the draft again (``compile_text``) and check it against ``kind``'s frame
        rules; returns where the editor marks the error, ``(1, None)`` for nowhere."""
        mark: tuple[int, int | None] = (1, None)
        if self.template is not None:
            self._counter = self.template.counter
        self.template = None
        try:
            self.template = compile_text()
            self.template.counter = counter = self._counter
            self.payload = self.template.render()  # the preview: what the next send gives
            self.template.counter = counter
            if kind is not None:
                check_payload(self.payload, kind)
        except ParseError as exc:
            self.payload = None
            self.error = describe(exc)
            mark = (exc.line, exc.column)
        except (FrameRuleError, ValueError) as exc:
            self.payload = None
            self.error = describe(exc) if isinstance(exc, FrameRuleError) else str(exc)
        else:
            self.error = ""
        return mark

    @property
    def varies(self) -> bool:
        """Whether each send renders anew (a template that is not constant)."""
        return self.template is not None and not self.template.is_constant

    def hex_preview(self) -> str:
        """The first bytes of the preview in hex ("" while invalid)."""
        if self.payload is None:
            return ""
        return self.payload[:16].hex(" ") + (" …" if len(self.payload) > 16 else "")

    def periodic_render(self, template: Template,
                        refresh: Callable[[], None]) -> Callable[[], bytes]:
        """Each periodic send renders the template it started with again; while the draft
        still holds that text, the preview (and this draft's counter) follow (``refresh``)."""
        def render() -> bytes:
            payload = template.render()
            current = self.template
            if current is not None and current.source == template.source:
                current.counter = template.counter
                refresh()
            return payload
        return render


def convert_draft(text: str, old: PayloadMode, new: PayloadMode, encoding: str,
                  escapes: bool) -> tuple[str, bool] | None:
    """``text`` written in ``old`` mode shown in ``new``: Text → Hex gives the bytes as hex,
    Hex → Text gives them as text (escaped where a byte is not printable; the second item
    says escapes must be switched on).  None for a template or a draft not valid in ``old``."""
    if "{{" in text:
        return None
    try:
        data = compose(text, old.value, encoding, escapes)
    except (ParseError, ValueError):
        return None
    if new is PayloadMode.HEX:
        return format_hex(data), False
    converted = as_escaped(data, encoding)
    return converted, converted != data.decode(encoding, errors="replace")
