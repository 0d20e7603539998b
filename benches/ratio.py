#!/usr/bin/env python3
"""Times two commands in alternating rounds and prints the ratio of their medians.

    ratio.py ROUNDS "COMMAND A" "COMMAND B"

hyperfine times all runs of one command, then all runs of the next, so a
machine whose speed drifts within a minute gives each command a different
machine. Here each round runs hyperfine on A, then on B (five runs each, one
warm-up), and the medians are taken over every run of every round: both
commands see the same spells of the machine. Times are hyperfine's, so the
startup of this script and of hyperfine is not in them.
"""
import json
import statistics
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    times = {c: [] for c in commands}
    ratios = []
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        for _ in range(rounds):
            medians = []
            for command in commands:
                subprocess.run(
                    ["hyperfine", "-N", "--style", "none", "--warmup", "1", "--runs", "5",
                     "--export-json", out.name, command],
                    check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
                with open(out.name) as f:
                    runs = json.load(f)["results"][0]["times"]
                times[command] += runs
                medians.append(statistics.median(runs))
            ratios.append(medians[0] / medians[1])
    for command in commands:
        ms = sorted(t * 1000 for t in times[command])
        print(f"  {statistics.median(ms):6.2f} ms median, {ms[len(ms) // 4]:6.2f} to "
              f"{ms[3 * len(ms) // 4]:6.2f} ms middle half ({len(ms)} runs)  {command}")
    a, b = (statistics.median(times[c]) for c in commands)
    ratios.sort()
    print(f"  ratio of the medians: {a / b:.2f}x "
          f"(per round: {ratios[0]:.2f}x to {ratios[-1]:.2f}x, middle {statistics.median(ratios):.2f}x)")


if __name__ == "__main__":
    main()
