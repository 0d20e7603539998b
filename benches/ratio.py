#!/usr/bin/env python3
"""Times two commands in alternating rounds and prints the ratio of their medians.

    ratio.py ROUNDS "COMMAND A" "COMMAND B"

hyperfine times all runs of one command, then all runs of the next, so a
machine whose speed drifts within a minute gives each command a different
machine. Here each round runs hyperfine on both commands (five runs each,
one warm-up; A first in odd rounds, B first in even ones), and the medians are
taken over every run of every round: both commands see the same spells of the
machine. Times are hyperfine's, so the startup of this script and of
hyperfine is not in them.
"""
import json
import statistics
import subprocess
import sys
import tempfile


def runs(command, out):
    """hyperfine's times, in seconds, of five runs of `command`."""
    done = subprocess.run(
        ["hyperfine", "-N", "--style", "none", "--warmup", "1", "--runs", "5",
         "--export-json", out, command],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    if done.returncode != 0:
        sys.exit(f"hyperfine failed on {command!r}:\n{done.stderr}")
    with open(out) as f:
        return json.load(f)["results"][0]["times"]


def main():
    if len(sys.argv) != 4 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit(__doc__)
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    if commands[0] == commands[1]:
        sys.exit("ratio.py: the two commands are the same")
    times = [[], []]
    ratios = []
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        for round in range(rounds):
            medians = [0.0, 0.0]
            for i in ([0, 1] if round % 2 == 0 else [1, 0]):
                these = runs(commands[i], out.name)
                times[i] += these
                medians[i] = statistics.median(these)
            ratios.append(medians[0] / medians[1])
    for command, these in zip(commands, times):
        ms = sorted(t * 1000 for t in these)
        print(f"  {statistics.median(ms):6.2f} ms median, {ms[len(ms) // 4]:6.2f} to "
              f"{ms[3 * len(ms) // 4]:6.2f} ms middle half ({len(ms)} runs)  {command}")
    a, b = (statistics.median(t) for t in times)
    ratios.sort()
    print(f"  ratio of the medians: {a / b:.2f}x "
          f"(per round: {ratios[0]:.2f}x to {ratios[-1]:.2f}x, median {statistics.median(ratios):.2f}x)")


if __name__ == "__main__":
    main()
