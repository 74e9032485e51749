"""articlekit benchmark: one command, one run, every number of docs/performance.md.

    .venv/bin/python benchmarks/run.py                 # full run (1 GB corpus for the RSS test)
    .venv/bin/python benchmarks/run.py --rss-mb 50     # a small version, for CI or a laptop
    .venv/bin/python benchmarks/run.py --rss-seconds 600   # stop the RSS run after 10 minutes
    .venv/bin/python benchmarks/run.py --skip-rss --rounds 3
    .venv/bin/python benchmarks/run.py --unstructured-python /tmp/bench-venv/bin/python

What it measures, on real article texts (``../shared/eval/dev/*.jsonl``, both renderings
``text`` and ``text_compact``, clean and corrupted files):

1. ``articlekit.parse`` against a floor (``splitlines``, one compiled ``re`` word-count pass,
   one small dataclass per non-blank line, i.e. per block in either rendering), against
   ``ftfy.fix_text`` (defaults) and, when it can run, ``unstructured.partition_text`` on a
   subset (``--unstructured-python`` points at an interpreter that has it). Contenders run
   interleaved, round after round; each number is the median of the rounds. Ratios are
   contender time / floor time.
2. Scaling: one document of 1 KB, 10 KB, 100 KB, 1 MB and 10 MB, built by concatenating real
   texts; seconds per MB should stay flat if parse is linear.
3. Peak memory of ``articlekit corpus --workers 2`` over a generated JSONL corpus (``--rss-mb``,
   default 1024): the sum of RSS (and of PSS, which counts shared pages once) over the process
   tree, polled from /proc.

Nothing here is a unit test: timing belongs to this script, never to the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev"
SCRATCH = ROOT / "benchmarks" / ".data"

TARGET_CLEAN_RATIO = 4.0
TARGET_CORRUPTED_RATIO = 10.0
TARGET_ONE_MB_SECONDS = 0.3
TARGET_RSS_MB = 200.0

# --------------------------------------------------------------------------------------------
# The floor: the least work any structured parser must do.

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class FloorBlock:
    text: str
    line: int
    words: int


def floor_parse(text: str) -> list[FloorBlock]:
    """Split lines; each non-blank line is a block: count its words with one compiled regex."""
    return [
        FloorBlock(line, number, len(_WORD.findall(line)))
        for number, line in enumerate(text.splitlines())
        if line.strip()
    ]


# --------------------------------------------------------------------------------------------
# Data


def load_texts(data: Path) -> dict[str, list[str]]:
    """Return {"clean": [...], "corrupted": [...]}, both renderings of every article."""
    sets: dict[str, list[str]] = {}
    for name in ("clean", "corrupted"):
        path = data / f"{name}.jsonl"
        texts: list[str] = []
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                texts.extend(record[key] for key in ("text", "text_compact") if key in record)
        sets[name] = texts
    return sets


def megabytes(texts: Sequence[str]) -> float:
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


# --------------------------------------------------------------------------------------------
# 1. parse vs floor vs ftfy vs unstructured


# CPU time of this process by default: on a shared machine, wall time also counts the time
# spent waiting for a core. ``--clock wall`` switches to wall time.
CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}
_clock = CLOCKS["cpu"]


def _time_once(function: Callable[[str], Any], texts: Sequence[str]) -> float:
    started = _clock()
    for text in texts:
        function(text)
    return _clock() - started


def _unstructured() -> tuple[Callable[[str], Any] | None, str]:
    try:
        from unstructured.partition.text import partition_text
    except ImportError as error:
        return None, f"not importable here ({error.name or error})"
    try:
        partition_text(text="A Title\n\nA first paragraph of text, with a sentence.\n")
    except Exception as error:  # it fetches NLTK data on first use, which needs a network
        message = " ".join(str(error).split())
        if "download" in message.lower():
            message = message.split(" from ")[0] + " at first use, and there is no network here"
        return None, f"{type(error).__name__}: {message[:200]}"
    return lambda text: partition_text(text=text), ""


def unstructured_worker(path: Path, rounds: int) -> int:
    """``--unstructured-worker``: time partition_text in this interpreter, print JSON."""
    texts = json.loads(path.read_text(encoding="utf-8"))
    function, why = _unstructured()
    result: dict[str, Any] = {"why": why}
    if function is not None:
        result["times"] = [_time_once(function, texts) for _ in range(rounds)]
        result["floor_times"] = [_time_once(floor_parse, texts) for _ in range(rounds)]
    print(json.dumps(result))
    return 0


def _clock_name() -> str:
    return next(name for name, clock in CLOCKS.items() if clock is _clock)


def _unstructured_elsewhere(python: str, subset: Sequence[str], rounds: int) -> dict[str, Any]:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    path = SCRATCH / "unstructured-subset.json"
    path.write_text(json.dumps(list(subset)), encoding="utf-8")
    command = [python, str(Path(__file__).resolve()), "--unstructured-worker", str(path)]
    command += ["--rounds", str(rounds), "--clock", _clock_name()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode != 0:
        tail = " ".join(done.stderr.split())[-160:]
        return {"why": f"{python} failed ({tail})"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["why"] = f"in {python}: {result['why']}" if result["why"] else ""
    return result


def bench_throughput(
    sets: dict[str, list[str]], rounds: int, unstructured_python: str | None
) -> list[dict[str, Any]]:
    import ftfy

    import articlekit

    contenders: dict[str, Callable[[str], Any]] = {
        "floor": floor_parse,
        "articlekit.parse": articlekit.parse,
        "ftfy.fix_text": ftfy.fix_text,
    }
    unstructured, why = _unstructured()
    rows: list[dict[str, Any]] = []
    for set_name, texts in sets.items():
        for name, function in contenders.items():  # warm-up: imports, regex caches
            function(texts[0])
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for round_number in range(rounds):
            order = list(contenders)
            shift = round_number % len(order)
            for name in order[shift:] + order[:shift]:  # interleaved, rotated each round
                times[name].append(_time_once(contenders[name], texts))
        size = megabytes(texts)
        floor = statistics.median(times["floor"])
        for name in contenders:
            seconds = statistics.median(times[name])
            rows.append(
                {
                    "set": set_name,
                    "contender": name,
                    "docs": len(texts),
                    "seconds": seconds,
                    "docs_per_s": len(texts) / seconds,
                    "mb_per_s": size / seconds,
                    "x_floor": seconds / floor,
                }
            )
        subset = texts[:: max(1, len(texts) // 12)]
        sub_rounds = max(1, rounds // 2)
        measured: dict[str, Any] = {"why": why}
        if unstructured is not None:
            measured["times"] = [_time_once(unstructured, subset) for _ in range(sub_rounds)]
            measured["floor_times"] = [_time_once(floor_parse, subset) for _ in range(sub_rounds)]
        elif unstructured_python:
            measured = _unstructured_elsewhere(unstructured_python, subset, sub_rounds)
        if "times" in measured:
            seconds = statistics.median(measured["times"])
            rows.append(
                {
                    "set": set_name,
                    "contender": f"unstructured (subset of {len(subset)})",
                    "docs": len(subset),
                    "seconds": seconds,
                    "docs_per_s": len(subset) / seconds,
                    "mb_per_s": megabytes(subset) / seconds,
                    "x_floor": seconds / statistics.median(measured["floor_times"]),
                }
            )
        else:
            note = f"not measured: {measured['why']}"
            rows.append({"set": set_name, "contender": "unstructured", "note": note})
    return rows


# --------------------------------------------------------------------------------------------
# 2. scaling


SIZES = (("1 KB", 1_000), ("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000))
BIG = ("10 MB", 10_000_000)


def build_document(texts: Sequence[str], size: int) -> str:
    """Concatenate real texts (blank line between) to ``size`` characters, cut at a line end."""
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        text = texts[index % len(texts)]
        parts.append(text)
        total += len(text) + 2
        index += 1
    document = "\n\n".join(parts)[:size]
    cut = document.rfind("\n")
    return document[:cut] if cut > size // 2 else document


def bench_scaling(texts: Sequence[str], rounds: int, skip_big: bool) -> list[dict[str, Any]]:
    import articlekit

    options = articlekit.Options(max_chars=50_000_000)
    rows = []
    for label, size in (*SIZES, *(() if skip_big else (BIG,))):
        document = build_document(texts, size)
        repeat = max(1, min(200, 200_000 // size))
        count = rounds if size < 5_000_000 else max(1, min(rounds, 3))
        samples = []
        floor_samples = []
        for _ in range(count):
            samples.append(
                _time_once(lambda t: articlekit.parse(t, options=options), [document] * repeat)
                / repeat
            )
            floor_samples.append(_time_once(floor_parse, [document] * repeat) / repeat)
            if samples[-1] > 20:  # one sample of a slow 10 MB run is all the time we give it
                break
        seconds = statistics.median(samples)
        mb = len(document.encode("utf-8")) / 1e6
        rows.append(
            {
                "size": label,
                "mb": mb,
                "seconds": seconds,
                "s_per_mb": seconds / mb,
                "floor_s_per_mb": statistics.median(floor_samples) / mb,
            }
        )
    return rows


# --------------------------------------------------------------------------------------------
# 3. peak memory of `articlekit corpus --workers 2`


def generate_corpus(path: Path, texts: Sequence[str], megabytes_wanted: int) -> int:
    """Write a JSONL corpus of about ``megabytes_wanted`` MB from real texts; return records."""
    target = megabytes_wanted * 1_000_000
    if path.exists() and path.stat().st_size >= target:
        with path.open("rb") as stream:
            return sum(1 for _ in stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        while written < target:
            text = texts[count % len(texts)]
            line = json.dumps({"id": f"doc-{count}", "text": text}, ensure_ascii=False) + "\n"
            stream.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as stream:
                found.extend(int(child) for child in stream.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def tree_memory(root: int) -> tuple[int, int, int, int]:
    """Return (sum RSS kB, sum PSS kB, largest RSS kB, processes) over ``root`` and descendants."""
    seen: list[int] = []
    stack = [root]
    while stack:
        pid = stack.pop()
        seen.append(pid)
        stack.extend(_children(pid))
    totals = [_memory_kb(pid) for pid in seen]
    return (
        sum(rss for rss, _ in totals),
        sum(pss for _, pss in totals),
        max((rss for rss, _ in totals), default=0),
        len(seen),
    )


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as stream:
        return sum(1 for line in stream if line.endswith(b"\n"))


def bench_rss(
    texts: Sequence[str], size_mb: int, workers: int, budget_seconds: float
) -> dict[str, Any]:
    """Run ``articlekit corpus`` over a generated corpus, polling the memory of its tree.

    With a time budget, the run is interrupted (SIGINT, as Ctrl-C) when the budget is spent;
    the report then says how much of the corpus was done, and the output is checked to be
    valid JSONL up to its last line (the promise of an interrupted run).
    """
    corpus = SCRATCH / f"corpus-{size_mb}MB.jsonl"
    records = generate_corpus(corpus, texts, size_mb)
    output = SCRATCH / "corpus-out.jsonl"
    summary = SCRATCH / "corpus-summary.json"
    output.unlink(missing_ok=True)
    summary.unlink(missing_ok=True)
    command = [sys.executable, "-m", "articlekit.cli", "corpus", str(corpus), "-o", str(output)]
    command += ["--workers", str(workers), "--quiet", "--summary-json", str(summary)]
    samples: list[tuple[float, int, int, int, int]] = []
    started = time.perf_counter()
    # A shell's background job inherits SIGINT ignored; give the command a working Ctrl-C.
    process = subprocess.Popen(
        command, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    )
    interrupted = False
    while process.poll() is None:
        elapsed = time.perf_counter() - started
        samples.append((elapsed, *tree_memory(process.pid)))
        if budget_seconds and elapsed > budget_seconds and not interrupted:
            process.send_signal(signal.SIGINT)
            interrupted = True
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    done = _count_lines(output)
    valid = True
    with output.open("rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break  # a partial last line (killed while writing) is what --resume trims
            try:
                json.loads(line)
            except ValueError:
                valid = False
    out_mb = output.stat().st_size / 1e6 if output.exists() else 0.0
    output.unlink(missing_ok=True)
    input_mb = corpus.stat().st_size / 1e6
    done_mb = input_mb * done / max(1, records)
    half = seconds / 2
    first = [sample[1] for sample in samples if sample[0] <= half] or [0]
    second = [sample[1] for sample in samples if sample[0] > half] or [0]
    return {
        "input_mb": input_mb,
        "records": records,
        "records_done": done,
        "done_mb": done_mb,
        "interrupted_after_s": budget_seconds if interrupted else None,
        "output_mb": out_mb,
        "output_valid_jsonl": valid,
        "seconds": seconds,
        "exit": process.returncode,
        "peak_rss_mb": max(sample[1] for sample in samples) / 1024 if samples else 0.0,
        "peak_rss_first_half_mb": max(first) / 1024,
        "peak_rss_second_half_mb": max(second) / 1024,
        "peak_pss_mb": max((sample[2] for sample in samples), default=0) / 1024,
        "largest_process_rss_mb": max((sample[3] for sample in samples), default=0) / 1024,
        "processes": max((sample[4] for sample in samples), default=0),
        "mb_per_s": done_mb / seconds,
    }


# --------------------------------------------------------------------------------------------
# Report


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as stream:
            for line in stream:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(
    throughput: list[dict[str, Any]],
    scaling: list[dict[str, Any]],
    rss: dict[str, Any] | None,
    rounds: int,
) -> str:
    import articlekit

    lines = [
        f"articlekit {articlekit.__version__} benchmark, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"machine: {_machine()}",
        f"median of {rounds} interleaved rounds; clock: "
        + (
            "CPU time of the benchmark process (time.process_time)"
            if _clock_name() == "cpu"
            else "wall time"
        ),
        "",
        "## Throughput (both renderings of every article)",
        "",
        "| set | contender | docs | docs/s | MB/s | × floor |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in throughput:
        if "note" in row:
            lines.append(f"| {row['set']} | {row['contender']} | | | | {row['note']} |")
            continue
        lines.append(
            f"| {row['set']} | {row['contender']} | {row['docs']} | {row['docs_per_s']:,.1f} "
            f"| {row['mb_per_s']:,.2f} | {row['x_floor']:,.1f} |"
        )
    lines += ["", "## Scaling (one document)", ""]
    lines += ["| size | seconds | s per MB | floor s per MB |", "|---|---:|---:|---:|"]
    for row in scaling:
        lines.append(
            f"| {row['size']} | {row['seconds']:.4f} | {row['s_per_mb']:.3f} "
            f"| {row['floor_s_per_mb']:.4f} |"
        )
    if rss is not None:
        lines += ["", "## articlekit corpus --workers 2", ""]
        stopped = (
            f"interrupted (SIGINT) after the {rss['interrupted_after_s']:g} s budget, "
            if rss["interrupted_after_s"]
            else ""
        )
        lines += [
            f"input {rss['input_mb']:,.0f} MB ({rss['records']:,} records): {stopped}"
            f"{rss['records_done']:,} records ({rss['done_mb']:,.1f} MB) done in "
            f"{rss['seconds']:,.1f} s ({rss['mb_per_s']:.2f} MB/s), exit {rss['exit']}, output "
            f"{rss['output_mb']:,.0f} MB, every complete line valid JSON: "
            f"{rss['output_valid_jsonl']}",
            f"peak RSS of the process tree (sum): {rss['peak_rss_mb']:,.1f} MB "
            f"(first half of the run {rss['peak_rss_first_half_mb']:,.1f} MB, second half "
            f"{rss['peak_rss_second_half_mb']:,.1f} MB); PSS (shared pages counted once): "
            f"{rss['peak_pss_mb']:,.1f} MB; largest process: "
            f"{rss['largest_process_rss_mb']:,.1f} MB; processes: {rss['processes']}",
        ]
    ratio = {
        row["set"]: row["x_floor"] for row in throughput if row["contender"] == "articlekit.parse"
    }
    one_mb = next((row["seconds"] for row in scaling if row["size"] == "1 MB"), None)
    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---:|---|"]
    if "clean" in ratio:
        lines.append(
            f"| parse <= {TARGET_CLEAN_RATIO:g}x floor, clean | {ratio['clean']:.1f}x "
            f"| {_verdict(ratio['clean'] <= TARGET_CLEAN_RATIO)} |"
        )
    if "corrupted" in ratio:
        lines.append(
            f"| parse <= {TARGET_CORRUPTED_RATIO:g}x floor, corrupted | {ratio['corrupted']:.1f}x "
            f"| {_verdict(ratio['corrupted'] <= TARGET_CORRUPTED_RATIO)} |"
        )
    if one_mb is not None:
        lines.append(
            f"| 1 MB document < {TARGET_ONE_MB_SECONDS} s | {one_mb:.3f} s "
            f"| {_verdict(one_mb < TARGET_ONE_MB_SECONDS)} |"
        )
    if rss is not None:
        lines.append(
            f"| corpus peak RSS < {TARGET_RSS_MB:g} MB ({rss['done_mb']:,.0f} of "
            f"{rss['input_mb']:,.0f} MB done) "
            f"| {rss['peak_rss_mb']:,.1f} MB | {_verdict(rss['peak_rss_mb'] < TARGET_RSS_MB)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of *.jsonl")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (median)")
    parser.add_argument("--rss-mb", type=int, default=1024, help="size of the RSS corpus, MB")
    parser.add_argument("--workers", type=int, default=2, help="workers for the RSS run")
    parser.add_argument(
        "--rss-seconds",
        type=float,
        default=0,
        help="interrupt the RSS run after this many seconds (0: run to the end)",
    )
    parser.add_argument("--skip-rss", action="store_true", help="skip the corpus RSS run")
    parser.add_argument("--only-rss", action="store_true", help="run only the corpus RSS run")
    parser.add_argument("--skip-10mb", action="store_true", help="skip the 10 MB document")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument(
        "--unstructured-python",
        help="an interpreter with unstructured installed, when it is not importable here",
    )
    parser.add_argument("--unstructured-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="cpu", help="cpu (default) or wall time"
    )
    args = parser.parse_args(argv)
    global _clock
    _clock = CLOCKS[args.clock]
    if args.unstructured_worker:
        return unstructured_worker(args.unstructured_worker, args.rounds)
    missing = [
        name for name in ("clean", "corrupted") if not (args.data / f"{name}.jsonl").exists()
    ]
    if missing:
        print(
            f"benchmark: no real articles at {args.data} (missing {', '.join(missing)}.jsonl); "
            "pass --data DIR with clean.jsonl and corrupted.jsonl (fields text, text_compact)",
            file=sys.stderr,
        )
        return 2
    sets = load_texts(args.data)
    all_texts = sets["clean"] + sets["corrupted"]
    print(f"corpus: {len(all_texts)} texts, {megabytes(all_texts):.2f} MB", file=sys.stderr)
    throughput: list[dict[str, Any]] = []
    scaling: list[dict[str, Any]] = []
    if not args.only_rss:
        throughput = bench_throughput(sets, args.rounds, args.unstructured_python)
        print("throughput done", file=sys.stderr)
        scaling = bench_scaling(all_texts, args.rounds, args.skip_10mb)
        print("scaling done", file=sys.stderr)
    rss = (
        None if args.skip_rss else bench_rss(all_texts, args.rss_mb, args.workers, args.rss_seconds)
    )
    text = report(throughput, scaling, rss, args.rounds)
    print(text)
    if args.json:
        args.json.write_text(
            json.dumps({"throughput": throughput, "scaling": scaling, "rss": rss}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
