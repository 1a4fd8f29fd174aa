"""A combo box of the text encodings Sockscope offers (``transports.codec.ENCODINGS``)."""

from __future__ import annotations

import codecs

from PySide6.QtWidgets import QComboBox, QWidget

from transports.codec import ENCODINGS


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class EncodingCombo(QComboBox):
    """The offered encodings; ``select()`` also takes aliases and other Python codecs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for name, label in ENCODINGS:
            self.addItem(label, name)

    def encoding(self) -> str:
        """The selected codec name."""
        return str(self.currentData())

    def select(self, encoding: str) -> int:
        """Select ``encoding`` (``utf8`` finds UTF-8); a codec not offered is added as an item,
        a name Python does not know selects the first item.  Returns the index."""
        wanted = _codec(encoding)
        index = 0
        if wanted is not None:
            index = next((i for i in range(self.count())
                          if _codec(str(self.itemData(i))) == wanted), -1)
            if index < 0:
                self.addItem(encoding, encoding)
                index = self.count() - 1
        self.setCurrentIndex(index)
        return index
