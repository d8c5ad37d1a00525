"""Where a command writes its report (or export): checked before any work, replaced only
when complete.

``ReportFolder.prepare(out)`` runs first: it makes a temporary folder where the new report
will be written (beside ``out`` when ``out`` does not exist yet, inside it when it does, so
the two are on one file system), which proves ``out`` can be written before minutes of
analysis are spent. Reports are written there; ``commit`` then moves them into place: a new
``out`` is one rename; into an existing one each of the report's entries (``report.json``,
``report.md``, ``report.html`` and, for ``digest``, ``stories/``) replaces the old one with one
rename, the JSON last. Anything else in ``out`` is left alone. A run that fails, reads
nothing or is interrupted never commits, and ``close`` removes the temporary folder: the report
that was there stays as it was. ``ExportFile`` does the same for one file (or stdout).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TextIO

import typer

from newsfuse.cli.common import EXIT_STORE, fail
from newsfuse.model import Report
from newsfuse.render import FILENAMES, write_report

STORIES = "stories"  # subfolder of --out for the stories after the largest (digest)


class ReportFolder:
    """The temporary folder a command writes its report(s) into, then moves into ``out``."""

    def __init__(self, out: Path, staging: Path, *, owned: tuple[str, ...]) -> None:
        self.out = out
        self.staging = staging
        self.owned = owned  # entries of ``out`` a new report replaces (removed if it lacks one)
        self._written: list[Path] = []

    @classmethod
    def prepare(cls, out: Path, *, owned: tuple[str, ...] = ()) -> ReportFolder:
        """Check that ``out`` can take a report and make the temporary folder, or exit with
        one line (status 3). Missing parent folders are created, as writing would."""
        try:
            if out.exists() and not out.is_dir():
                raise _Refused(f"{out} is a file, not a folder")
            if out.is_dir():
                staging = tempfile.mkdtemp(prefix=".newsfuse-", suffix=".tmp", dir=out)
            else:
                parent = out.absolute().parent
                blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
                if blocker is not None and not blocker.is_dir():
                    raise _Refused(f"{blocker} is not a folder")
                parent.mkdir(parents=True, exist_ok=True)
                staging = tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
        except _Refused as exc:
            raise _cannot_write(out, str(exc), started=False) from None
        except OSError as exc:
            raise _cannot_write(out, _reason(exc), started=False) from None
        return cls(out, Path(staging), owned=(*FILENAMES.values(), *owned))

    def write(self, report: Report, subfolder: str | None = None) -> None:
        """Render ``report`` into the temporary folder (``subfolder`` of it if given)."""
        target = self.staging / subfolder if subfolder else self.staging
        try:
            written = write_report(report, target)
        except OSError as exc:
            raise _cannot_write(self.out, _reason(exc), started=True) from None
        self._written += [self.out / p.relative_to(self.staging) for p in written.values()]

    def commit(self) -> list[Path]:
        """Move the written report into ``out``; the paths it now has there."""
        try:
            if not self.out.exists():
                self.staging.rename(self.out)
            else:
                self._replace_entries()
        except OSError as exc:
            raise _cannot_write(self.out, _reason(exc), started=True) from None
        return self._written

    def _replace_entries(self) -> None:
        old = self.staging / ".old"
        old.mkdir()
        # The JSON last: a reader that sees the new report.json sees the whole new report.
        ordered = sorted(self.owned, key=lambda name: name == FILENAMES["json"])
        for name in ordered:
            new, current = self.staging / name, self.out / name
            present = current.exists() or current.is_symlink()
            if present and (not new.exists() or new.is_dir() or current.is_dir()):
                current.rename(old / name)  # gone from the new report, or not one rename
            if new.exists():
                new.replace(current)  # a file over a file: one atomic rename

    def close(self) -> None:
        """Remove the temporary folder (after a commit, only what the old report left)."""
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> ReportFolder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _Refused(Exception):
    pass


def _cannot_write(
    out: Path, problem: str, *, started: bool, what: str = "the report"
) -> typer.Exit:
    """One line, exit status 3; once writing has begun, it says what was there is intact."""
    if not started:
        return fail(f"cannot write {what} to {out}: {problem}; give another --out", EXIT_STORE)
    return fail(
        f"cannot write {what} to {out}: {problem}; {out} is as it was; free some space"
        " or give another --out",
        EXIT_STORE,
    )


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class ExportFile:
    """Where ``export`` writes: stdout, or a file written as a temporary one beside it (made
    before any work, which checks the place) and renamed into place once complete."""

    def __init__(self, out: Path | None, stream: TextIO, temporary: Path | None) -> None:
        self.out = out
        self.stream = stream
        self._temporary = temporary

    @classmethod
    def prepare(cls, out: Path | None) -> ExportFile:
        if out is None:
            return cls(None, sys.stdout, None)
        try:
            if out.is_dir():
                raise _Refused(f"{out} is a folder")
            parent = out.absolute().parent
            blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
            if blocker is not None and not blocker.is_dir():
                raise _Refused(f"{blocker} is not a folder")
            parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
        except _Refused as exc:
            raise _cannot_write(out, str(exc), started=False, what="the export") from None
        except OSError as exc:
            raise _cannot_write(out, _reason(exc), started=False, what="the export") from None
        stream = open(handle, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed in close)
        return cls(out, stream, Path(name))

    def commit(self) -> None:
        if self._temporary is None or self.out is None:
            self.stream.flush()
            return
        try:
            self.stream.close()
            self._temporary.replace(self.out)
        except OSError as exc:
            raise _cannot_write(self.out, _reason(exc), started=True, what="the export") from None
        self._temporary = None

    def close(self) -> None:
        if self._temporary is not None:
            self.stream.close()
            self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> ExportFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
