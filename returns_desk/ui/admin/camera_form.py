"""The camera for parcel photos: which device, its resolution, and photos taken by themselves.

The devices listed are those Qt Multimedia sees now; without Qt Multimedia (the optional
``PySide6-Addons`` package) the page says so and the desk takes no photos. Applies after a
restart, like the scanner's port.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from returns_desk.settings import Settings
from returns_desk.ui.admin.fields import FieldForm
from returns_desk.ui.camera import camera_devices, multimedia_available


class CameraForm(FieldForm):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        camera = settings.camera
        if multimedia_available():
            text = self.tr(
                "A USB webcam over the scanning table photographs the parcel and its label: F3, "
                "or by itself when a parcel is marked not good. Applies after a restart."
            )
        else:
            text = self.tr(
                "Photos need Qt Multimedia (the PySide6-Addons package), which is not installed "
                "on this terminal: the desk works without a camera."
            )
        note = QLabel(text, self)
        note.setWordWrap(True)
        self.add_wide(note)
        items: list[tuple[str, Any]] = [
            (self.tr("No camera"), ""),
            (self.tr("System default camera"), "default"),
        ]
        items += [(name, device_id) for device_id, name in camera_devices()]
        if camera.device and camera.device not in {value for _, value in items}:
            items.append((self.tr("%s (not connected)") % camera.device, camera.device))
        self.device: QComboBox = self.combo(items, camera.device)
        self.add_row("camera", self.tr("Camera"), self.device)
        self.resolution = self.line_edit(
            camera.resolution, self.tr("e.g. 1280x720 (empty: the camera's own)")
        )
        self.add_row("camera_resolution", self.tr("Resolution"), self.resolution)
        self.auto = self.check_box(
            self.tr("Take a photo by itself when a parcel is marked not good"),
            camera.auto_capture,
        )
        self.add_row("camera_auto", "", self.auto)

    def values(self) -> dict[str, Any]:
        return {
            "camera": {
                "device": self.device.currentData() or "",
                "resolution": self.resolution.text().strip(),
                "auto_capture": self.auto.isChecked(),
            }
        }
