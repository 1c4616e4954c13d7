#!/usr/bin/env python3
"""A minimal Tabula agent over stdio JSON lines: copy it and put your own policy in choose().

Run it:  npx tabula run --agent "cmd:python3 agent-runner/examples/stdio_agent.py" --games tg38 --seeds 3 --out runs/example

Each line on stdin is an ARC-AGI-3 frame response (frame, state, levels_completed, win_levels,
available_actions as ids, level_index, ...), or an error line {"error", "message"} saying why the
last answer was refused. Each answer is one line on stdout: {"action": "ACTION3", "reasoning": ...}
or {"action": "ACTION6", "x": 12, "y": 40}. Log to stderr, never stdout. Plain Python, no packages.
"""
import json
import os
import random
import sys

NAMES = ["RESET", "ACTION1", "ACTION2", "ACTION3", "ACTION4", "ACTION5", "ACTION6", "ACTION7"]


def choose(frame_response, rng):
    """Uniform over the offered actions; RESET after a loss; clicks on a non-background cell."""
    if frame_response["state"] == "GAME_OVER":
        return {"action": "RESET", "reasoning": "lost: start the level again"}
    action = NAMES[rng.choice(frame_response["available_actions"])]
    if action != "ACTION6":
        return {"action": action}
    grid = frame_response["frame"][-1]  # the last frame: 64 rows of 64 colour indices
    background = grid[0][0]
    cells = [(x, y) for y, row in enumerate(grid) for x, colour in enumerate(row) if colour != background]
    x, y = rng.choice(cells) if cells else (rng.randrange(64), rng.randrange(64))
    return {"action": "ACTION6", "x": x, "y": y, "reasoning": {"clicked_colour": grid[y][x]}}


def main():
    rng = random.Random(int(os.environ.get("TABULA_SEED", "0")))  # the episode's seed: runs repeat
    for line in sys.stdin:
        message = json.loads(line)
        if "error" in message:
            print(f"refused: {message['message']}", file=sys.stderr)
            continue  # the same frame follows
        print(json.dumps(choose(message, rng)), flush=True)


if __name__ == "__main__":
    main()
