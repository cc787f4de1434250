"""Progress of long work (`mskio build`), as the stages run.

The pipeline reports each stage it starts with `progress.stage(name)` and calls `progress.close()`
when it is done (or failed); it never prints. What the user sees is chosen by the command line:
a tqdm progress bar when stderr is a terminal (`for_stream`), one line per stage otherwise (a log,
CI), nothing in library use (`SILENT`, the default).

    progress = for_stream(sys.stderr, total=len(STAGES))
    try:
        progress.stage("parse")
        ...
        progress.stage("validate")
        ...
    finally:
        progress.close()
"""

from __future__ import annotations

import time
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    """What a long-running function reports to: the stage it starts, then the end."""

    def stage(self, name: str) -> None:
        """A stage named `name` starts now (the previous one, if any, has finished)."""

    def close(self) -> None:
        """The work is over (finished or failed); later calls are ignored."""


class Silent:
    """Reports nothing: the default for library calls and tests."""

    def stage(self, name: str) -> None:
        """Ignore the stage."""

    def close(self) -> None:
        """Nothing to close."""


SILENT: Progress = Silent()
"""The progress that reports nothing."""


class LineProgress:
    """One line per stage on `stream`, with the seconds since the work began:
    `mskio build: [ 3/12]  12.4 s  validate`. For logs and CI (stderr not a terminal)."""

    def __init__(self, stream: TextIO, *, total: int | None = None, prefix: str = "mskio build") -> None:
        self.stream = stream
        self.total = total
        self.prefix = prefix
        self.started = time.perf_counter()
        self.count = 0
        self.closed = False

    def stage(self, name: str) -> None:
        """Print the stage's line (flushed at once, so a slow stage shows where the time goes)."""
        if self.closed:
            return
        self.count += 1
        counter = f"[{self.count:>{len(str(self.total))}}/{self.total}] " if self.total else ""
        elapsed = time.perf_counter() - self.started
        print(f"{self.prefix}: {counter}{elapsed:6.1f} s  {name}", file=self.stream, flush=True)

    def close(self) -> None:
        """Stop reporting; the command prints its own summary."""
        self.closed = True


class BarProgress:
    """A tqdm progress bar on `stream` (a terminal): one step per stage, the current stage's name
    as the bar's description; the bar is removed when the work is over."""

    def __init__(self, stream: TextIO, *, total: int | None = None, prefix: str = "mskio build") -> None:
        from tqdm import tqdm  # only when a bar is shown

        self.bar: Any = tqdm(total=total, file=stream, desc=prefix, unit="stage", leave=False, dynamic_ncols=True,
                             bar_format="{desc}: {n_fmt}/{total_fmt} stages |{bar}| {elapsed}" if total else None)
        self.prefix = prefix
        self.count = 0
        self.closed = False

    def stage(self, name: str) -> None:
        """Advance the bar past the previous stage and show `name`."""
        if self.closed:
            return
        if self.count:
            self.bar.update(1)
        self.count += 1
        self.bar.set_description_str(f"{self.prefix}: {name}")

    def close(self) -> None:
        """Complete and remove the bar."""
        if self.closed:
            return
        self.closed = True
        if self.count:
            self.bar.update(1)
        self.bar.close()


def for_stream(stream: TextIO, *, total: int | None = None, prefix: str = "mskio build") -> Progress:
    """A progress bar when `stream` is a terminal, else one line per stage."""
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        return BarProgress(stream, total=total, prefix=prefix)
    return LineProgress(stream, total=total, prefix=prefix)
