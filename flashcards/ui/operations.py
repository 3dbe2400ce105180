"""One path for every change to the collection (after Anki's ``aqt.operations.CollectionOp``).

A view never calls a mutating ``Collection`` method itself; it builds a :class:`CollectionOp`::

    CollectionOp(self, state, "answer", lambda col: col.answer(card_id, rating)) \\
        .success(self._after_answer).run()

The op runs the call (on a worker thread when built with :meth:`CollectionOp.in_background`,
with a progress dialog), then on success calls its success callback and emits
``state.changed(changes, initiator)`` once, so every view refreshes from the collection. The
changes are the core's :class:`OpChanges` (the op's result, or its ``changes``; for calls that do
not describe their changes yet, built from the op's kind). The Undo label comes from the core's
undo status in them. A success callback that raises is shown as an error and the views are still
refreshed; on failure the error is shown once (deck errors as ``path:line: message`` lines).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from flashcards import Collection, DeckValidationError
from flashcards.core.changes import OpChanges, UndoStatus

from .changes import op_changes
from .prefs import UiPrefs, load_ui_prefs

__all__ = ["CollectionOp", "CollectionState", "OpChanges", "OpRunner", "UndoStatus", "error_text", "show_error"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class CollectionState(QObject):
    """The UI's single handle on the collection; announces every change with
    ``changed(changes: OpChanges, initiator: object | None)``."""

    changed = Signal(object, object)   # OpChanges, the object that started the op (or None)
    busy_changed = Signal(bool)

    def __init__(self, col: Collection, parent: QObject | None = None):
        super().__init__(parent)
        self.col = col
        self._busy = 0
        self._running: set[CollectionOp] = set()
        self._prefs = load_ui_prefs(col)

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

    @property
    def ui_prefs(self) -> UiPrefs:
        """Theme and card font size, read once and again only after a change to the config."""
        return self._prefs

    def undo_status(self) -> UndoStatus:
        """What Edit → Undo would revert now, as the core says."""
        return self.col.undo_status()

    def notify(self, changes: OpChanges, initiator: object | None = None) -> None:
        """Tell every view about ``changes`` (UI preferences are re-read first if they may differ)."""
        if changes.config:
            self._prefs = load_ui_prefs(self.col)
        self.changed.emit(changes, initiator)


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
    step = Signal(int, int)          # (done, total) from the worker thread


class _Worker(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _WorkerSignals):
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:  # worker thread
        try:
            result = self._fn()
        except BaseException as exc:
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
        self._steps: tuple[int, int] | None = None       # the latest (done, total) reported

    def success(self, fn: Callable[[T], None]) -> CollectionOp[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> CollectionOp[T]:
        """Handle errors yourself instead of the default error box."""
        self._on_failure = fn
        return self

    def in_background(self, label: str = "") -> CollectionOp[T]:
        """Run on a worker thread, with a progress dialog showing ``label`` if given (imports)."""
        self._progress_label = label
        return self

    def report(self, done: int, total: int) -> None:
        """Progress of a background op, callable from its worker thread (the core's
        ``progress(done, total)`` callbacks): the dialog shows a bar instead of a busy sign."""
        if self._signals is not None:
            self._signals.step.emit(int(done), int(total))

    def run(self) -> None:
        if self._progress_label is None:
            try:
                result = self._op(self._state.col)
            except Exception as exc:
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
        self._signals.step.connect(self._stepped)
        col = self._state.col
        QThreadPool.globalInstance().start(_Worker(lambda: self._op(col), self._signals))
        QTimer.singleShot(250, self._show_progress)

    # ------------------------------------------------------------------ internals
    def _show_progress(self) -> None:
        if self not in self._state._running or self._progress is not None or not self._progress_label:
            return
        dialog = QProgressDialog(self._progress_label or "", "", 0, 0, self._parent)
        dialog.setCancelButton(None)
        dialog.setWindowTitle("Flashcards")
        dialog.setAccessibleName(self._progress_label or "Working")
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._progress = dialog
        if self._steps is not None:
            self._stepped(*self._steps)

    @Slot(int, int)
    def _stepped(self, done: int, total: int) -> None:
        self._steps = (done, total)
        if self._progress is not None and total > 0:
            self._progress.setRange(0, total)
            self._progress.setValue(min(done, total))

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
        try:
            if self._on_success is not None:
                self._on_success(result)
        except Exception as exc:  # shown once; the views still refresh below
            log.exception("success handler of %r failed", self._kind)
            show_error(self._parent, self._error_title, error_text(exc))
        finally:
            changes = op_changes(self._kind, result, self._state.col.undo_status(), self._card_id)
            self._state.notify(changes, self._initiator)

    def _failed(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            show_error(self._parent, self._error_title, error_text(exc))


class OpRunner:
    """The review controller's way to the collection in the app: each change is a
    :class:`CollectionOp` on the GUI thread, announced with ``initiator``."""

    ERROR_TITLES: ClassVar[dict[str, str]] = {"answer": "Could not save the answer", "undo": "Could not undo"}

    def __init__(self, parent: QWidget | None, state: CollectionState, initiator: object | None = None):
        self._parent, self._state, self._initiator = parent, state, initiator

    @property
    def col(self) -> Collection:
        return self._state.col

    def run(self, kind: str, op: Callable[[Collection], T], on_success: Callable[[T], None], *,
            card_id: int | None = None) -> None:
        title = self.ERROR_TITLES.get(kind, "Could not complete the action")
        CollectionOp(self._parent, self._state, kind, op, card_id=card_id, initiator=self._initiator,
                     error_title=title).success(on_success).run()
