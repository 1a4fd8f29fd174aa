"""The Rules panel: the selected connection's auto-reply rules — list, editor and test box.

The panel edits a tuple of :class:`~gui.automation.rule.Rule` values and emits
``rules_changed`` with the whole tuple whenever it compiles (a pattern or template error is
shown with the field, line and column, and nothing is applied).  The test box runs the rules
on a pasted frame without side effects (``RuleSet.evaluate(dry_run=True)``) and shows which
rule matches and the reply bytes.  The engine itself is Qt-free (gui.automation.rules).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.automation.checksum import ALGORITHMS
from gui.automation.match import MatchKind, MatchSpec, MessageKind
from gui.automation.rule import Rule
from gui.automation.ruleset import MAX_DELAY_MS, RuleError, RuleSet, compile_rules
from transports.codec import Mode, ParseError, compose
from transports.frames import FrameKind


class RulesPanel(QWidget):
    rules_changed = Signal(object)  # tuple[Rule, ...], only when they compile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rules_panel")
        self._rules: list[Rule] = []
        self._encoding = "utf-8"
        self._loading = False
        self._kind_labels = {
            MatchKind.ANY: self.tr("any frame"), MatchKind.EXACT: self.tr("is exactly"),
            MatchKind.STARTS: self.tr("starts with"), MatchKind.ENDS: self.tr("ends with"),
            MatchKind.CONTAINS: self.tr("contains"), MatchKind.REGEX: self.tr("regex"),
            MatchKind.HEX: self.tr("hex pattern (?? = any byte, * = any bytes)"),
            MatchKind.CHECKSUM_VALID: self.tr("checksum valid"),
            MatchKind.CHECKSUM_INVALID: self.tr("checksum invalid")}
        layout = QVBoxLayout(self)
        self.title = QLabel()
        layout.addWidget(self.title)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Rule"), self.tr("When"), self.tr("Reply")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 170)
        self.table.setWordWrap(False)
        self.table.itemChanged.connect(self._checked)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        layout.addWidget(self.table, 2)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

        self.form_box = QGroupBox(self.tr("Selected rule"))
        form = QFormLayout(self.form_box)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind, label in self._kind_labels.items():
            self.kind.addItem(label, kind)
        self.pattern = QLineEdit()
        self.pattern_hex = QCheckBox(self.tr("pattern is hex"))
        self.ignore_case = QCheckBox(self.tr("ignore case"))
        self.message_kind = QComboBox()
        for message_kind, label in ((MessageKind.ANY, self.tr("any message")),
                                    (MessageKind.TEXT, self.tr("WebSocket text only")),
                                    (MessageKind.BINARY, self.tr("binary only"))):
            self.message_kind.addItem(label, message_kind)
        self.reply_kind = QComboBox()  # WebSocket: the kind of the reply message
        for reply_kind, label in ((MessageKind.ANY, self.tr("reply as received")),
                                  (MessageKind.TEXT, self.tr("reply as text")),
                                  (MessageKind.BINARY, self.tr("reply as binary"))):
            self.reply_kind.addItem(label, reply_kind)
        self.checksum = QComboBox()
        for name, algo in ALGORITHMS.items():
            description = QCoreApplication.translate("Checksum", algo.description)
            self.checksum.addItem(f"{name} — {description}", name)
        self.checksum_order = QComboBox()
        for order, label in ((None, self.tr("usual byte order")), ("big", self.tr("big-endian")),
                             ("little", self.tr("little-endian"))):
            self.checksum_order.addItem(label, order)
        self.checksum_start = QSpinBox()
        self.checksum_start.setRange(0, 65535)
        self.reply = QPlainTextEdit()
        self.reply.setPlaceholderText(self.tr("reply template, e.g. pong {{counter}}\\n or "
                                              "01 03 02 {{1}} {{2}} {{crc16-modbus}}"))
        self.reply.setMaximumHeight(64)
        self.reply_hex = QCheckBox(self.tr("reply is hex"))
        self.delay = QSpinBox()
        self.delay.setRange(0, MAX_DELAY_MS)
        self.delay.setSuffix(self.tr(" ms"))
        self.note = QLineEdit()
        self.close_after = QCheckBox(self.tr("close the connection"))
        self.max_matches = QSpinBox()
        self.max_matches.setRange(0, 1_000_000)
        self.max_matches.setSpecialValueText(self.tr("no limit"))
        self.continue_matching = QCheckBox(self.tr("continue with the next rules"))
        pattern_row = QHBoxLayout()
        pattern_row.addWidget(self.pattern, 1)
        pattern_row.addWidget(self.pattern_hex)
        pattern_row.addWidget(self.ignore_case)
        checksum_row = QHBoxLayout()
        checksum_row.addWidget(self.checksum, 1)
        checksum_row.addWidget(self.checksum_order)
        checksum_row.addWidget(QLabel(self.tr("from byte")))
        checksum_row.addWidget(self.checksum_start)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.delay)
        reply_row.addWidget(self.reply_hex)
        reply_row.addWidget(self.reply_kind)
        reply_row.addWidget(self.close_after)
        reply_row.addStretch(1)
        limits_row = QHBoxLayout()
        limits_row.addWidget(self.max_matches)
        limits_row.addWidget(self.continue_matching)
        limits_row.addStretch(1)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("When the frame"), self.kind)
        form.addRow(self.tr("Pattern"), pattern_row)
        form.addRow(self.tr("Checksum"), checksum_row)
        form.addRow(self.tr("Messages"), self.message_kind)
        form.addRow(self.tr("Reply"), self.reply)
        form.addRow(self.tr("After"), reply_row)
        form.addRow(self.tr("Note in the log"), self.note)
        form.addRow(self.tr("Stop after"), limits_row)
        layout.addWidget(self.form_box, 3)
        self.error = QLabel()
        self.error.setObjectName("rules_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b")
        layout.addWidget(self.error)

        test_box = QGroupBox(self.tr("Test a frame"))
        test_layout = QVBoxLayout(test_box)
        test_row = QHBoxLayout()
        self.test_input = QLineEdit()
        self.test_input.setPlaceholderText(self.tr("paste a received frame"))
        self.test_hex = QCheckBox(self.tr("hex"))
        test_row.addWidget(self.test_input, 1)
        test_row.addWidget(self.test_hex)
        self.test_result = QLabel()
        self.test_result.setObjectName("rules_test_result")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_layout.addLayout(test_row)
        test_layout.addWidget(self.test_result)
        layout.addWidget(test_box)
        self.test_input.textChanged.connect(self._run_test)
        self.test_hex.toggled.connect(self._run_test)

        for widget in (self.name, self.pattern, self.note):
            widget.textChanged.connect(self._edited)
        self.reply.textChanged.connect(self._edited)
        for box in (self.kind, self.message_kind, self.checksum, self.checksum_order,
                    self.reply_kind):
            box.currentIndexChanged.connect(self._edited)
        for check in (self.pattern_hex, self.ignore_case, self.reply_hex, self.close_after,
                      self.continue_matching):
            check.toggled.connect(self._edited)
        for spin in (self.checksum_start, self.delay, self.max_matches):
            spin.valueChanged.connect(self._edited)
        self.set_rules("", (), "utf-8")

    # -- the connection's rules ---------------------------------------------------------
    def set_rules(self, name: str, rules: tuple[Rule, ...], encoding: str,
                  enabled: bool = True) -> None:
        """Show ``rules`` of the connection ``name`` (empty name: no connection selected)."""
        self._rules = list(rules)
        self._encoding = encoding
        self.title.setText(self.tr("Auto-reply rules of {name}").format(name=name) if name
                           else self.tr("Select a connection to edit its auto-reply rules"))
        self.setEnabled(enabled and bool(name))
        self._fill_table(0 if rules else -1)
        self.error.clear()
        self._run_test()

    def rules(self) -> tuple[Rule, ...]:
        return tuple(self._rules)

    def add_rule(self) -> None:
        self._rules.append(Rule(name=self.tr("rule {n}").format(n=len(self._rules) + 1),
                                match=MatchSpec(MatchKind.CONTAINS, "ping"), reply="pong"))
        self._fill_table(len(self._rules) - 1)
        self._apply()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._rules):
            del self._rules[row]
            self._fill_table(min(row, len(self._rules) - 1))
            self._apply()

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        to = row + step
        if 0 <= row < len(self._rules) and 0 <= to < len(self._rules):
            self._rules[row], self._rules[to] = self._rules[to], self._rules[row]
            self._fill_table(to)
            self._apply()

    def _fill_table(self, select: int) -> None:
        self._loading = True
        self.table.setRowCount(len(self._rules))
        for row, rule in enumerate(self._rules):
            self._fill_row(row, rule)
        self._loading = False
        if select >= 0:
            self.table.selectRow(select)
            self.table.setCurrentCell(select, 0)
        self._show_selected()

    def _fill_row(self, row: int, rule: Rule) -> None:
        loading, self._loading = self._loading, True
        name = QTableWidgetItem(rule.name or self.tr("rule {n}").format(n=row + 1))
        name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        name.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
        kind = MatchKind(rule.match.kind)
        when = self._kind_labels[kind].split(" (")[0]
        if kind not in (MatchKind.ANY, MatchKind.CHECKSUM_VALID, MatchKind.CHECKSUM_INVALID):
            when += f" {rule.match.pattern}"
        elif kind is not MatchKind.ANY:
            when += f" ({rule.match.checksum})"
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(when))
        self.table.setItem(row, 2, QTableWidgetItem(rule.reply.replace("\n", " ")))
        self._loading = loading

    def _checked(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if self._loading or item.column() != 0 or not 0 <= row < len(self._rules):
            return
        enabled = item.checkState() == Qt.CheckState.Checked
        if enabled != self._rules[row].enabled:
            self._rules[row] = dataclasses.replace(self._rules[row], enabled=enabled)
            self._apply()

    # -- the selected rule ----------------------------------------------------------------
    def _show_selected(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < len(self._rules)
        self.form_box.setEnabled(has)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has)
        if not has:
            return
        rule, m = self._rules[row], self._rules[row].match
        self._loading = True
        self.name.setText(rule.name)
        self.kind.setCurrentIndex(self.kind.findData(MatchKind(m.kind)))
        self.pattern.setText(m.pattern)
        self.pattern_hex.setChecked(Mode(m.pattern_mode) is Mode.HEX)
        self.ignore_case.setChecked(m.ignore_case)
        self.message_kind.setCurrentIndex(self.message_kind.findData(MessageKind(m.message_kind)))
        self.checksum.setCurrentIndex(max(0, self.checksum.findData(m.checksum)))
        self.checksum_order.setCurrentIndex(max(0, self.checksum_order.findData(m.checksum_order)))
        self.checksum_start.setValue(m.checksum_start)
        self.reply.setPlainText(rule.reply)
        self.reply_hex.setChecked(Mode(rule.reply_mode) is Mode.HEX)
        self.reply_kind.setCurrentIndex(self.reply_kind.findData(MessageKind(rule.reply_kind)))
        self.delay.setValue(rule.delay_ms)
        self.note.setText(rule.note)
        self.close_after.setChecked(rule.close)
        self.max_matches.setValue(rule.max_matches)
        self.continue_matching.setChecked(rule.continue_matching)
        self._loading = False
        self._enable_fields()

    def _enable_fields(self) -> None:
        kind = MatchKind(self.kind.currentData())
        checksum = kind in (MatchKind.CHECKSUM_VALID, MatchKind.CHECKSUM_INVALID)
        self.pattern.setEnabled(kind is not MatchKind.ANY and not checksum)
        self.pattern_hex.setEnabled(kind in (MatchKind.EXACT, MatchKind.STARTS, MatchKind.ENDS,
                                             MatchKind.CONTAINS))
        self.ignore_case.setEnabled(self.pattern_hex.isEnabled() or kind is MatchKind.REGEX)
        for widget in (self.checksum, self.checksum_order, self.checksum_start):
            widget.setEnabled(checksum)

    def _form_rule(self, old: Rule) -> Rule:
        match = MatchSpec(
            kind=MatchKind(self.kind.currentData()), pattern=self.pattern.text(),
            pattern_mode=Mode.HEX if self.pattern_hex.isChecked() else Mode.TEXT,
            escapes=old.match.escapes, ignore_case=self.ignore_case.isChecked(),
            message_kind=MessageKind(self.message_kind.currentData()),
            checksum=str(self.checksum.currentData()),
            checksum_order=self.checksum_order.currentData(),
            checksum_start=self.checksum_start.value())
        return dataclasses.replace(
            old, name=self.name.text(), match=match, reply=self.reply.toPlainText(),
            reply_mode=Mode.HEX if self.reply_hex.isChecked() else Mode.TEXT,
            reply_kind=MessageKind(self.reply_kind.currentData()),
            delay_ms=self.delay.value(), note=self.note.text(),
            close=self.close_after.isChecked(), max_matches=self.max_matches.value(),
            continue_matching=self.continue_matching.isChecked())

    def _edited(self) -> None:
        row = self.table.currentRow()
        if self._loading or not 0 <= row < len(self._rules):
            return
        self._enable_fields()
        self._rules[row] = self._form_rule(self._rules[row])
        self._fill_row(row, self._rules[row])
        self._apply()

    def _apply(self) -> None:
        try:
            compile_rules(self._rules, self._encoding)
        except RuleError as exc:
            self.error.setText(str(exc))
            self._run_test()
            return
        self.error.clear()
        self.rules_changed.emit(tuple(self._rules))
        self._run_test()

    # -- the test box -----------------------------------------------------------------------
    def _run_test(self) -> None:
        text = self.test_input.text()
        if not text:
            self.test_result.setText(self.tr("Paste a frame to see which rule answers it."))
            return
        try:
            frame = compose(text, Mode.HEX if self.test_hex.isChecked() else Mode.TEXT,
                            self._encoding)
            ruleset = RuleSet(self._rules, self._encoding)
        except (ParseError, RuleError) as exc:
            self.test_result.setText(str(exc))
            return
        hits = ruleset.evaluate(frame, FrameKind.DATA, dry_run=True)
        if not hits:
            self.test_result.setText(self.tr("No rule matches this frame ({n} bytes).")
                                     .format(n=len(frame)))
            return
        lines = []
        for hit in hits:
            name = hit.rule.name or str(hit.index + 1)
            line = self.tr("Rule {n} “{name}” matches.").format(n=hit.index + 1, name=name)
            if hit.reply is not None:
                line += " " + self.tr("Reply ({n} bytes): {hex}").format(
                    n=len(hit.reply), hex=hit.reply.hex(" "))
            if hit.error:
                line += " " + hit.error
            if hit.note:
                line += " " + self.tr("Note: {note}").format(note=hit.note)
            if hit.delay:
                line += " " + self.tr("after {ms} ms").format(ms=round(hit.delay * 1000))
            if hit.close:
                line += " " + self.tr("then closes the connection.")
            lines.append(line)
        self.test_result.setText("\n".join(lines))
