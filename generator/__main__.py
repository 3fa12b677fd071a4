"""``python -m generator`` is the ``videoguide`` command."""

import sys

from .cli import main

sys.exit(main())
