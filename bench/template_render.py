"""Rendering a template for a campaign: prepared once and filled per recipient, against the
whole pipeline per recipient, side by side in one run.

Uses a catalog template with every kind of block, merge tags, click-tracking rewrites and an
open pixel, as a campaign would. Prints the time per message of each way, their ratio, and
what rendering 100,000 recipients costs in CPU time with the prepared template.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

RECIPIENTS = int(os.environ.get("BENCH_RENDER_RECIPIENTS", "20000"))
# The full pipeline is ~100x slower; fewer rounds give a stable median.
FULL_ROUNDS = int(os.environ.get("BENCH_RENDER_FULL_ROUNDS", "200"))
CAMPAIGN = 100_000


def main() -> None:
    from server.message_templates.catalog import CATALOG
    from server.message_templates.rendering import prepare_email, render_email

    entry = next(t for t in CATALOG if t["slug"] == "classic-newsletter")
    sections = [
        *entry["sections"][:-1],
        {"id": "extra", "type": "text",
         "markdown": "Hi {{ first_name | default(\"there\") }} at {{ email }}: "
                     "[your account](https://example.com/account?e={{ email }})"},
        entry["sections"][-1],
    ]  # fmt: skip
    address, sender, base = "1 Harbour Street\nBristol", "The Harbour Post", "https://app.example"

    def recipient(i: int) -> dict[str, str]:
        return {"first_name": f"Reader{i}", "email": f"reader{i}@example.com"}

    def rewrite(url: str) -> str:
        return f"https://app.example/t/c/token?u={url}"

    def per_message(fn: Callable[[int], object], rounds: int) -> float:
        samples = []
        for chunk in range(5):
            started = time.perf_counter()
            for i in range(chunk * rounds, (chunk + 1) * rounds):
                fn(i)
            samples.append((time.perf_counter() - started) / rounds)
        return statistics.median(samples)

    prepared_once_started = time.perf_counter()
    prepared = prepare_email(
        sections, postal_address=address, sender_name=sender, theme=entry["theme"], base_url=base
    )
    prepare_ms = (time.perf_counter() - prepared_once_started) * 1000

    def fill(i: int) -> object:
        return prepared.render(
            merge=recipient(i),
            unsubscribe_url=f"https://app.example/u/{i}",
            rewrite_link=rewrite,
            open_pixel_url=f"https://app.example/t/o/{i}",
        )

    def full(i: int) -> object:
        return render_email(
            sections,
            merge=recipient(i),
            unsubscribe_url=f"https://app.example/u/{i}",
            rewrite_link=rewrite,
            open_pixel_url=f"https://app.example/t/o/{i}",
            postal_address=address,
            sender_name=sender,
            theme=entry["theme"],
            base_url=base,
        )

    # The two ways must produce the same message.
    same = fill(7) == full(7)
    filled = per_message(fill, RECIPIENTS // 5)
    whole = per_message(full, FULL_ROUNDS // 5)
    print("template rendering (per recipient)")
    print(f"  prepare once:                {prepare_ms:8.2f} ms")
    print(f"  prepared, fill one recipient: {filled * 1e6:7.1f} us")
    print(f"  whole pipeline per recipient: {whole * 1e6:7.1f} us")
    print(f"  ratio whole / prepared:       {whole / filled:7.1f}x (identical output: {same})")
    print(
        f"  {CAMPAIGN:,} recipients: prepared {filled * CAMPAIGN:.1f} s CPU, "
        f"whole pipeline {whole * CAMPAIGN:.0f} s CPU"
    )


if __name__ == "__main__":
    main()
