"""mskio.forked: work in a forked child process, its answer or its exception sent back."""

from __future__ import annotations

import os
import signal
import time

import pytest

from mskio.errors import EnvironmentProblem, InputError
from mskio.forked import ChildFailed, Forked


def _pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def test_the_answer_comes_from_another_process() -> None:
    job = Forked(_pid_and_sum, [1, 2, 3, 4], name="test-sum")
    pid, total = job.result()
    assert total == 10 and pid == job.pid and pid != os.getpid()
    with pytest.raises(RuntimeError, match="already taken"):  # handed over, not kept
        job.result()


def _raise_input_error(path: str) -> None:
    raise InputError("a bad line", path=path, line=7)


def test_what_the_child_raises_is_raised_by_result() -> None:
    job = Forked(_raise_input_error, "review.txt", name="test-raise")
    with pytest.raises(InputError, match="a bad line"):
        job.result()


class _Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickle remakes it with one argument: fails
        super().__init__(f"{a} and {b}")

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("not picklable")


def _raise_unpicklable() -> None:
    raise _Unpicklable(1, 2)


def test_an_exception_that_cannot_be_sent_becomes_child_failed() -> None:
    with pytest.raises(ChildFailed, match="_Unpicklable: 1 and 2"):
        Forked(_raise_unpicklable, name="test-unpicklable").result()


def _sleep() -> None:
    time.sleep(60)


def test_a_killed_child_is_child_failed_an_environment_problem() -> None:
    job = Forked(_sleep, name="test-killed")
    os.kill(job.pid, signal.SIGKILL)
    with pytest.raises(ChildFailed, match=r"test-killed ended without an answer \(killed by signal 9 \(the "
                                          "kernel's out-of-memory killer sends SIGKILL\)\)") as caught:
        job.result()
    assert isinstance(caught.value, EnvironmentProblem) and caught.value.exit_code == 3
    job.stop()  # stopping a child that has ended does nothing


def test_stop_ends_a_working_child() -> None:
    import multiprocessing

    job = Forked(_sleep, name="test-stopped")
    job.stop()
    assert multiprocessing.active_children() == []
    with pytest.raises(ChildFailed, match="test-stopped ended without an answer"):
        job.result()
