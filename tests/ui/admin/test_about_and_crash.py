"""The About box and the crash dialog."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from returns_desk.ui.admin import AboutDialog, CrashReporter, show_crash


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.urls.append(url)


def test_about_shows_the_version_and_opens_the_folders(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, logs = tmp_path / "data", tmp_path / "data" / "logs"
    data.mkdir()
    dialog = AboutDialog("1.2.3", data, logs)
    qtbot.addWidget(dialog)
    dialog.open()
    texts = [label.text() for label in dialog.findChildren(type(dialog.status))]
    assert any("1.2.3" in text for text in texts)
    assert dialog.folder_labels["data"].text() == str(data)
    assert dialog.folder_labels["logs"].text() == str(logs)

    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open_url")
    try:
        qtbot.mouseClick(dialog.open_buttons["data"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.open_buttons["logs"], Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in catcher.urls] == [data]
    assert "no such folder" in dialog.status.text()  # the log folder does not exist yet
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_crash_dialog_shows_the_log_file_and_counts_repeats(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log_file = tmp_path / "logs" / "returns-desk.log"
    dialog = show_crash(None, "ValueError: boom", log_file)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.log_label.text() == str(log_file)
    assert dialog.details.isHidden() and dialog.details.toPlainText() == "ValueError: boom"
    assert show_crash(None, "KeyError: 'x'", log_file) is dialog  # no stack of dialogs
    assert "2 times" in dialog.count_label.text()
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert not dialog.details.isHidden() and "KeyError" in dialog.details.toPlainText()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)


def test_reporter_shows_the_dialog_from_another_thread(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reporter = CrashReporter(tmp_path / "app.log")
    thread = threading.Thread(target=reporter.report, args=("RuntimeError: in a thread",))
    thread.start()
    thread.join()
    dialogs: list = []

    def shown() -> bool:
        from returns_desk.ui.admin import crash_dialog

        dialogs[:] = [crash_dialog._open_dialog] if crash_dialog._open_dialog else []
        return bool(dialogs) and dialogs[0].isVisible()

    qtbot.waitUntil(shown, timeout=2000)
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    assert "RuntimeError: in a thread" in dialog.details.toPlainText()
    dialog.accept()
