"""Checksums for templates and matchers: a CRC catalogue plus sum-8, XOR-8 and LRC.

The CRC *definitions* (width, polynomial, init, reflection, final XOR) come from the maintained
``crc`` package's catalogue (``crc.Crc8``/``Crc16``/``Crc32``), plus CRC-32C which it lacks; the
names and check values are those of Greg Cook's CRC catalogue (reveng), and the tests check every
algorithm against its published check value for ``b"123456789"`` and against ``crc.Calculator``
on random data.

The per-frame computation does not go through ``crc.Calculator``: it costs ≈190 µs for a 64-byte
frame (it wraps every byte in an object), and rules checksum every frame.  Here CRC-32 and the
CCITT polynomial with no reflection use the standard library's C code (``zlib.crc32``,
``binascii.crc_hqx``); the others run one table look-up per byte over a table built from the
``crc`` definition once.
"""

from __future__ import annotations

import binascii
import functools
import operator
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import crc

ByteOrder = Literal["big", "little"]


@dataclass(frozen=True)
class Algorithm:
    """One checksum: ``compute(data)`` gives an int of ``width`` bits; ``to_bytes`` gives the
    bytes as they go on the wire (``order`` defaults to the algorithm's usual one)."""

    name: str
    width: int
    check: int  # the published value for b"123456789"
    compute: Callable[[bytes], int]
    default_order: ByteOrder = "big"
    description: str = ""

    @property
    def size(self) -> int:
        return (self.width + 7) // 8

    def to_bytes(self, data: bytes, order: ByteOrder | None = None) -> bytes:
        return self.compute(data).to_bytes(self.size, order or self.default_order)


def _reflect(value: int, width: int) -> int:
    return int(format(value, f"0{width}b")[::-1], 2)


def crc_function(config: crc.Configuration) -> Callable[[bytes], int]:
    """A table-driven CRC for a ``crc.Configuration`` with width 8, 16 or 32."""
    width, poly = config.width, config.polynomial
    init, xorout = config.init_value, config.final_xor_value
    refin, refout = config.reverse_input, config.reverse_output
    if width not in (8, 16, 32) or refin != refout:
        raise ValueError(f"unsupported CRC shape: width {width}, refin {refin}, refout {refout}")
    mask = (1 << width) - 1
    if refin:
        rpoly = _reflect(poly, width)
        table = []
        for n in range(256):
            c = n
            for _ in range(8):
                c = (c >> 1) ^ rpoly if c & 1 else c >> 1
            table.append(c)
        start = _reflect(init, width)

        def reflected(data: bytes) -> int:
            c = start
            for b in data:
                c = table[(c ^ b) & 0xFF] ^ (c >> 8)
            return c ^ xorout

        return reflected
    top = 1 << (width - 1)
    table = []
    for n in range(256):
        c = n << (width - 8)
        for _ in range(8):
            c = ((c << 1) ^ poly) & mask if c & top else (c << 1) & mask
        table.append(c)
    shift = width - 8

    def normal(data: bytes) -> int:
        c = init
        for b in data:
            c = table[((c >> shift) ^ b) & 0xFF] ^ ((c << 8) & mask)
        return c ^ xorout

    return normal


CRC32C = crc.Configuration(width=32, polynomial=0x1EDC6F41, init_value=0xFFFFFFFF,
                           final_xor_value=0xFFFFFFFF, reverse_input=True, reverse_output=True)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for pyside6-lupdate (the Rules panel shows it translated with
    ``QCoreApplication.translate("Checksum", description)``); returns it unchanged."""
    return text


# (our name, crc catalogue entry, published check value, wire byte order, description: the
# catalogue name; one with an English note is marked for translation)
_CRCS: tuple[tuple[str, crc.Configuration, int, ByteOrder, str], ...] = (
    ("crc8", crc.Crc8.CCITT.value, 0xF4, "big",
     QT_TRANSLATE_NOOP("Checksum", "CRC-8/SMBUS (poly 07)")),
    ("crc8-maxim", crc.Crc8.MAXIM_DOW.value, 0xA1, "big", "CRC-8/MAXIM-DOW (1-Wire)"),
    ("crc8-itu", crc.Crc8.ITU.value, 0xA1, "big", "CRC-8/I-432-1 (ITU)"),
    ("crc8-rohc", crc.Crc8.ROHC.value, 0xD0, "big", "CRC-8/ROHC"),
    ("crc8-autosar", crc.Crc8.AUTOSAR.value, 0xDF, "big", "CRC-8/AUTOSAR"),
    ("crc8-bluetooth", crc.Crc8.BLUETOOTH.value, 0x26, "big", "CRC-8/BLUETOOTH"),
    ("crc8-sae-j1850", crc.Crc8.SAEJ1850.value, 0x4B, "big", "CRC-8/SAE-J1850"),
    ("crc16-modbus", crc.Crc16.MODBUS.value, 0x4B37, "little",
     QT_TRANSLATE_NOOP("Checksum", "CRC-16/MODBUS (sent low byte first)")),
    ("crc16-ccitt-false", crc.Crc16.IBM_3740.value, 0x29B1, "big",
     "CRC-16/CCITT-FALSE = CRC-16/IBM-3740"),
    ("crc16-xmodem", crc.Crc16.XMODEM.value, 0x31C3, "big", "CRC-16/XMODEM"),
    ("crc16-kermit", crc.Crc16.KERMIT.value, 0x2189, "little",
     QT_TRANSLATE_NOOP("Checksum", "CRC-16/KERMIT (low byte first)")),
    ("crc16-usb", crc.Crc16.USB.value, 0xB4C8, "little",
     QT_TRANSLATE_NOOP("Checksum", "CRC-16/USB (low byte first)")),
    ("crc16-arc", crc.Crc16.IBM.value, 0xBB3D, "little", "CRC-16/ARC (IBM)"),
    ("crc16-maxim", crc.Crc16.MAXIM.value, 0x44C2, "little", "CRC-16/MAXIM-DOW"),
    ("crc16-x25", crc.Crc16.X25.value, 0x906E, "little", "CRC-16/IBM-SDLC (X-25)"),
    ("crc16-dnp", crc.Crc16.DNP.value, 0xEA82, "little", "CRC-16/DNP"),
    ("crc16-gsm", crc.Crc16.GSM.value, 0xCE3C, "big", "CRC-16/GSM"),
    ("crc16-profibus", crc.Crc16.PROFIBUS.value, 0xA819, "big", "CRC-16/PROFIBUS"),
    ("crc32", crc.Crc32.CRC32.value, 0xCBF43926, "little",
     QT_TRANSLATE_NOOP("Checksum", "CRC-32/ISO-HDLC (zlib, Ethernet; low byte first)")),
    ("crc32c", CRC32C, 0xE3069283, "little", "CRC-32C/ISCSI (Castagnoli)"),
    ("crc32-bzip2", crc.Crc32.BZIP2.value, 0xFC891918, "big", "CRC-32/BZIP2"),
    ("crc32-posix", crc.Crc32.POSIX.value, 0x765E7680, "big", "CRC-32/CKSUM (POSIX)"),
    ("crc32-autosar", crc.Crc32.AUTOSAR.value, 0x1697D06A, "little", "CRC-32/AUTOSAR"),
)

# The standard library's C implementations of some of them (same results; the tests say so).
_FAST: dict[str, Callable[[bytes], int]] = {
    "crc32": zlib.crc32,
    "crc16-xmodem": lambda data: binascii.crc_hqx(data, 0),
    "crc16-ccitt-false": lambda data: binascii.crc_hqx(data, 0xFFFF),
}


def sum8(data: bytes) -> int:
    """The sum of the bytes, modulo 256."""
    return sum(data) & 0xFF


def xor8(data: bytes) -> int:
    """All bytes XORed together (BCC)."""
    return functools.reduce(operator.xor, data, 0)


def lrc(data: bytes) -> int:
    """Longitudinal redundancy check as in Modbus ASCII: the two's complement of the 8-bit sum
    (so that all bytes plus the LRC sum to zero)."""
    return -sum(data) & 0xFF


def _catalogue() -> dict[str, Algorithm]:
    algorithms = {}
    for name, config, check, order, description in _CRCS:
        compute = _FAST.get(name) or crc_function(config)
        algorithms[name] = Algorithm(name, config.width, check, compute, order, description)
    algorithms["sum8"] = Algorithm("sum8", 8, 0xDD, sum8, "big",
                                   QT_TRANSLATE_NOOP("Checksum", "sum of the bytes mod 256"))
    algorithms["xor8"] = Algorithm("xor8", 8, 0x31, xor8, "big",
                                   QT_TRANSLATE_NOOP("Checksum", "XOR of the bytes"))
    algorithms["lrc"] = Algorithm(
        "lrc", 8, 0x23, lrc, "big",
        QT_TRANSLATE_NOOP("Checksum", "LRC: two's complement of the 8-bit sum (Modbus ASCII)"))
    return algorithms


ALGORITHMS: dict[str, Algorithm] = _catalogue()
# Other spellings people use for the same algorithms.
ALIASES: dict[str, str] = {
    "crc16-ibm-3740": "crc16-ccitt-false", "crc16-ccitt": "crc16-ccitt-false",
    "crc16-ibm": "crc16-arc", "crc16": "crc16-arc", "crc32-iscsi": "crc32c",
    "crc8-smbus": "crc8", "crc16-sdlc": "crc16-x25", "crc32-iso-hdlc": "crc32",
    "crc32-cksum": "crc32-posix", "sum": "sum8", "xor": "xor8", "bcc": "xor8",
}


def algorithm(name: str) -> Algorithm:
    """The algorithm called ``name`` (case, ``_``/``/``/``-`` ignored: ``CRC-16/MODBUS`` works);
    ValueError lists the known names."""
    key = name.strip().lower().replace("_", "-").replace("/", "-")
    key = key.replace("crc-", "crc", 1) if key.startswith("crc-") else key
    key = key.replace("sum-8", "sum8").replace("xor-8", "xor8")
    key = ALIASES.get(key, key)
    try:
        return ALGORITHMS[key]
    except KeyError:
        raise ValueError(f"unknown checksum {name!r}; known: {', '.join(ALGORITHMS)}") from None
