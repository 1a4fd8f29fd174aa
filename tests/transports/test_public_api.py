"""The package's public names, and that importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import transports


def test_every_public_name_resolves() -> None:
    for name in transports.__all__:
        assert getattr(transports, name) is not None, name
    assert transports.Connection.__module__ == "transports.aio.base"
    assert transports.parse_url("tcp://127.0.0.1:1").port == 1


def test_import_is_light() -> None:
    code = ("import sys, transports; "
            "heavy = [m for m in ('websockets', 'asyncio', 'ssl', 'PySide6') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
