"""Typeset in a second process, which loads WeasyPrint while this one reads the content.

Importing WeasyPrint takes about a second, mostly cffi parsing the C
declarations of Pango and HarfBuzz; reading, auditing and composing the report
(and drawing its charts, when they changed) takes a good part of that again.
On a machine with more than one core a cold ``build`` therefore forks a worker
at once: the worker imports WeasyPrint while this process runs the content
stages, then typesets the HTML it is sent and sends the PDF back.

The worker runs :func:`report_pdf.typeset.typeset` itself, so its output is the
same PDF, byte for byte, and its errors are the same :class:`InputError`. If it
dies, the parent typesets in-process. A warm process (watch, the tests) has
WeasyPrint imported already and does not start one.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sys
import tempfile
from typing import BinaryIO

from . import scratch
from .errors import ReportPdfError


def worth_starting() -> bool:
    """A worker pays off only with a spare core and WeasyPrint not yet imported."""
    return (hasattr(os, "fork") and (os.cpu_count() or 1) > 1
            and "weasyprint" not in sys.modules)


class TypesetWorker:
    """A forked process that imports WeasyPrint now and typesets on request.

    Called like :func:`report_pdf.typeset.typeset`; ``close`` ends it.
    """

    def __init__(self) -> None:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # or the child would print them again
            stream.flush()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(request_write)
            os.close(reply_read)
            _serve(os.fdopen(request_read, "rb"), os.fdopen(reply_write, "wb"))
        os.close(request_read)
        os.close(reply_write)
        self._requests: BinaryIO | None = os.fdopen(request_write, "wb")
        self._replies = os.fdopen(reply_read, "rb")
        self.answered = 0  # requests the worker itself typeset, well or with an error
        self.asked = False

    def __call__(self, *args, **kwargs):
        from .typeset import typeset

        if self._requests is None:  # the worker died earlier
            return typeset(*args, **kwargs)
        self.asked = True
        try:
            pickle.dump((args, kwargs), self._requests, pickle.HIGHEST_PROTOCOL)
            self._requests.flush()
            outcome, value = pickle.load(self._replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.close()
            return typeset(*args, **kwargs)
        if outcome == "crashed":  # a bug, not bad input: the same in-process shows it
            return typeset(*args, **kwargs)
        self.answered += 1
        if outcome == "error":
            raise value
        return value

    def close(self) -> None:
        if self._requests is None:
            return
        for stream in (self._requests, self._replies):
            try:
                stream.close()
            except OSError:
                pass
        self._requests = None
        if not self.asked:  # the build stopped before typesetting: no import to wait for
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass

    def __enter__(self) -> TypesetWorker:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def _serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The worker's life: import WeasyPrint, then answer requests until EOF."""
    status = 0
    # Whatever loading WeasyPrint might write in TMPDIR (ctypes' library lookup ran
    # a compiler on temporary files until typeset_loading answered it), in a folder
    # of this process: a worker killed while loading leaves nothing that the next
    # build does not remove (see .scratch).
    own = None
    try:
        own = tempfile.mkdtemp(prefix=scratch.prefix("worker"))
        tempfile.tempdir = os.environ["TMPDIR"] = own
        from .typeset import load_typesetter, typeset

        load_typesetter()
        while True:
            try:
                args, kwargs = pickle.load(requests)
            except EOFError:
                break
            try:
                reply = ("done", typeset(*args, **kwargs))
            except ReportPdfError as error:
                reply = ("error", error)
            except Exception as error:  # noqa: BLE001 - reported, then redone in-process
                reply = ("crashed", repr(error))
            pickle.dump(reply, replies, pickle.HIGHEST_PROTOCOL)
            replies.flush()
    except BaseException:  # Ctrl+C, a closed pipe: the parent carries on or stops
        status = 1
    finally:
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)
        os._exit(status)  # never the parent's exit handlers or buffered output
