"""``make bench``: every benchmark, each printing ratios measured side by side in one run.

``python -m bench campaign_send chat_streaming`` (or ``make bench BENCH="..."``) runs only the
named ones, in the order given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from bench import (
    auth_enumeration,
    campaign_send,
    chat_streaming,
    contacts_import,
    http_overhead,
    template_render,
)

# The order ``make bench`` runs them in: the quick ones first, the long campaign run last.
BENCHMARKS: dict[str, Callable[[], None]] = {
    "http_overhead": http_overhead.main,
    "auth_enumeration": auth_enumeration.main,
    "chat_streaming": chat_streaming.main,
    "contacts_import": contacts_import.main,
    "template_render": template_render.main,
    "campaign_send": campaign_send.main,
}


def main(argv: list[str] | None = None) -> int:
    names = sys.argv[1:] if argv is None else argv
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(
            f"unknown benchmark: {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}",
            file=sys.stderr,
        )
        return 2
    for name in names or BENCHMARKS:
        BENCHMARKS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
