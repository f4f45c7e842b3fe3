"""Command line: the app's capabilities for scripts and tests.

Exit codes: 0 success; 2 bad input or usage (one line on stderr per problem, naming the file
and the problem; nothing written); 1 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pingan_writer import __version__
from pingan_writer.cli import draft_cmds, export_cmds, library_cmds, source_cmds
from pingan_writer.cli.common import EXIT_BAD_INPUT, PROG, add_library_option
from pingan_writer.errors import PinganError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="平安写作：读原文、看结构、准确引用、按时长成稿、导出公文格式 Word。"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_library_option(parser, on_main=True)
    sub = parser.add_subparsers(dest="command", metavar="命令")
    source_cmds.register(sub)
    library_cmds.register(sub)
    draft_cmds.register(sub)
    export_cmds.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return handler(args)
    except PinganError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"{PROG}: 已取消", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
