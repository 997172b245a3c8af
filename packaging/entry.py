"""The bundle's entry point: the same as the ``returns-desk`` command."""

import sys

from returns_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
