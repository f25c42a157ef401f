from __future__ import annotations

import re

from tests.bench.conftest import run_benchmark

ROW = re.compile(
    r"^  (baseline: openai SDK direct|inkwell: REST \+ Socket\.IO) +.*? +(\d+) +(\d+)$", re.M
)


def test_streaming_through_our_stack_is_compared_with_the_provider_direct(db: None) -> None:
    # N=2 runs both shapes, the burst and the steady load; a fast fake keeps replies short.
    out = run_benchmark(
        "chat_streaming",
        {
            "BENCH_STREAMS": "2",
            "BENCH_STREAM_SAMPLES": "2",
            "BENCH_FIRST_TOKEN_MS": "10",
            "BENCH_TOKEN_MS": "5",
        },
    )
    assert "N=2 concurrent streams, all sent at once, x 1 round(s)" in out, out
    assert "N=2 concurrent streams, steady:" in out, out
    assert "sends 3 messages back to back (the first unmeasured)" in out, out
    # (side, replies measured, replies failed) per block: the burst's one round of two, then
    # the steady load's two measured messages per stream.
    assert ROW.findall(out) == [
        ("baseline: openai SDK direct", "2", "0"),
        ("inkwell: REST + Socket.IO", "2", "0"),
        ("baseline: openai SDK direct", "4", "0"),
        ("inkwell: REST + Socket.IO", "4", "0"),
    ], out
    # A percentile or a CPU figure with nothing behind it prints as nan: every provider token
    # was matched to its arrival, and the processes' CPU was read.
    assert not re.search(r"\bnan\b", out), out
    assert "failed" not in out, out
    assert out.count("our chat:token batches held") == 2, out
    for measure in ("TTFT", "inter-arrival gap", "per-token lag"):
        goal = rf"^  added: {measure} .* goal <= 5/25 ms: (met|NOT met)$"
        assert len(re.findall(goal, out, re.M)) == 2, out
