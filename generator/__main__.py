"""``python -m generator`` is the ``videoguide`` command."""

import sys

from .console import run

sys.exit(run())
