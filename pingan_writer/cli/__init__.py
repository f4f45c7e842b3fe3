"""Command line: the app's capabilities for scripts and tests.

Exit codes: 0 success; 2 bad input or usage (one line on stderr per problem, naming the file
and the problem; nothing written); 1 an unexpected internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pingan_writer import __version__
from pingan_writer.errors import PinganError

PROG = "pingan-writer"
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    from pingan_writer.cli import draft_cmds, export_cmds, library_cmds, source_cmds, timing_cmds
    from pingan_writer.cli.common import add_library_option
    from pingan_writer.cli.parser import ChineseArgumentParser

    parser = ChineseArgumentParser(
        prog=PROG, description="平安写作：读原文、看结构、准确引用、按时长成稿、导出公文格式 Word。"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_library_option(parser, on_main=True)
    sub = parser.add_subparsers(dest="command", metavar="命令")
    gui = sub.add_parser("gui", help="打开桌面程序（不带命令或只给文件时也会打开）")
    gui.add_argument(
        "file", nargs="*", metavar="FILE", help="要打开的文件：.pingan 稿件打开为当前稿件，其他格式导入为原文"
    )
    gui.set_defaults(handler=cmd_gui)
    source_cmds.register(sub)
    library_cmds.register(sub)
    draft_cmds.register(sub)
    export_cmds.register(sub)
    timing_cmds.register(sub)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    from pingan_writer.gui.app import run  # Qt is imported only when the window is wanted

    return run(list(args.file or []))


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    """The subcommands `parser` knows (outline, export, gui …)."""
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def names_files(args: Sequence[str], commands: set[str]) -> bool:
    """True when the command line is files to open, not a command: what a file manager runs for
    a double-clicked draft or 打开方式 (`pingan-writer /path/a.pingan b.docx`). The first word
    must be neither an option nor a command, and name a file or folder that exists or one with a
    suffix the app opens (a missing draft then gets the window's message, not a usage error);
    anything else, a mistyped command say, is left to the parser's error."""
    first = args[0]
    if first.startswith("-") or first in commands:
        return False
    from pingan_writer.sources import SUPPORTED_SUFFIXES

    path = Path(first)
    return path.exists() or path.suffix.lower() in {".pingan", *SUPPORTED_SUFFIXES}


def main(argv: Sequence[str] | None = None) -> int:
    args_given = list(sys.argv[1:] if argv is None else argv)
    if not args_given:  # the desktop app: no need to build the parser (or import the commands)
        return cmd_gui(argparse.Namespace(file=[]))
    parser = build_parser()
    if names_files(args_given, command_names(parser)):
        return cmd_gui(argparse.Namespace(file=args_given))
    args = parser.parse_args(args_given)
    handler = getattr(args, "handler", None)
    if handler is None:
        return cmd_gui(argparse.Namespace(file=[]))
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
