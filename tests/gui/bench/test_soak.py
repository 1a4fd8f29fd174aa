"""The flood the log cannot keep (issue 11): 4 clients write 64 KiB blocks into a server
entry shown in the real window; its log stays within its byte cap, drops the oldest rows,
says so in the status bar, and the process stays under the cap + 200 MiB of RSS."""

from gui.bench.proc import run_child


def test_a_flood_into_the_shown_window_stays_within_the_byte_cap() -> None:
    result = run_child("gui.bench.soak", ["--seconds", "2", "--clients", "4",
                                          "--byte-cap-mib", "16"], timeout=120)
    assert "error" not in result, result
    assert result["received_mib"] > 32  # the flood went well past the cap
    assert result["held_mib"] <= 16 and result["dropped"] > 0
    assert result["shown_rows"] == result["rows_held"] and result["followed_tail"]
    assert "oldest dropped" in result["status"]  # the count is refreshed twice a second
    assert result["rss_peak_mib"] < result["goal_mib"] == 16 + 200, result
