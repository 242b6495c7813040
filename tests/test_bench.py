"""The benchmark's own arithmetic and config handling (scripts/bench.py), without running any build."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench
spec.loader.exec_module(bench)
Measure = bench.Measure


def test_the_stock_config_is_the_real_one_without_its_hooks():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    stock = bench.without_hooks(text)
    original, stripped = yaml.load(text, Loader=yaml.BaseLoader), yaml.load(stock, Loader=yaml.BaseLoader)
    assert "hooks" in original
    assert "hooks" not in stripped
    assert {key: value for key, value in original.items() if key != "hooks"} == stripped


def test_only_the_hooks_block_goes():
    text = "site_name: x\nhooks:\n  - a.py\n\n  - b.py\nnav:\n  - Home: index.md\n"
    assert bench.without_hooks(text) == "site_name: x\nnav:\n  - Home: index.md\n"


def line(target, figures):
    return bench.target_line(target, figures)


def test_a_faster_target_is_judged_on_wall_and_cpu():
    target = bench.Target(1, "ours", "≥1.2x faster than peer", "peer", True, 1.2, ("wall", "cpu"))
    figures = {(1, "ours"): Measure(10.0, 20.0, 100), (1, "peer"): Measure(9.0, 22.0, 200)}
    assert line(target, figures) == "1x, ours: ≥1.2x faster than peer: measured 0.90x wall, 1.10x CPU — missed"
    figures[1, "peer"] = Measure(12.0, 24.0, 200)
    assert line(target, figures).endswith("measured 1.20x wall, 1.20x CPU — met")
    figures[1, "peer"] = Measure(12.0, 23.0, 200)
    assert line(target, figures).endswith("— missed")  # CPU 1.15x: one metric short is a miss


def test_an_at_most_target_divides_the_other_way():
    target = bench.Target(20, "edit", "≤1/4 of the cold build", "cold", False, 0.25)
    assert line(target, {(20, "edit"): Measure(20.0), (20, "cold"): Measure(100.0)}).endswith("measured 0.20x wall — met")
    assert line(target, {(20, "edit"): Measure(30.0), (20, "cold"): Measure(100.0)}).endswith("measured 0.30x wall — missed")


def test_memory_and_missing_figures():
    memory = bench.Target(20, "ours", "peak memory under 1 GB", factor=1024)
    assert line(memory, {(20, "ours"): Measure(1.0, 1.0, 1023)}).endswith("measured 1023 MiB — met")
    assert line(memory, {(20, "ours"): Measure(1.0, 1.0, 1024)}).endswith("measured 1024 MiB — missed")
    peer = bench.Target(1, "ours", "≥1.5x faster than peer", "peer", True, 1.5, ("wall", "cpu"))
    assert line(peer, {(1, "ours"): Measure(1.0, 1.0, 1)}).endswith("not measured")  # run with --no-alternatives
    inside = bench.Target(1, "ours", "within 1.5x of the limit", "limit", False, 1.5, ("wall", "cpu"))
    assert line(inside, {(1, "ours"): Measure(1.0, 1.0), (1, "limit"): Measure(1.0)}).endswith("not measured")


def test_targets_follow_the_sizes_measured():
    one = bench.targets([1])
    assert {t.size for t in one} == {1}
    assert any(t.other == bench.STOCK for t in one)
    assert not any(t.other == bench.TO_PDF and not t.faster for t in one)
    both = bench.targets([1, 20])
    assert {(t.size, t.text) for t in both} >= {(20, "within 1.5x of print-site + Chromium"), (20, "peak memory under 1 GB")}


def test_medians_of_rounds_and_the_largest_peak():
    rounds = [Measure(3.0, 5.0, 100), Measure(1.0, 9.0, 300), Measure(2.0, 4.0, 200)]
    assert bench.median(rounds) == Measure(2.0, 5.0, 300)


def test_the_timed_edits_publish_with_a_notice():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert yaml.load(bench.with_lag_notices(text), Loader=yaml.BaseLoader)["extra"]["translation_lag"] == "notice"
    bare = "site_name: x\nextra:\n  language_root: ''\n"
    assert yaml.load(bench.with_lag_notices(bare), Loader=yaml.BaseLoader)["extra"]["translation_lag"] == "notice"


def test_the_cpu_of_orphaned_helpers_is_counted_and_waited_for(tmp_path):
    # Like Chromium's renderers: a process whose parent exits without waiting for it.
    busy = "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; touch done"
    measure = bench.run(["sh", "-c", f"sh -c '{busy}' & exit 0"], tmp_path)
    assert (tmp_path / "done").exists()
    assert measure.cpu > 0.01
    assert measure.wall >= measure.cpu * 0.5


def test_the_card_edit_changes_one_english_phrase_that_is_not_on_the_desk_sheet():
    text = (ROOT / "docs" / "phrases.yml").read_text(encoding="utf-8")
    before = yaml.safe_load(text)["cards"]
    after = yaml.safe_load(bench.card_phrase_replaced(text, "Benchmark marker 0 1."))["cards"]
    changed = [
        (c, p)
        for c in range(len(before))
        for p in range(len(before[c]["phrases"]))
        if before[c]["phrases"][p] != after[c]["phrases"][p]
    ]
    assert changed == [(0, 1)]
    assert after[0]["phrases"][1] == {**before[0]["phrases"][1], "en": "Benchmark marker 0 1."}
    assert not before[0]["phrases"][1].get("desk")
    assert {k: v for k, v in after[0].items() if k != "phrases"} == {k: v for k, v in before[0].items() if k != "phrases"}


def test_a_seconds_target_is_judged_on_the_median():
    assert bench.seconds_line("x", 1.0, [0.8, 1.4, 0.9]) == "x: ≤1 s: measured 0.90 s (median of 3) — met"
    assert bench.seconds_line("x", 2.0, [2.5, 1.0, 2.1]).endswith("measured 2.10 s (median of 3) — missed")
