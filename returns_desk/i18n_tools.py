"""Build the translation catalogues with Qt's own tools: ``python -m returns_desk.i18n_tools``.

``update``  ``pyside6-lupdate`` reads every ``tr()`` in the code into the ``.ts`` sources in
            ``resources/i18n/`` (new words arrive as unfinished; a translator fills them in,
            with Qt Linguist, ``pyside6-linguist``, or any editor).
``release`` ``pyside6-lrelease`` compiles them into the ``.qm`` files the app loads (the
            bootstrap, the test run and the bundle do this; the ``.qm`` are not committed).
``check``   fails when a message is unfinished or missing: a word in the code that the ``.ts``
            does not have yet, or one without its translation (lrelease's counts).

The tools come with PySide6 (PySide6-Essentials): the ``pyside6-lupdate`` and
``pyside6-lrelease`` scripts next to the interpreter, which run the ``lupdate`` and
``lrelease`` programs inside the PySide6 package folder; those are used directly when the
scripts are not there (an interpreter run without its ``Scripts``/``bin`` folder). No Qt import.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from returns_desk.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES, catalogue
from returns_desk.resources import resources_root

PACKAGE_DIR = Path(__file__).resolve().parent
_GENERATED = re.compile(r"Generated (\d+) translation\(s\) \((\d+) finished and (\d+) unfinished\)")
_IGNORED = re.compile(r"Ignored (\d+) untranslated source text\(s\)")
_FOUND = re.compile(r"Found (\d+) source text\(s\) \((\d+) new and (\d+) already existing\)")


def qt_tool(name: str) -> list[str]:
    """The command that runs Qt's ``lupdate`` or ``lrelease`` as PySide6 ships it."""
    suffix = ".exe" if sys.platform == "win32" else ""
    script = Path(sys.executable).parent / f"pyside6-{name}{suffix}"
    if script.is_file():
        return [str(script)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("PySide6 is not installed: it brings lupdate and lrelease")
    return [str(Path(spec.origin).parent / f"{name}{suffix}")]


def sources() -> list[Path]:
    """Every Python file of the app, sorted (the order of a catalogue's messages)."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "sandbox" not in p.parts)


def ts_path(code: str) -> Path:
    return resources_root() / catalogue(code, ".ts")


def update(code: str, target: Path | None = None) -> tuple[int, int]:
    """Refresh one ``.ts`` from the code; (source texts found, of which new)."""
    target = target or ts_path(code)
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [
        *qt_tool("lupdate"),
        *map(str, sources()),
        "-no-obsolete",
        "-locations",
        "none",  # line numbers would change the catalogue with every edit of the code
        "-target-language",
        LOCALES[code],
    ]
    if code == DEFAULT_LANGUAGE:
        command.append("-pluralonly")  # English needs only its plural forms ("1 parcel")
    result = _run([*command, "-ts", str(target)])
    match = _FOUND.search(result)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


@dataclass(frozen=True)
class Counts:
    """lrelease's counts for one catalogue."""

    finished: int
    unfinished: int
    untranslated: int


def release(code: str, source: Path | None = None) -> Counts:
    """Compile one ``.ts`` into the ``.qm`` beside it; lrelease's counts."""
    source = source or ts_path(code)
    output = _run([*qt_tool("lrelease"), str(source), "-qm", str(source.with_suffix(".qm"))])
    generated, ignored = _GENERATED.search(output), _IGNORED.search(output)
    return Counts(
        finished=int(generated.group(2)) if generated else 0,
        unfinished=int(generated.group(3)) if generated else 0,
        untranslated=int(ignored.group(1)) if ignored else 0,
    )


def messages(path: Path) -> set[tuple[str, str]]:
    """(context, source text) of every message a ``.ts`` holds."""
    root = ElementTree.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def problems(code: str) -> list[str]:
    """What keeps a catalogue from being complete; empty when every message is translated.

    The committed ``.ts`` is brought up to date with the code in a temporary copy: a word
    the code has and the ``.ts`` lacks is missing, and arrives there unfinished.
    """
    found: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / ts_path(code).name
        shutil.copyfile(ts_path(code), copy)
        update(code, copy)
        missing = sorted(messages(copy) - messages(ts_path(code)))
        if missing:
            listed = "; ".join(f"{context or '-'}: {text!r}" for context, text in missing[:5])
            found.append(f"{code}: {len(missing)} message(s) missing from the .ts ({listed})")
        counts = release(code, copy)
    if counts.unfinished:
        found.append(f"{code}: {counts.unfinished} message(s) are unfinished")
    if counts.untranslated:
        found.append(f"{code}: {counts.untranslated} message(s) have no translation")
    return found


def _run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): {output}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m returns_desk.i18n_tools")
    parser.add_argument("command", choices=("update", "release", "check"))
    args = parser.parse_args(argv)
    if args.command == "update":
        for code in LANGUAGES:
            total, new = update(code)
            print(f"{ts_path(code)}: {total} message(s), {new} new")
        return 0
    if args.command == "release":
        for code in LANGUAGES:
            counts = release(code)
            print(f"{ts_path(code).with_suffix('.qm')}: {counts.finished} translated")
        return 0
    found = [problem for code in LANGUAGES for problem in problems(code)]
    print("\n".join(found) or "every message is translated")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
