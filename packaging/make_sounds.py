"""Write the four scan sounds (16-bit mono WAV) with the standard library only.

Distinct on purpose, so a clerk who is not looking at the screen knows what happened:
matched rises, duplicate repeats, unexpected falls, error buzzes. Run from the repo root:
``python packaging/make_sounds.py``; they go to ``returns_desk/resources/sounds/``.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
FADE_S = 0.005

# name -> [(frequency Hz or 0 for silence, seconds, harmonics)]
SOUNDS: dict[str, list[tuple[float, float, int]]] = {
    "matched": [(1047, 0.07, 1), (1568, 0.12, 1)],
    "duplicate": [(784, 0.09, 1), (0, 0.06, 1), (784, 0.09, 1)],
    "unexpected": [(880, 0.1, 2), (660, 0.1, 2), (494, 0.16, 2)],
    "error": [(196, 0.45, 5)],
}


def tone(freq: float, seconds: float, harmonics: int) -> list[float]:
    count = int(RATE * seconds)
    fade = int(RATE * FADE_S)
    samples = []
    for n in range(count):
        if freq <= 0:
            samples.append(0.0)
            continue
        t = n / RATE
        value = sum(math.sin(2 * math.pi * freq * k * t) / k for k in range(1, 2 * harmonics, 2))
        envelope = min(1.0, n / fade, (count - n) / fade)
        samples.append(value * envelope)
    return samples


def write(path: Path, parts: list[tuple[float, float, int]]) -> None:
    samples = [s for part in parts for s in tone(*part)]
    peak = max(abs(s) for s in samples) or 1.0
    frames = b"".join(struct.pack("<h", int(s / peak * 0.8 * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    folder = Path(__file__).resolve().parent.parent / "returns_desk" / "resources" / "sounds"
    for name, parts in SOUNDS.items():
        write(folder / f"{name}.wav", parts)
        print(folder / f"{name}.wav")
