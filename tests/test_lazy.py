"""Package namespaces that load a module when one of its names is first used."""

from __future__ import annotations

import subprocess
import sys

import pytest

import returns_desk.handon as handon
import returns_desk.ui.admin as admin


def test_names_resolve_to_the_defining_module() -> None:
    from returns_desk.settings.handon import HandonSettings
    from returns_desk.ui.admin.pin_dialog import ask_admin_pin

    assert handon.HandonSettings is HandonSettings
    assert admin.ask_admin_pin is ask_admin_pin
    assert "HandonSettings" in dir(handon)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        handon.Nope  # noqa: B018 - the access is the test
    with pytest.raises(ImportError):
        from returns_desk.handon import Nope  # noqa: F401


def test_every_listed_name_exists() -> None:
    for package in (handon, admin):
        for name in package.__all__:
            assert getattr(package, name) is not None, name


def test_one_submodule_does_not_load_its_siblings() -> None:
    """The hand-on records without the HTTP clients: the start-up depends on it."""
    code = (
        "import sys, returns_desk.handon.records\n"
        "print(sorted(m for m in ('requests', 'returns_desk.handon.omni_client',"
        " 'returns_desk.handon.outbox') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out.strip() == "[]"
