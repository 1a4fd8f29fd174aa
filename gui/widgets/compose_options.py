"""The composer's option row: text or hex, escapes, encoding, line ending and (WebSocket) the
message kind — and turning typed text into a payload with them (``transports.codec``), with
the reasons it cannot be worded for the user."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from gui.automation.template import Template, compile_template
from gui.i18n import QT_TRANSLATE_NOOP
from gui.widgets.encoding_combo import EncodingCombo
from gui.workspace.model import ComposerSettings, PayloadMode
from transports.codec import LINE_ENDINGS, FrameRuleError, ParseError, check_payload
from transports.frames import FrameKind

LINE_ENDING_LABELS: dict[str, str] = {  # one label for each of transports' LINE_ENDINGS
    "": QT_TRANSLATE_NOOP("ComposeOptions", "No line ending"),
    "\n": QT_TRANSLATE_NOOP("ComposeOptions", "LF (\\n)"),
    "\r": QT_TRANSLATE_NOOP("ComposeOptions", "CR (\\r)"),
    "\r\n": QT_TRANSLATE_NOOP("ComposeOptions", "CRLF (\\r\\n)"),
}


class ComposeOptions(QWidget):
    """How typed text becomes bytes.  ``changed`` when any option is edited."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Text"), PayloadMode.TEXT.value)
        self.mode_combo.addItem(self.tr("Hex"), PayloadMode.HEX.value)
        self.mode_combo.setToolTip(self.tr("Type the payload as text or as hex bytes"))
        self.escapes_check = QCheckBox(self.tr("Escapes"))
        self.escapes_check.setToolTip(self.tr("Understand \\n \\r \\t \\0 \\\\ \\xHH in text"))
        self.escapes_check.setChecked(True)
        self.encoding_combo = EncodingCombo()
        self.encoding_combo.setToolTip(self.tr("Text encoding of the payload"))
        self.line_ending_combo = QComboBox()
        for value in LINE_ENDINGS:
            label = QCoreApplication.translate("ComposeOptions", LINE_ENDING_LABELS[value])
            self.line_ending_combo.addItem(label, value)
        self.line_ending_combo.setToolTip(self.tr("Appended to every text message"))
        self.ws_kind_combo = QComboBox()
        self.ws_kind_combo.addItem(self.tr("Text message"), "text")
        self.ws_kind_combo.addItem(self.tr("Binary message"), "binary")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.mode_combo, self.escapes_check, self.encoding_combo,
                  self.line_ending_combo, self.ws_kind_combo):
            layout.addWidget(w)
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.changed)
        self.escapes_check.toggled.connect(self.changed)

    def mode(self) -> PayloadMode:
        return PayloadMode(str(self.mode_combo.currentData()))

    def kind(self, websocket: bool) -> FrameKind | None:
        """The frame kind a send makes: None (stream / datagram), or a WebSocket TEXT/BINARY."""
        if not websocket:
            return None
        return FrameKind.TEXT if self.ws_kind_combo.currentData() == "text" else FrameKind.BINARY

    def compose(self, text: str, mode: PayloadMode, kind: FrameKind | None) -> bytes:
        """The payload (a template rendered once); ParseError (where) or FrameRuleError
        (RFC 6455) when it cannot be."""
        payload = self.template(text, mode).render()
        if kind is not None:
            check_payload(payload, kind)
        return payload

    def template(self, text: str, mode: PayloadMode) -> Template:
        """``text`` compiled as a payload template (docs/templates.md); text without ``{{``
        gives exactly what :func:`transports.codec.compose` gives.  TemplateError is a
        ParseError (line, column)."""
        return compile_template(text, mode.value, self.encoding_combo.encoding(),
                                self.escapes_check.isChecked(),
                                str(self.line_ending_combo.currentData()), captures=())

    def load(self, settings: ComposerSettings) -> None:
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(settings.mode.value)))
        self.escapes_check.setChecked(settings.escapes)
        self.encoding_combo.select(settings.encoding)
        self.line_ending_combo.setCurrentIndex(
            max(0, self.line_ending_combo.findData(settings.line_ending)))
        self.ws_kind_combo.setCurrentIndex(max(0, self.ws_kind_combo.findData(settings.ws_kind)))

    def store(self, settings: ComposerSettings) -> ComposerSettings:
        """``settings`` with these options."""
        return replace(settings, mode=self.mode(), encoding=self.encoding_combo.encoding(),
                       escapes=self.escapes_check.isChecked(),
                       line_ending=str(self.line_ending_combo.currentData()),
                       ws_kind=str(self.ws_kind_combo.currentData()))

    def describe(self, exc: ParseError | FrameRuleError) -> str:
        """Why the payload cannot be sent, for the user."""
        if isinstance(exc, FrameRuleError):
            if exc.offset is not None:
                return self.tr("byte {n} is not UTF-8; a WebSocket text message must be "
                               "UTF-8 (choose a binary message or the UTF-8 encoding)"
                               ).format(n=exc.offset + 1)
            if exc.limit is not None:
                return self.tr("a ping carries at most {limit} bytes; this is {size}").format(
                    limit=exc.limit, size=exc.size)
            return str(exc)
        if exc.line != 1:
            return str(exc)
        return self.tr("column {column}: {reason}").format(column=exc.column, reason=exc.reason)
