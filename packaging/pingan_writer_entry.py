"""Entry point of the frozen app (PyInstaller): one program that is the desktop app without
arguments or with a file to open, and the command line with a command (pingan_writer.cli.main
decides). Kept outside the package so PyInstaller analyses the package as an import, the way an
installed copy is laid out."""

import sys

from pingan_writer.cli import main

if __name__ == "__main__":
    sys.exit(main())
