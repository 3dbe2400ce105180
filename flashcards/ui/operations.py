"""One path for every change to the collection (after Anki's ``aqt.operations.CollectionOp``).

A view never calls a mutating ``Collection`` method itself; it builds a :class:`CollectionOp`::

    CollectionOp(self, state, "answer", lambda col: col.answer(card_id, rating)) \\
        .success(self._after_answer).run()

The op runs the call (on a worker thread when built with :meth:`CollectionOp.in_background`,
with a progress dialog), then on success calls its success callback and emits
``state.changed`` once, so every view refreshes from the collection; on failure the error is
shown once (deck errors as ``path:line: message`` lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from flashcards import Collection, DeckValidationError

T = TypeVar("T")
UNDOABLE = ("answer", "bury", "suspend")


@dataclass(frozen=True)
class OpChanges:
    """What an op changed: ``kind`` ("answer", "bury", "suspend", "undo", "import", "settings", …),
    the card it concerned, the op's result and the object that started it."""

    kind: str
    card_id: int | None = None
    result: Any = None
    initiator: object | None = None

    @property
    def affects_study(self) -> bool:
        """False for changes that leave cards, counts and settings as they were (backups)."""
        return self.kind not in ("backup",)


class CollectionState(QObject):
    """The UI's single handle on the collection; announces every change with ``changed``."""

    changed = Signal(object)       # OpChanges
    busy_changed = Signal(bool)

    def __init__(self, col: Collection, parent: QObject | None = None):
        super().__init__(parent)
        self.col = col
        self._busy = 0
        self._running: set[CollectionOp] = set()
        self._undo_kinds: list[str] = []   # mirrors the core's undo stack, for the menu label

    @property
    def busy(self) -> bool:
        """True while a long background op with a progress dialog (an import) holds the
        collection; views do not query it then. Quiet background ops (backups) do not count."""
        return self._busy > 0

    def _set_busy(self, delta: int) -> None:
        was = self.busy
        self._busy += delta
        if was != self.busy:
            self.busy_changed.emit(self.busy)

    def undo_label(self) -> str:
        """"Undo Answer" / "Undo Bury" / "Undo Suspend", or "Undo" when nothing can be undone."""
        if not self.col.can_undo():
            self._undo_kinds.clear()
            return "Undo"
        kind = self._undo_kinds[-1] if self._undo_kinds else "answer"
        return f"Undo {kind.capitalize()}"

    def notify(self, changes: OpChanges) -> None:
        """Record ``changes`` and tell every view."""
        if changes.kind in UNDOABLE:
            self._undo_kinds.append(changes.kind)
        elif changes.kind == "undo" and self._undo_kinds:
            self._undo_kinds.pop()
        self.changed.emit(changes)


def error_text(exc: BaseException) -> str:
    """The message to show for ``exc``: one ``path:line: message`` line per deck error."""
    if isinstance(exc, DeckValidationError):
        return "\n".join(str(e) for e in exc.errors)
    return str(exc) or type(exc).__name__


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A non-blocking, window-modal error box; long texts go to its details section."""
    # Local import: deck errors, paths and exception texts are shown as typed, links inert.
    from .plain import plain_message_box, plain_title

    lines = text.splitlines() or [text]
    box = QMessageBox(QMessageBox.Icon.Critical, plain_title(title), "\n".join(lines[:12]),
                      QMessageBox.StandardButton.Ok, parent)
    if len(lines) > 12:
        box.setInformativeText(f"… and {len(lines) - 12} more problem(s); see the details.")
        box.setDetailedText(text)
    plain_message_box(box)
    box.setObjectName("errorBox")
    box.setAccessibleName(title)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class _WorkerSignals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Worker(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _WorkerSignals):
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:  # worker thread
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class CollectionOp(QObject, Generic[T]):
    """A change to the collection: run it, then report success to all views or show the error."""

    def __init__(self, parent: QWidget | None, state: CollectionState, kind: str,
                 op: Callable[[Collection], T], *, card_id: int | None = None,
                 initiator: object | None = None, error_title: str = "Could not complete the action"):
        super().__init__(None)
        self._parent, self._state, self._kind, self._op = parent, state, kind, op
        self._card_id, self._initiator, self._error_title = card_id, initiator, error_title
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._progress_label: str | None = None
        self._progress: QProgressDialog | None = None
        self._signals: _WorkerSignals | None = None

    def success(self, fn: Callable[[T], None]) -> "CollectionOp[T]":
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> "CollectionOp[T]":
        """Handle errors yourself instead of the default error box."""
        self._on_failure = fn
        return self

    def in_background(self, label: str = "") -> "CollectionOp[T]":
        """Run on a worker thread, with a progress dialog showing ``label`` if given (imports)."""
        self._progress_label = label
        return self

    def run(self) -> None:
        if self._progress_label is None:
            try:
                result = self._op(self._state.col)
            except Exception as exc:  # noqa: BLE001 - shown to the learner
                self._failed(exc)
            else:
                self._done(result)
            return
        self._state._running.add(self)
        if self._progress_label:
            self._state._set_busy(+1)
        self._signals = _WorkerSignals()
        self._signals.done.connect(self._background_done)
        self._signals.failed.connect(self._background_failed)
        col = self._state.col
        QThreadPool.globalInstance().start(_Worker(lambda: self._op(col), self._signals))
        QTimer.singleShot(250, self._show_progress)

    # ------------------------------------------------------------------ internals
    def _show_progress(self) -> None:
        if self not in self._state._running or self._progress is not None or not self._progress_label:
            return
        dialog = QProgressDialog(self._progress_label or "", "", 0, 0, self._parent)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowTitle("Flashcards")
        dialog.setAccessibleName(self._progress_label or "Working")
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._progress = dialog

    def _finish_background(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self._state._running.discard(self)
        if self._progress_label:
            self._state._set_busy(-1)

    @Slot(object)
    def _background_done(self, result: object) -> None:
        self._finish_background()
        self._done(result)  # type: ignore[arg-type]

    @Slot(object)
    def _background_failed(self, exc: object) -> None:
        self._finish_background()
        self._failed(exc)  # type: ignore[arg-type]

    def _done(self, result: T) -> None:
        if self._on_success is not None:
            self._on_success(result)
        self._state.notify(OpChanges(self._kind, self._card_id, result, self._initiator))

    def _failed(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            show_error(self._parent, self._error_title, error_text(exc))
