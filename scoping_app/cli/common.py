"""What every command of the command line shares: its exit codes, a refusal in words, and
how numbers and JSON are printed."""

from __future__ import annotations

import json
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
