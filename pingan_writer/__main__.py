"""`python -m pingan_writer` runs the same entry point as the `pingan-writer` script."""

import sys

from pingan_writer.cli import main

sys.exit(main())
