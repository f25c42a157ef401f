"""``make bench``: every benchmark, each printing ratios measured side by side in one run.

``python -m bench campaign_send chat_streaming`` (or ``make bench BENCH="..."``) runs only the
named ones, in the order given; that way also runs the studies ``make bench`` leaves out, which
take one of the benchmarks apart (``campaign_sql``: the database's share of a campaign;
``contacts_ceiling``: where an import's database time goes).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from bench import (
    auth_enumeration,
    campaign_send,
    campaign_sql,
    chat_streaming,
    contacts_ceiling,
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
STUDIES: dict[str, Callable[[], None]] = {
    "campaign_sql": campaign_sql.main,
    "contacts_ceiling": contacts_ceiling.main,
}


def main(argv: list[str] | None = None) -> int:
    names = sys.argv[1:] if argv is None else argv
    known = {**BENCHMARKS, **STUDIES}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(
            f"unknown benchmark: {', '.join(unknown)}; choose from {', '.join(known)}",
            file=sys.stderr,
        )
        return 2
    for name in names or BENCHMARKS:
        known[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
