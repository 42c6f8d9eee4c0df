"""One progress bar for every long command: count, percentage, rate, elapsed time and ETA, on stderr.

It shows only when stderr is a terminal (or ``TTY_COMPATIBLE=1`` / ``FORCE_COLOR`` say it may),
so pipes and CI logs stay clean, and it disappears when the work is done, leaving the
command's one-line summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Step = Callable[..., None]


def bar_visible() -> bool:
    """Whether a bar would show (Rich's reading of stderr and the environment); worth knowing before
    counting the articles for its total, which reads JSON Lines files once more."""
    from rich.console import Console

    return Console(stderr=True).is_terminal


@contextmanager
def progress_bar(label: str, total: int | None, unit: str, *, enabled: bool = True) -> Iterator[Step]:
    """Yield ``step(n=1, note="")``, to be called as work is done.

    >>> with progress_bar("export", 2, "graphs", enabled=False) as step:
    ...     step(); step(note="last")
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    show = enabled and console.is_terminal
    columns = (TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not show, transient=True) as bar:
        task = bar.add_task(label, total=total, rate="")
        started = time.monotonic()

        def step(n: int = 1, note: str = "") -> None:
            if not show:
                return
            done = bar.tasks[0].completed + n
            rate = done / max(time.monotonic() - started, 1e-6)
            bar.update(task, advance=n, rate=f"{rate:.1f} {unit}/s  {note}".rstrip())

        yield step
