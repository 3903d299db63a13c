"""The command line: a thin layer over the Python API.

Every user-facing failure is one line on stderr and a non-zero exit; tracebacks are for bugs,
and even those are reported in one line unless ``FABULA_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from fabula import __version__
from fabula.errors import FabulaError

COMMAND_MODULES = ("fabula.cli.analyze", "fabula.cli.evaluate", "fabula.cli.batch")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fabula", description="Narrative analysis for fiction: the story as data.")
    parser.add_argument("--version", action="version", version=f"fabula {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        try:
            importlib.import_module(module).register(sub)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except FabulaError as exc:
        print(f"fabula: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fabula: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("FABULA_DEBUG"):
            raise
        print(f"fabula: internal error: {type(exc).__name__}: {exc} (set FABULA_DEBUG=1 for details)", file=sys.stderr)
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
