from __future__ import annotations

import re

from tests.bench.conftest import run_benchmark

SERVERS = (
    "bare ASGI hello (uvicorn)",
    "inkwell /healthz (uvicorn)",
    "inkwell /readyz db+redis (uvicorn)",
    "inkwell /healthz (hypercorn)",
)


def test_our_stack_is_compared_with_a_bare_asgi_app(db: None) -> None:
    out = run_benchmark("http_overhead", {"BENCH_SECONDS": "0.5", "BENCH_WARMUP_SECONDS": "0.25"})
    for name in SERVERS:
        found = re.search(
            rf"^{re.escape(name)} +(\d+) req/s .* errors (\d+)  HTTP (.*)$", out, re.MULTILINE
        )
        assert found is not None, out
        requests_per_second, errors, statuses = found.groups()
        assert int(requests_per_second) > 0, out
        assert errors == "0", out
        # Nothing but 200s: /readyz in particular was measured ready, not answering 503.
        assert re.fullmatch(r"200 x\d+", statuses), out
    assert len(re.findall(r"req/s +\d+\.\d\dx of bare", out)) == len(SERVERS) - 1, out
    assert re.search(r"uvicorn vs hypercorn on /healthz: \d+\.\d\dx req/s", out), out
