import signal
import sys

from .cli import main


def _terminated(signum, frame):
    # SIGTERM (a service stopping, `kill`) ends a build as Ctrl+C does: files
    # already moved into the output folder are put back before the process ends.
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, _terminated)
sys.exit(main())
