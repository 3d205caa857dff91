"""Ctrl+C and SIGTERM, remembered.

The signal raises KeyboardInterrupt where the build happens to be; but when
that is inside the import of an extension module, the import fails with an
ImportError instead, which a library may take for a missing optional part and
carry on. So the request is also remembered, and the build looks at it before
it publishes anything.
"""

from __future__ import annotations

import signal
import sys

_requested = False


def install() -> None:
    """Stop on Ctrl+C and on SIGTERM (a service stopping, ``kill``) alike."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    sys.unraisablehook = _quiet_about_interruptions(sys.unraisablehook)


def _quiet_about_interruptions(hook):
    """Python cannot raise from a finaliser (a file closed by the garbage
    collector, say): a signal that lands there would be printed as a traceback
    and dropped. It is remembered instead, and the build stops at its next look."""
    def report(unraisable) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            hook(unraisable)
    return report


def hold() -> None:
    """Ignore Ctrl+C and SIGTERM for the rest of the process: its work is done.
    A stop landing now would only cut Python's own shutdown short: an atexit
    callback would print the interruption as a traceback, and once Python has
    given the signals back their default action a SIGTERM would end the process
    as killed, though its output is whole. Ignored (not merely blocked in this
    thread: numpy's BLAS threads would take the signal), it is moot; Python
    leaves an ignored signal ignored while it shuts down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def requested() -> bool:
    return _requested


def handled() -> None:
    """The interruption did what it was for (Ctrl+C is how ``watch`` ends)."""
    global _requested
    _requested = False


def stop_if_requested() -> None:
    if _requested:
        raise KeyboardInterrupt


def _stop(signum, frame) -> None:
    global _requested
    _requested = True
    raise KeyboardInterrupt
