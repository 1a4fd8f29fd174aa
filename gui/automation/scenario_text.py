"""What the scenario engine says — step descriptions and the usual failure reasons — as
:class:`Text`: an English template and the values of its ``{placeholders}`` (Qt-free).

``str(text)`` is the English line that ``sockscope-cli`` prints and writes to JUnit; the window
renders the same value through Qt's translator (context ``ScenarioText``; every template here
is marked with :func:`QT_TRANSLATE_NOOP` for pyside6-lupdate), so the Scenarios panel speaks
the UI's language.  A value may itself be a :class:`Text` (a matcher inside a step), rendered
the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for pyside6-lupdate (the window translates it); returns it unchanged."""
    return text


@dataclass(frozen=True, eq=False)
class Text:
    template: str
    args: Mapping[str, object] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str]) -> str:
        values = {key: value.render(translate) if isinstance(value, Text) else value
                  for key, value in self.args.items()}
        return translate(self.template).format(**values)

    def __str__(self) -> str:
        return self.render(lambda template: template)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def text(template: str, **args: object) -> Text:
    return Text(template, args)


# -- steps ----------------------------------------------------------------------------------
OPEN = QT_TRANSLATE_NOOP("ScenarioText", "open {connection}")
CLOSE = QT_TRANSLATE_NOOP("ScenarioText", "close {connection}")
SEND = QT_TRANSLATE_NOOP("ScenarioText", "send {payload} to {connection}")
EXPECT = QT_TRANSLATE_NOOP("ScenarioText",
                           "expect {match} from {connection} within {ms} ms{stored}")
EXPECT_NOTHING = QT_TRANSLATE_NOOP("ScenarioText", "expect nothing from {connection} for {ms} ms")
EXPECT_NOTHING_MATCHING = QT_TRANSLATE_NOOP(
    "ScenarioText", "expect nothing matching {match} from {connection} for {ms} ms")
WAIT = QT_TRANSLATE_NOOP("ScenarioText", "wait {ms} ms")
REPEAT = QT_TRANSLATE_NOOP("ScenarioText", "repeat {count} times ({n} steps)")

# -- matchers -------------------------------------------------------------------------------
ANY_FRAME = QT_TRANSLATE_NOOP("ScenarioText", "any frame")
REGEX = QT_TRANSLATE_NOOP("ScenarioText", "regex /{pattern}/")
HEX_PATTERN = QT_TRANSLATE_NOOP("ScenarioText", "hex pattern {pattern}")
TEXT_PATTERNS = {
    "exact": QT_TRANSLATE_NOOP("ScenarioText", 'exact "{pattern}"'),
    "starts": QT_TRANSLATE_NOOP("ScenarioText", 'starts "{pattern}"'),
    "ends": QT_TRANSLATE_NOOP("ScenarioText", 'ends "{pattern}"'),
    "contains": QT_TRANSLATE_NOOP("ScenarioText", 'contains "{pattern}"'),
}
HEX_PATTERNS = {
    "exact": QT_TRANSLATE_NOOP("ScenarioText", "exact hex {pattern}"),
    "starts": QT_TRANSLATE_NOOP("ScenarioText", "starts hex {pattern}"),
    "ends": QT_TRANSLATE_NOOP("ScenarioText", "ends hex {pattern}"),
    "contains": QT_TRANSLATE_NOOP("ScenarioText", "contains hex {pattern}"),
}
CHECKSUMS = {
    "checksum-valid": QT_TRANSLATE_NOOP("ScenarioText", "checksum-valid ({checksum})"),
    "checksum-invalid": QT_TRANSLATE_NOOP("ScenarioText", "checksum-invalid ({checksum})"),
}
ANY_CASE = QT_TRANSLATE_NOOP("ScenarioText", "{match} (any case)")
MESSAGES = {
    "text": QT_TRANSLATE_NOOP("ScenarioText", "{match} (text messages)"),
    "binary": QT_TRANSLATE_NOOP("ScenarioText", "{match} (binary messages)"),
}
JSON_AT = QT_TRANSLATE_NOOP("ScenarioText", "JSON {path} = {value}")
JSON_DOCUMENT = QT_TRANSLATE_NOOP("ScenarioText", "JSON (document) = {value}")

# -- reasons --------------------------------------------------------------------------------
EARLIER = QT_TRANSLATE_NOOP("ScenarioText", "an earlier step did not pass")
STOPPED = QT_TRANSLATE_NOOP("ScenarioText", "stopped")
TIME_LIMIT = QT_TRANSLATE_NOOP("ScenarioText",
                               "the scenario ran over its time limit of {seconds} s")
NO_CONNECTION = QT_TRANSLATE_NOOP(
    "ScenarioText", "no connection is named {name} (the workspace has: {known})")
SHARED_NAME = QT_TRANSLATE_NOOP(
    "ScenarioText", "{count} connections are named {name}; rename one so that steps can tell "
    "them apart")
NOT_RUN = QT_TRANSLATE_NOOP("ScenarioText",
                            "not run: step {number} names no connection of the workspace")
NEEDS_SECRETS = QT_TRANSLATE_NOOP("ScenarioText",
                                  "{name}: needs {secrets}, which the file does not store")
OPEN_TIMEOUT = QT_TRANSLATE_NOOP("ScenarioText", "{name}: did not open within {ms} ms")
NOT_OPEN = QT_TRANSLATE_NOOP("ScenarioText", "{name} is {state}, not open")
NO_PEER = QT_TRANSLATE_NOOP("ScenarioText", "{name} has no peer to send to")
NO_MATCH_NOTHING = QT_TRANSLATE_NOOP(
    "ScenarioText", "no frame matched {match} within {ms} ms; nothing arrived")
NO_MATCH_OTHERS = QT_TRANSLATE_NOOP(
    "ScenarioText", "no frame matched {match} within {ms} ms; {count} other frame(s) arrived, "
    "the last: {last}")
CLOSED_WAITING = QT_TRANSLATE_NOOP("ScenarioText", "{closed} while waiting for {match}")
NO_CAPTURE = QT_TRANSLATE_NOOP(
    "ScenarioText", "the match has no capture {capture} to store in {variable} (it has: {names})")
RECEIVED = QT_TRANSLATE_NOOP("ScenarioText", "received {frame} within {ms} ms")
