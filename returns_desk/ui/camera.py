"""Photos of a parcel from a USB webcam, behind one small interface.

``FrameSource`` is what the desk uses: ``start()``, ``capture()`` (asynchronous: ``captured``
with the encoded JPEG, or ``failed`` with a reason), ``stop()``. Two implementations:

- ``QtCameraSource``: Qt Multimedia (``QCamera`` + ``QImageCapture`` in a
  ``QMediaCaptureSession``). Qt Multimedia is in ``PySide6-Addons`` (about 160 MB installed,
  beside the 272 MB of ``PySide6-Essentials``), which the desk does not require: it is
  imported only here, only when a camera is configured, and without it the desk runs exactly
  as before (``open_frame_source`` says why there is no camera).
- ``StillFrameSource``: draws a labelled frame itself. The tests use it (no camera needed);
  it behaves as the real source does (asynchronous answers, failures on request).

``PhotoTaker`` ties a source to the store: a photo of the selected parcel (Ctrl+P), or one taken
by itself when a parcel is marked not good (setting ``camera.auto_capture``), each saved with
its tracking id, time, terminal and SHA-256 (``store/photos.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from returns_desk.errors import ReturnsDeskError
from returns_desk.store import Photo, Store
from returns_desk.store.photos import save_photo
from returns_desk.ui.texts import tr
from returns_desk.ui.workers import JobDone, JobFailed, JobKind, JobRunner

log = logging.getLogger(__name__)

JPEG_QUALITY = 90


def encode_jpeg(image: QImage, quality: int = JPEG_QUALITY) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # the stubs type the format as bytes; PySide6 takes only a str at run time
    if not image.save(buffer, "JPG", quality):  # type: ignore[call-overload]
        return b""
    return bytes(data.data())


def parse_resolution(text: str) -> tuple[int, int] | None:
    """``"1280x720"`` as (1280, 720); empty or malformed: None (the camera's default)."""
    width, _, height = text.lower().partition("x")
    if width.strip().isdigit() and height.strip().isdigit():
        return int(width), int(height)
    return None


class FrameSource(QObject):
    """A camera as the desk sees it; one capture at a time."""

    captured = Signal(bytes)  # an encoded JPEG
    failed = Signal(str)  # why there is no photo, for the clerk

    name = "camera"

    def start(self) -> None:
        """Open the device (idempotent)."""
        raise NotImplementedError

    def capture(self) -> None:
        """Take one photo; the answer comes as ``captured`` or ``failed``."""
        raise NotImplementedError

    def stop(self) -> None:
        """Close the device (idempotent)."""
        raise NotImplementedError

    @property
    def active(self) -> bool:
        raise NotImplementedError


class StillFrameSource(FrameSource):
    """Frames drawn here (size, a counter, the time): a camera for tests and demos."""

    def __init__(
        self,
        size: tuple[int, int] = (640, 480),
        *,
        fail_with: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = "still frames"
        self.size = size
        self.fail_with = fail_with  # every capture fails with this (a camera unplugged)
        self.shots = 0
        self._active = False

    def start(self) -> None:
        self._active = True

    def stop(self) -> None:
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def capture(self) -> None:
        # answered from the event loop, as a real camera answers
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        if not self._active:
            self.failed.emit(tr("The camera is not started."))
            return
        if self.fail_with is not None:
            self.failed.emit(self.fail_with)
            return
        self.shots += 1
        image = QImage(*self.size, QImage.Format.Format_RGB32)
        image.fill(QColor("#c9a36b"))
        painter = QPainter(image)
        painter.setPen(QColor("#1d2630"))
        text = f"frame {self.shots}\n{datetime.now().astimezone():%Y-%m-%d %H:%M:%S}"
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        self.captured.emit(encode_jpeg(image))


class QtCameraSource(FrameSource):
    """A USB webcam through Qt Multimedia (needs ``PySide6-Addons``)."""

    def __init__(
        self,
        device: object,
        resolution: tuple[int, int] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession

        self.device = device
        self.name = device.description()  # type: ignore[attr-defined]
        self.camera = QCamera(device, self)  # type: ignore[call-overload]
        if resolution is not None:
            formats = [
                f
                for f in device.videoFormats()  # type: ignore[attr-defined]
                if (f.resolution().width(), f.resolution().height()) == resolution
            ]
            if formats:
                self.camera.setCameraFormat(formats[0])
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.capturer = QImageCapture(self)
        self.capturer.setQuality(QImageCapture.Quality.HighQuality)
        self.session.setImageCapture(self.capturer)
        self.capturer.imageCaptured.connect(self._on_image_captured)
        self.capturer.errorOccurred.connect(self._on_error)
        self.camera.errorOccurred.connect(self._on_camera_error)

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()

    @property
    def active(self) -> bool:
        return bool(self.camera.isActive())

    def capture(self) -> None:
        if not self.capturer.isReadyForCapture():
            self.failed.emit(tr("The camera is not ready; check that it is plugged in."))
            return
        self.capturer.capture()

    def _on_image_captured(self, request_id: int, image: QImage) -> None:
        data = encode_jpeg(image)
        if data:
            self.captured.emit(data)
        else:
            self.failed.emit(tr("The camera's picture could not be saved as a JPEG."))

    def _on_error(self, request_id: int, error: object, text: str) -> None:
        self.failed.emit(tr("The camera could not take the photo: %1").replace("%1", text))

    def _on_camera_error(self, error: object, text: str) -> None:
        if text:
            self.failed.emit(tr("Camera problem: %1").replace("%1", text))


#: Qt Multimedia lists every optional system library it could not load (PipeWire, VA-API)
#: as a warning each time it starts; a dock terminal needs none of them for a still photo.
QUIET_MULTIMEDIA = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"


def multimedia_available() -> bool:
    """Whether Qt Multimedia (PySide6-Addons) is installed; quiets its start-up noise."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules(QUIET_MULTIMEDIA)  # before the import: it logs too
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


def camera_devices() -> list[tuple[str, str]]:
    """(id, description) of every camera Qt Multimedia sees; empty without the module."""
    if not multimedia_available():
        return []
    from PySide6.QtMultimedia import QMediaDevices

    return [
        (bytes(d.id().data()).decode("utf-8", "replace"), d.description())
        for d in QMediaDevices.videoInputs()
    ]


def open_frame_source(
    device: str, resolution: str = "", parent: QObject | None = None
) -> tuple[FrameSource | None, str]:
    """The configured camera, or None with the reason (the desk then works without one).

    ``device``: empty for no camera, ``"default"`` for the system's default camera, else a
    device id or (part of) its description as Settings lists them.
    """
    if not device.strip():
        return None, tr("No camera is set up (Settings → Camera).")
    if not multimedia_available():
        return None, tr(
            "Photos need Qt Multimedia (the PySide6-Addons package), which is not installed."
        )
    from PySide6.QtMultimedia import QMediaDevices

    inputs = QMediaDevices.videoInputs()
    if device.strip().lower() == "default":
        chosen = QMediaDevices.defaultVideoInput() if inputs else None
    else:
        wanted = device.strip().lower()
        chosen = next(
            (
                d
                for d in inputs
                if bytes(d.id().data()).decode("utf-8", "replace").lower() == wanted
                or wanted in d.description().lower()
            ),
            None,
        )
    if chosen is None or chosen.isNull():
        return None, tr("The camera %1 is not connected.").replace("%1", device)
    return QtCameraSource(chosen, parse_resolution(resolution), parent), ""


class PhotoTaker(QObject):
    """Photos of the selected parcel, saved with their hash; one capture at a time."""

    saved = Signal(str, str)  # level, text for the notice bar

    def __init__(
        self,
        source: FrameSource | None,
        store: Store,
        terminal: str,
        target: Callable[[], tuple[int, str] | None],
        *,
        unavailable: str = "",
        jobs: JobRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.terminal = store, terminal
        # the file is written and synced on the pool: a slow disk must never stall the GUI
        # thread, whose key timing tells a scanner burst from typing
        self._jobs = jobs
        self._target = target
        self._unavailable = unavailable
        self._pending: tuple[int, str] | None = None
        self.source: FrameSource | None = None
        self.set_source(source)

    def set_source(self, source: FrameSource | None) -> None:
        """Use another camera (Settings changed it, or a test's frames)."""
        if self.source is not None:
            self.source.captured.disconnect(self._on_captured)
            self.source.failed.disconnect(self._on_failed)
            self.source.stop()
        self.source, self._pending = source, None
        if source is not None:
            source.captured.connect(self._on_captured)
            source.failed.connect(self._on_failed)

    @property
    def available(self) -> bool:
        return self.source is not None

    def start(self) -> None:
        if self.source is not None:
            self.source.start()

    def stop(self) -> None:
        if self.source is not None:
            self.source.stop()

    def take(self, target: tuple[int, str] | None = None) -> bool:
        """Photograph ``target`` (session id, tracking id), else the selected parcel."""
        if self.source is None:
            self.saved.emit("error", self._unavailable or tr("No camera is set up."))
            return False
        target = target or self._target()
        if target is None:
            self.saved.emit("error", tr("Scan or select a parcel first, then take its photo."))
            return False
        if self._pending is not None:
            return False  # one at a time: the first answer is still coming
        self._pending = target
        if not self.source.active:
            self.source.start()
        self.source.capture()
        return True

    def _on_captured(self, data: bytes) -> None:
        target, self._pending = self._pending, None
        if target is None:
            return
        if not data:
            self.saved.emit("error", tr("The camera gave an empty picture; try again."))
            return
        session_id, code = target
        store, terminal = self.store, self.terminal

        def save() -> tuple[Photo, int]:
            photo = save_photo(store, session_id, code, data, terminal=terminal)
            return photo, len(store.photos(session_id, code))

        if self._jobs is not None:
            self._jobs.submit(
                JobKind.PHOTO,
                save,
                session_id=session_id,
                done=self._on_photo_saved,
                failed=self._on_photo_failed,
            )
            return
        try:
            self._say_saved(*save())
        except ReturnsDeskError as exc:
            self._say_failed(exc)

    def _say_saved(self, photo: Photo, count: int) -> None:
        text = tr("Photo %1 of %2 saved").replace("%1", str(count)).replace("%2", photo.tracking_id)
        self.saved.emit("info", text)

    def _say_failed(self, exc: ReturnsDeskError) -> None:
        self.saved.emit("error", tr("The photo was not saved: %1").replace("%1", exc.user_text))

    def _on_photo_saved(self, done: JobDone) -> None:
        self._say_saved(*done.result)

    def _on_photo_failed(self, failed: JobFailed) -> None:
        self._say_failed(failed.error)

    def _on_failed(self, reason: str) -> None:
        self._pending = None
        self.saved.emit("error", reason)
