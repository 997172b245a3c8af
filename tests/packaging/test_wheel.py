"""A non-editable install (a wheel) carries the resources and passes its self-test.

The resources once sat beside the package instead of inside it: the editable install of the
README and the bundle found them, a plain ``pip install .`` did not (``resource
'app-icon.ico' is missing``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # from a copy of the sources, so a stale egg-info or build/ in the tree cannot fill the
    # gaps (setuptools reuses SOURCES.txt) and the tree is left as it was
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "returns_desk", src / "returns_desk", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(src)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return next(out.glob("returns_desk-*.whl"))


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    in_tree = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "returns_desk" / "resources").rglob("*")
        if p.is_file() and p.suffix in {".ico", ".png", ".qss", ".wav"}
    }
    assert len(in_tree) >= 7  # icon x2, style sheet, four sounds
    assert in_tree <= names, sorted(in_tree - names)


def test_an_install_from_the_wheel_passes_its_self_test(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
         "--target", str(site), str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")
    code = (
        "import sys, returns_desk; print(returns_desk.__file__)\n"
        "from returns_desk.selftest import run_self_test\n"
        "sys.exit(run_self_test())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,  # not the source tree: the installed copy must stand alone
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    out = result.stdout + result.stderr
    assert result.stdout.splitlines()[0].startswith(str(site)), out
    assert result.returncode == 0, out
    assert result.stdout.splitlines()[-1] == "self-test passed", out
