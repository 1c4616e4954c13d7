"""A stand-in for an ARC-AGI-3 client (API.md "What an ARC-AGI-3 client does"), run as its own process
by compat.test.ts: it knows only ARC's routes and shapes, plays one game to WIN with a given solution,
uses a level RESET and a full RESET, and checks the closed scorecard against RHAE computed by hand here.

usage: python3 arc_client.py <base_url> <plan.json>
plan.json: {"game": "<code>", "levels": [[{"action": "ACTION1"} | {"action": "ACTION6", "x": 3, "y": 4}, ...], ...]}
Prints one JSON line {"ok": true, ...} and exits 0, or prints the failure and exits 1.
"""
import json
import sys

import requests

TIMEOUT = 10  # ARC clients time out after 10 s per request


def fail(message):
    print(json.dumps({"ok": False, "error": message}))
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def level_score(completed, b, n):
    """SCORING.md: s_l = c * min(1.15, (b/n)^2)."""
    if not completed or n <= 0:
        return 0.0
    return min(1.15, (b / n) ** 2)


def game_score(level_scores, levels_completed):
    """Weighted by 1-based level number, capped at the weight share of completed levels; 0..1."""
    count = len(level_scores)
    weighted = sum((i + 1) * s for i, s in enumerate(level_scores))
    total = count * (count + 1) / 2
    cap = levels_completed * (levels_completed + 1) / 2
    return min(weighted, cap) / total


def close_to(a, b):
    return abs(a - b) < 1e-9 * max(1.0, abs(b))


def main():
    base, plan_path = sys.argv[1], sys.argv[2]
    with open(plan_path) as f:
        plan = json.load(f)
    http = requests.Session()  # keeps cookies and the connection, as the ARC client does

    def call(method, path, body=None):
        response = http.request(method, base + path, json=body, timeout=TIMEOUT)
        check(response.status_code == 200, f"{method} {path} -> {response.status_code}: {response.text[:300]}")
        return response.json()

    # 1. games, and a key since we have none
    games = call("GET", "/api/games")
    check(isinstance(games, list) and len(games) > 0, "GET /api/games is not a list of games")
    for g in games:
        check(set(g) >= {"game_id", "title", "tags", "default_fps"}, f"game entry lacks ARC fields: {g}")
    key = call("GET", "/api/games/anonkey")["api_key"]
    http.headers["X-API-Key"] = key

    # 2. a scorecard
    card_id = call("POST", "/api/scorecard/open", {"tags": ["compat-test"], "source_url": "https://example.org/agent"})["card_id"]

    # 3. the game, then RESET with card_id and game_id
    game = next(g for g in games if g["game_id"].startswith(plan["game"] + "-"))
    game_id = game["game_id"]
    info = call("GET", f"/api/games/{plan['game']}")
    baseline = info["baseline_actions"]
    levels = plan["levels"]
    check(len(baseline) == len(levels), f"baseline_actions has {len(baseline)} levels, the plan {len(levels)}")

    frame = call("POST", "/api/cmd/RESET", {"card_id": card_id, "game_id": game_id})
    guid = frame["guid"]
    sent = 0  # actions sent after the opening RESET (the scorecard's total_actions)

    def check_frame(r, expect_state=None):
        check(r["game_id"] == game_id and r["guid"] == guid, "frame response names another game or session")
        grids = r["frame"]
        check(isinstance(grids, list) and 1 <= len(grids), "frame is not a list of grids")
        for grid in grids:
            check(len(grid) == 64 and all(len(row) == 64 for row in grid), "a grid is not 64x64")
            check(all(0 <= v <= 15 for row in grid for v in row), "a cell is outside 0..15")
        check(r["state"] in ("NOT_FINISHED", "WIN", "GAME_OVER"), f"unknown state {r['state']}")
        check(isinstance(r["available_actions"], list), "available_actions is not a list")
        if expect_state is not None:
            check(r["state"] == expect_state, f"state is {r['state']}, expected {expect_state}")

    check_frame(frame, "NOT_FINISHED")
    check(frame["levels_completed"] == 0 and frame["win_levels"] == len(levels), "a fresh game is not at level 0 of win_levels")

    def act(step, reasoning=None):
        nonlocal sent
        body = {"game_id": game_id, "guid": guid}
        if step["action"] == "ACTION6":
            body["x"], body["y"] = step["x"], step["y"]
        if reasoning is not None:
            body["reasoning"] = reasoning
        r = call("POST", f"/api/cmd/{step['action']}", body)
        sent += 1
        check_frame(r)
        check(r["action_input"]["id"] == int(step["action"][6:]), "action_input.id is not the action's id")
        if reasoning is not None:
            check(r["action_input"].get("reasoning") == reasoning, "reasoning was not echoed")
        return r

    def reset():
        nonlocal sent
        r = call("POST", "/api/cmd/RESET", {"card_id": card_id, "game_id": game_id, "guid": guid})
        sent += 1
        check_frame(r)
        check(r["action_input"]["id"] == 0, "a RESET's action_input.id is not 0")
        return r

    wasted = levels[1][0]  # a move that is not level 0's solution; a level RESET undoes it

    # Run 1: level 0 solved; on level 1 one move, a level RESET, then a RESET on a fresh level: a full RESET.
    for i, step in enumerate(levels[0]):
        r = act(step, reasoning={"plan": "level 0", "i": i} if i == 0 else None)
    check(r["levels_completed"] == 1 and len(r["frame"]) == 2, "completing level 0 did not give levels_completed 1 and two frames")
    act(levels[1][0])
    r = reset()
    check(r["levels_completed"] == 1 and not r["full_reset"], "a RESET after a move on level 1 was not a level RESET")
    r = reset()
    check(r["levels_completed"] == 0 and r["full_reset"], "a RESET on a fresh level was not a full RESET")
    run1 = {"level_actions": [len(levels[0]), 2] + [0] * (len(levels) - 2), "levels_completed": 1}

    # Run 2: on level 0 a wasted move and a level RESET, then every level's solution, to WIN.
    act(wasted)
    r = reset()
    check(not r["full_reset"] and r["levels_completed"] == 0, "a RESET after a move on level 0 was not a level RESET")
    for li, steps in enumerate(levels):
        for step in steps:
            r = act(step)
        if li < len(levels) - 1:
            check(r["levels_completed"] == li + 1, f"level {li} was not completed by its solution")
    check_frame(r, "WIN")
    run2 = {"level_actions": [len(levels[0]) + 2] + [len(s) for s in levels[1:]], "levels_completed": len(levels)}

    # After WIN an action is refused and not counted.
    refused = http.post(base + f"/api/cmd/{levels[0][0]['action']}", json={"game_id": game_id, "guid": guid, **({k: levels[0][0][k] for k in ("x", "y") if k in levels[0][0]})}, timeout=TIMEOUT)
    check(refused.status_code == 400 and refused.json()["error"] == "GAME_NOT_STARTED_ERROR", f"an action after WIN was not refused: {refused.text[:200]}")

    # 5. close, and check the numbers by hand
    card = call("POST", "/api/scorecard/close", {"card_id": card_id})
    check(card["card_id"] == card_id and "compat-test" in card["tags"] and "agent" in card["tags"], "card id or tags wrong")
    check(card["total_actions"] == sent, f"total_actions {card['total_actions']}, the client sent {sent}")
    check(card["total_environments"] == 1 and card["total_environments_completed"] == 1, "environment totals wrong")
    check(card["total_levels"] == len(levels) and card["total_levels_completed"] == len(levels), "level totals wrong")
    env = card["environments"][0]
    check(env["id"] == game_id and env["completed"] and env["level_count"] == len(levels), "environment id/completed/level_count wrong")
    check(env["resets"] == 3, f"environment resets {env['resets']}, expected 3 (two level RESETs, one full)")
    check(len(env["runs"]) == 2, f"{len(env['runs'])} runs, expected 2 (one full RESET)")
    expected_scores = []
    for got, want in zip(env["runs"], (run1, run2)):
        level_scores = [level_score(l < want["levels_completed"], b, n) for l, (b, n) in enumerate(zip(baseline, want["level_actions"]))]
        score = 100 * game_score(level_scores, want["levels_completed"])
        expected_scores.append(score)
        check(got["guid"] == guid, "a run names another session")
        check(got["level_actions"] == want["level_actions"], f"level_actions {got['level_actions']}, expected {want['level_actions']}")
        check(got["actions"] == sum(want["level_actions"]), "run actions wrong")
        check(got["levels_completed"] == want["levels_completed"], "run levels_completed wrong")
        check(got["level_baseline_actions"] == baseline, "run baselines are not GET /api/games baseline_actions")
        check(all(close_to(a, 100 * b) for a, b in zip(got["level_scores"], level_scores)), f"level_scores {got['level_scores']}")
        check(close_to(got["score"], score), f"run score {got['score']}, expected {score}")
    # The numbers, spelled out: run 1 is level 0 at baseline (s=1) capped at 1 of sum(l) weight;
    # run 2 pays 2 extra actions on level 0 and is at baseline elsewhere.
    total_weight = len(levels) * (len(levels) + 1) / 2
    b0 = baseline[0]
    check(close_to(expected_scores[0], 100 / total_weight), "hand value for run 1")
    check(close_to(expected_scores[1], 100 * ((b0 / (b0 + 2)) ** 2 + (total_weight - 1)) / total_weight), "hand value for run 2")
    check(close_to(env["score"], max(expected_scores)) and close_to(card["score"], max(expected_scores)), f"env/card score {env['score']}/{card['score']}, expected {max(expected_scores)}")
    print(json.dumps({"ok": True, "guid": guid, "card_id": card_id, "score": card["score"], "sent": sent}))


if __name__ == "__main__":
    main()
