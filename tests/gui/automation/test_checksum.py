"""Every checksum against its published check value and against the crc package."""

from __future__ import annotations

import crc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.automation.checksum import ALGORITHMS, CRC32C, algorithm, crc_function, lrc, sum8, xor8

# The check values for b"123456789" as published in Greg Cook's "Catalogue of parametrised CRC
# algorithms" (reveng.sourceforge.io/crc-catalogue), written out here, not taken from our code.
PUBLISHED = {
    "crc8": 0xF4, "crc8-maxim": 0xA1, "crc8-itu": 0xA1, "crc8-rohc": 0xD0,
    "crc8-autosar": 0xDF, "crc8-bluetooth": 0x26, "crc8-sae-j1850": 0x4B,
    "crc16-modbus": 0x4B37, "crc16-ccitt-false": 0x29B1, "crc16-xmodem": 0x31C3,
    "crc16-kermit": 0x2189, "crc16-usb": 0xB4C8, "crc16-arc": 0xBB3D, "crc16-maxim": 0x44C2,
    "crc16-x25": 0x906E, "crc16-dnp": 0xEA82, "crc16-gsm": 0xCE3C, "crc16-profibus": 0xA819,
    "crc32": 0xCBF43926, "crc32c": 0xE3069283, "crc32-bzip2": 0xFC891918,
    "crc32-posix": 0x765E7680, "crc32-autosar": 0x1697D06A,
}
CRC_CONFIGS: dict[str, crc.Configuration] = {
    "crc8": crc.Crc8.CCITT.value,
    "crc8-maxim": crc.Crc8.MAXIM_DOW.value,
    "crc8-itu": crc.Crc8.ITU.value,
    "crc8-rohc": crc.Crc8.ROHC.value,
    "crc8-autosar": crc.Crc8.AUTOSAR.value,
    "crc8-bluetooth": crc.Crc8.BLUETOOTH.value,
    "crc8-sae-j1850": crc.Crc8.SAEJ1850.value,
    "crc16-modbus": crc.Crc16.MODBUS.value,
    "crc16-ccitt-false": crc.Crc16.IBM_3740.value,
    "crc16-xmodem": crc.Crc16.XMODEM.value,
    "crc16-kermit": crc.Crc16.KERMIT.value,
    "crc16-usb": crc.Crc16.USB.value,
    "crc16-arc": crc.Crc16.IBM.value,
    "crc16-maxim": crc.Crc16.MAXIM.value,
    "crc16-x25": crc.Crc16.X25.value,
    "crc16-dnp": crc.Crc16.DNP.value,
    "crc16-gsm": crc.Crc16.GSM.value,
    "crc16-profibus": crc.Crc16.PROFIBUS.value,
    "crc32": crc.Crc32.CRC32.value,
    "crc32c": CRC32C,
    "crc32-bzip2": crc.Crc32.BZIP2.value,
    "crc32-posix": crc.Crc32.POSIX.value,
    "crc32-autosar": crc.Crc32.AUTOSAR.value,
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_check_value(name: str) -> None:
    assert ALGORITHMS[name].compute(b"123456789") == PUBLISHED[name]


def test_every_crc_is_covered() -> None:
    crcs = {name for name in ALGORITHMS if name.startswith("crc")}
    assert crcs == set(PUBLISHED) == set(CRC_CONFIGS)


@pytest.mark.parametrize("name", sorted(CRC_CONFIGS))
@given(data=st.binary(max_size=64))
def test_same_as_the_crc_package(name: str, data: bytes) -> None:
    reference = crc.Calculator(CRC_CONFIGS[name]).checksum(data)
    assert ALGORITHMS[name].compute(data) == reference


def test_table_driven_matches_stdlib_fast_paths() -> None:
    for name in ("crc32", "crc16-xmodem", "crc16-ccitt-false"):
        table = crc_function(CRC_CONFIGS[name])
        for data in (b"", b"\x00", b"123456789", bytes(range(256))):
            assert table(data) == ALGORITHMS[name].compute(data)


def test_simple_sums() -> None:
    # A Modbus ASCII request "read 1 holding register at 0 from unit 1": 01 03 00 00 00 01, LRC FB.
    assert lrc(bytes.fromhex("010300000001")) == 0xFB
    assert (sum(bytes.fromhex("010300000001")) + lrc(bytes.fromhex("010300000001"))) & 0xFF == 0
    assert sum8(b"\xff\x02") == 0x01
    assert xor8(b"\x0f\xf0\x01") == 0xFE
    assert xor8(b"") == 0 and sum8(b"") == 0 and lrc(b"") == 0
    assert sum8(b"123456789") == 477 & 0xFF


def test_byte_order() -> None:
    modbus = algorithm("CRC-16/MODBUS")
    assert modbus.to_bytes(b"123456789") == b"\x37\x4b"  # low byte first on the wire
    assert modbus.to_bytes(b"123456789", "big") == b"\x4b\x37"
    assert algorithm("crc16-xmodem").to_bytes(b"123456789") == b"\x31\xc3"
    assert algorithm("crc32").to_bytes(b"123456789", "big") == bytes.fromhex("cbf43926")
    assert algorithm("crc8").to_bytes(b"123456789") == b"\xf4"


def test_names_and_aliases() -> None:
    assert algorithm("CRC-16/CCITT-FALSE") is ALGORITHMS["crc16-ccitt-false"]
    assert algorithm("crc16_ibm_3740") is ALGORITHMS["crc16-ccitt-false"]
    assert algorithm("CRC-32C") is ALGORITHMS["crc32c"]
    assert algorithm("XOR-8") is ALGORITHMS["xor8"]
    with pytest.raises(ValueError, match=r"unknown checksum 'crc17'.*crc16-modbus"):
        algorithm("crc17")
