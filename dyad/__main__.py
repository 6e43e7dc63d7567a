"""`python -m dyad` runs the command line."""

import sys

from dyad.cli import main

sys.exit(main())
