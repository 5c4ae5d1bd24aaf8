"""What every command of the command line shares: its exit codes, a refusal in words, and
how numbers and JSON are printed."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

USER_ERROR = 1
USAGE_ERROR = 2
# What a shell reports for a program whose reader went away (128 + SIGPIPE), as `yes | head` does.
CLOSED_PIPE = 141


class UserError(Exception):
    """Something the user can fix; printed as one line, no traceback, exit code 1."""


def plain_number(value: float) -> int | float:
    """A JSON number as people write it: 2100 rather than 2100.0, 23.5 as it is."""
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return float(value)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def as_of_day(text: str) -> date:
    """The day given to ``--as-of``, written YYYY-MM-DD; a clear refusal otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a day: write it as YYYY-MM-DD, for example 2027-01-15"
        ) from None


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """The ``--as-of`` option: the day the figures are computed on (default: today)."""
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=as_of_day,
        default=None,
        help="compute as on this day (default: today); work starts then unless the project "
        "has a start date",
    )
