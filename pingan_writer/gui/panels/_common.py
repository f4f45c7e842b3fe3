"""Small helpers the panels share: secondary-text styling and which keys activate a row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QWidget

ACTIVATION_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def dim(widget: QWidget) -> None:
    """Secondary text (breadcrumbs, hints, summaries) in the palette's placeholder colour."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.PlaceholderText))
    widget.setPalette(palette)


def is_activation_key(event: QKeyEvent) -> bool:
    # Handled by the views themselves rather than through QAbstractItemView.activated, which some
    # platform styles fire on a single click: a click must select, only Enter/double-click insert.
    return event.key() in ACTIVATION_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


def bold_title(widget: QWidget, scale: float = 1.0) -> None:
    font = widget.font()
    font.setBold(True)
    if scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)
