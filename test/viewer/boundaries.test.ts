/**
 * The viewer's side of the dependency rule (README "The dependency rule"): viewer/src imports core
 * and envs only through their public entries (core/index.ts, envs/index.ts) and never agent-runner/.
 * And what it shows a player is opaque: no internal game id or file name appears in its sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GAMES } from '../../envs/index.ts';

const SRC = 'viewer/src';
const files = readdirSync(SRC).filter((f) => f.endsWith('.ts')).map((f) => ({ name: f, text: readFileSync(join(SRC, f), 'utf8') }));

describe('viewer boundaries', () => {
  it('imports only core/index.ts, envs/index.ts, package.json, pixi.js and its own files', () => {
    const allowed = /^(\.\/[a-z-]+\.(ts|css)|\.\.\/\.\.\/core\/index\.ts|\.\.\/\.\.\/envs\/index\.ts|\.\.\/\.\.\/package\.json|pixi\.js)$/;
    const bad: string[] = [];
    let seen = 0;
    for (const f of files) {
      for (const m of f.text.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
        const spec = m[1] ?? m[2]!;
        seen++;
        if (!allowed.test(spec)) bad.push(`${f.name}: ${spec}`);
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });

  it('never names a game by its internal id', () => {
    const ids = GAMES.map((g) => g.game.id);
    const hits = files.flatMap((f) => ids.filter((id) => f.text.includes(id)).map((id) => `${f.name}: ${id}`));
    expect(hits).toEqual([]);
  });
});
