import sys

from . import interrupt
from .cli import main
from .errors import EXIT_INTERRUPTED

interrupt.install()
try:
    status = main()
except KeyboardInterrupt:  # landed after main's own handlers had finished
    print("report_pdf: interrupted", file=sys.stderr)
    status = EXIT_INTERRUPTED
finally:
    interrupt.hold()
sys.exit(status)
