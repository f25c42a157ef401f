"""``make bench``: every benchmark, each printing ratios measured side by side in one run."""

from __future__ import annotations

import sys

from bench import (
    auth_enumeration,
    chat_streaming,
    contacts_import,
    http_overhead,
    template_render,
)


def main() -> int:
    http_overhead.main()
    auth_enumeration.main()
    chat_streaming.main()
    contacts_import.main()
    template_render.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
