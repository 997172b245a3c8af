"""Photos of a parcel: Ctrl+P or by itself when marked not good, stored with their hash; the
desk without a camera; the Qt Multimedia source constructed and started."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from returns_desk.store.photos import PhotoCheck, check_photo, photo_path
from returns_desk.ui.camera import (
    QtCameraSource,
    StillFrameSource,
    multimedia_available,
    open_frame_source,
)
from tests.ui.conftest import Desk, scanning_fe


def ctrl(desk: Desk, key: Qt.Key) -> None:
    QTest.keyClick(desk.window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)


def test_without_a_camera_the_desk_says_so_and_works_on(desk: Desk) -> None:
    _fe, ids = scanning_fe(desk, parcels=2)
    sid = desk.view().session_id
    assert not desk.window.photos.available  # the settings name no camera
    desk.scan(ids[0])
    desk.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "No camera is set up" in desk.window.notice.text.text()
    ctrl(desk, Qt.Key.Key_2)  # marking still works, no photo is attempted
    assert desk.window.services.store.noted(sid)[0].code == ids[0]
    assert desk.window.services.store.photos(sid) == []


def test_f3_and_a_not_good_mark_take_photos_with_their_hash(desk: Desk) -> None:
    store = desk.window.services.store
    source = StillFrameSource()
    desk.window.photos.set_source(source)
    desk.window.photos.start()
    _fe, ids = scanning_fe(desk, parcels=2)
    sid = desk.view().session_id

    desk.scan(ids[0])
    desk.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: len(store.photos(sid, ids[0])) == 1)
    assert f"Photo 1 of {ids[0]} saved" in desk.window.notice.text.text()
    (photo,) = store.photos(sid, ids[0])
    assert photo.terminal == "DOCK-T" and photo.path.startswith("photos/")
    assert photo_path(store, photo).read_bytes()[:2] == b"\xff\xd8"  # a JPEG
    assert check_photo(store, photo) is PhotoCheck.OK

    ctrl(desk, Qt.Key.Key_4)  # empty or wrong item: a photo is taken by itself
    desk.wait(lambda: len(store.photos(sid, ids[0])) == 2)
    desk.press(Qt.Key.Key_F7)  # a remark alone does not take another
    desk.type("brick inside")
    desk.wait(lambda: store.noted(sid)[0].remark == "brick inside")
    ctrl(desk, Qt.Key.Key_1)  # back to good: no photo
    desk.scan(ids[1])
    desk.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: len(store.photos(sid, ids[1])) == 1)
    assert len(store.photos(sid, ids[0])) == 2 and source.shots == 3


def test_a_camera_that_fails_stores_nothing_and_says_why(desk: Desk) -> None:
    store = desk.window.services.store
    desk.window.photos.set_source(StillFrameSource(fail_with="The camera was unplugged."))
    desk.window.photos.start()
    _fe, ids = scanning_fe(desk, parcels=1)
    desk.scan(ids[0])
    desk.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: "unplugged" in desk.window.notice.text.text())
    assert store.photos(desk.view().session_id) == []
    # the next try works once the camera is back
    desk.window.photos.source.fail_with = None  # type: ignore[union-attr]
    desk.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: len(store.photos(desk.view().session_id)) == 1)


def test_the_qt_multimedia_source_is_built_and_started(qtbot) -> None:  # type: ignore[no-untyped-def]
    if not multimedia_available():
        pytest.skip("Qt Multimedia (PySide6-Addons) is not installed")
    from PySide6.QtMultimedia import QCameraDevice, QMediaDevices

    # built and started on whatever is there: a device, or none (a null device)
    inputs = QMediaDevices.videoInputs()
    source = QtCameraSource(inputs[0] if inputs else QCameraDevice(), (640, 480))
    failures: list[str] = []
    shots: list[bytes] = []
    source.failed.connect(failures.append)
    source.captured.connect(shots.append)
    source.start()
    if not inputs:
        assert not source.active
        source.capture()  # no device: a clear failure, never a crash
        assert failures and "camera" in failures[-1].lower()
        none, why = open_frame_source("default")
        assert none is None and "not connected" in why
        source.stop()
        pytest.skip("no camera on this machine: the capture itself is not exercised")
    qtbot.waitUntil(lambda: source.capturer.isReadyForCapture(), timeout=10000)
    source.capture()
    qtbot.waitUntil(lambda: bool(shots or failures), timeout=10000)
    assert shots and shots[0][:2] == b"\xff\xd8", failures
    source.stop()


def test_no_device_configured_means_no_camera() -> None:
    source, why = open_frame_source("")
    assert source is None and "No camera is set up" in why


def test_a_photo_that_cannot_be_written_is_reported_not_recorded(desk: Desk) -> None:
    store = desk.window.services.store
    desk.window.photos.set_source(StillFrameSource())
    desk.window.photos.start()
    _fe, ids = scanning_fe(desk, parcels=1)
    (desk.folder / "photos").write_text("a file where the photo folder should be")
    desk.scan(ids[0])
    desk.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: "The photo was not saved" in desk.window.notice.text.text())
    assert "cannot read or write" in desk.window.notice.text.text()
    assert store.photos(desk.view().session_id) == []
