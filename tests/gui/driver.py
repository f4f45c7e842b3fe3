"""Drives the real desktop app in its own process, for tests that must kill it
(tests/gui/test_recovery_process.py). The product has no test hooks: this script starts it
through pingan_writer.gui.app.run and wraps the app's own start-up steps in this process only.

    python tests/gui/driver.py type TEXT   first run, then TEXT typed as a user would; prints
                                           AUTOSAVED after each autosave (then waits to be killed)
    python tests/gui/driver.py recover     accepts the first recovery offer; prints
                                           OFFERED:<count> and RECOVERED:<draft text, \\n escaped>

Markers go to stdout, one a line, flushed at once."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def say(marker: str) -> None:
    print(marker, flush=True)


def type_after_first_run(text: str) -> None:
    from pingan_writer.gui import app

    sys.path.insert(0, str(ROOT))  # run as a script: make the tests package importable
    from tests.gui.typing_helpers import type_text

    first_run = app.first_run

    def typing(window) -> None:
        window.session.autosaved.connect(lambda: say("AUTOSAVED"))
        window.editor.setFocus()
        cursor = window.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        window.editor.setTextCursor(cursor)
        type_text(window.editor, text)
        say("TYPED")

    def first_run_then_type(window, then=None) -> None:
        first_run(window, then=lambda: typing(window))

    app.first_run = first_run_then_type


def accept_recovery() -> None:
    from pingan_writer.gui import app
    from pingan_writer.gui.dialogs import reports

    offer_recovery = app.offer_recovery

    def ask_recovery(_parent, rows) -> int:
        say(f"OFFERED:{len(rows)}")
        return 0  # the first (newest) copy, as a user clicking 恢复 would

    def offer_and_report(window) -> bool:
        recovered = offer_recovery(window)
        if recovered:
            say("RECOVERED:" + window.editor.toPlainText().replace("\n", "\\n"))
        else:
            say("NOTHING-RECOVERED")
        return recovered

    reports.ask_recovery = ask_recovery
    app.offer_recovery = offer_and_report


def main(argv: list[str]) -> int:
    from pingan_writer.gui import app

    if argv[:1] == ["type"] and len(argv) == 2:
        type_after_first_run(argv[1])
    elif argv == ["recover"]:
        accept_recovery()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return app.run([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
