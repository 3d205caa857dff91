import sys

from . import interrupt
from .cli import main

interrupt.install()
sys.exit(main())
