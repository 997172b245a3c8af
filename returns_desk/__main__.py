"""``python -m returns_desk`` is the same as the ``returns-desk`` command."""

import sys

from returns_desk.cli import main

sys.exit(main())
