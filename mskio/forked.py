"""Work on the machine's other core, in a child process forked at once: `Forked(work, *args)`.

The build forks its children (HermiT's, mskio.reason.ReasoningProcess; the citation exports';
the reviews' shards, mskio.shards) while it holds the data in memory and before it starts any
thread: a forked child starts with the parent's objects, copies only the pages it touches, needs
nothing pickled on the way in, and has an interpreter (and its lock) of its own. It sends back
only its answer, pickled, through a pipe; `result` waits for it.

What the child raises is raised by `result` (an exception that cannot be pickled becomes
ChildFailed with its text); a child that ends without an answer (killed, out of memory) is
ChildFailed too. Fork only where no other thread of this process can hold a lock the child needs:
the build forks before its own threads exist.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from mskio.errors import EnvironmentProblem

T = TypeVar("T")


class ChildFailed(EnvironmentProblem):
    """A forked child ended without an answer (killed, out of memory), or raised what cannot be sent back."""


class Forked(Generic[T]):
    """`work(*args)` in a child process forked now; `result()` its return value (or what it raised)."""

    def __init__(self, work: Callable[..., T], *args: Any, name: str, nice: int = 0) -> None:
        """Fork the child now; it runs `work(*args)` at `nice` (os.nice: a child whose answer is
        needed late yields the CPU to the build and to the children needed sooner)."""
        context = multiprocessing.get_context("fork")
        self._answers, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(work, args, sender, nice), name=name, daemon=True)
        self._process.start()
        sender.close()
        self._outcome: tuple[str, Any] | None = None

    def result(self) -> T:
        """The child's answer, waited for; what it raised; ChildFailed if it ended without one.
        The answer is handed over, not kept (it can be a corpus's lines): ask once."""
        if self._outcome is None:
            try:
                self._outcome = self._answers.recv()
            except EOFError:
                self._outcome = ("error", None)
            finally:
                self._answers.close()
                self._process.join()
        outcome, value = self._outcome
        if outcome == "answer":
            self._outcome = ("taken", None)
            return cast(T, value)
        if outcome == "taken":
            raise RuntimeError(f"the answer of {self._process.name} was already taken")
        if isinstance(value, BaseException):
            raise value
        code = self._process.exitcode
        how = (f"killed by signal {-code}" + (" (the kernel's out-of-memory killer sends SIGKILL)" if code == -9 else "")
               if code is not None and code < 0 else f"exit code {code}")
        raise ChildFailed(f"the child process {self._process.name} ended without an answer ({how})")

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._process.pid or 0

    def stop(self) -> None:
        """End the child now if it is still working (a build that failed needs no answer), and
        wait for it to end."""
        if self._outcome is None:
            if self._process.is_alive():
                self._process.kill()
            self._answers.close()
            self._process.join()
            self._outcome = ("error", None)


def _child(work: Callable[..., Any], args: tuple[Any, ...], sender: Any, nice: int) -> None:
    """The child: `work(*args)`, or the exception it raised, sent to the parent."""
    try:
        if nice:
            os.nice(nice)
        outcome: tuple[str, Any] = ("answer", work(*args))
    except BaseException as exc:  # sent to the parent, which raises it
        outcome = ("error", exc)
    try:
        sender.send(outcome)
    except Exception as exc:  # an answer or exception that cannot be pickled: its text
        sender.send(("error", ChildFailed(f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
    sender.close()
