"""Settings → Camera: the device, its resolution and auto-capture, saved and validated."""

from __future__ import annotations

from returns_desk.settings import CameraSettings, Settings
from tests.ui.admin.test_settings_dialog import open_dialog


def test_the_camera_page_round_trips_and_checks_the_resolution(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    form = dialog.camera
    assert form.device.currentData() == ""  # no camera until one is chosen
    form.device.setCurrentIndex(form.device.findData("default"))
    form.resolution.setText("1280x720")
    form.auto.setChecked(False)
    assert dialog.is_valid()
    assert dialog.result_settings().camera == CameraSettings(
        device="default", resolution="1280x720", auto_capture=False
    )
    form.resolution.setText("big")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.text().startswith("Camera: ")
    form.resolution.setText("")
    assert dialog.ok_button.isEnabled()


def test_a_camera_not_connected_stays_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(seller_location_id="LOC1", camera=CameraSettings(device="Logitech C270"))
    dialog = open_dialog(qtbot, settings)
    assert "Logitech C270 (not connected)" in dialog.camera.device.currentText()
    assert dialog.result_settings().camera.device == "Logitech C270"
