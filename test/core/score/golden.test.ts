/**
 * Golden metric files (SCORING.md): the frozen score JSON of fixed synthetic plays on the fixture
 * games. Any change to a metric's value or the JSON's shape fails here; it is allowed only with a
 * metricVersion bump, after which `UPDATE_GOLDEN=1 npx vitest run test/core/score/golden.test.ts`
 * writes the new files (review the diff).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_VERSION, type ReplayGame } from '../../../core/index.ts';
import { deathRepeater, explorer, oscillator, random, stubborn, type SyntheticAgent } from '../../../agent-runner/agents/synthetic.ts';
import clickLights from '../../fixtures/click-lights.ts';
import maze from '../../fixtures/maze.ts';
import pit from '../../fixtures/pit.ts';
import { actionsOf, fixture, scoreActions } from './play.ts';

const DIR = join(import.meta.dirname, '../../golden/metrics');
const CASES: [string, ReplayGame, SyntheticAgent][] = [
  ['maze-explorer', fixture('mz01', maze), explorer()],
  ['maze-stubborn-4', fixture('mz01', maze), stubborn(4)],
  ['maze-oscillator-3', fixture('mz01', maze), oscillator(3)],
  ['maze-random-7', fixture('mz01', maze), random(7, 200)],
  ['pit-deathrepeater-2', fixture('pt01', pit), deathRepeater(2)],
  ['click-lights-explorer', fixture('cl01', clickLights), explorer()],
];

describe('golden metric files', () => {
  for (const [name, entry, agent] of CASES) {
    it(name, () => {
      const json = `${JSON.stringify(scoreActions(entry, actionsOf(entry, agent)), null, 1)}\n`;
      const path = join(DIR, `${name}.json`);
      if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, json);
        return;
      }
      expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/core/score/golden.test.ts`).toBe(true);
      const golden = readFileSync(path, 'utf8');
      const pinned = (JSON.parse(golden) as { metricVersion: number }).metricVersion;
      if (pinned === METRIC_VERSION) {
        expect(json, 'a metric changed without a metricVersion bump (core/score/score-replay.ts METRIC_VERSION)').toBe(golden);
      } else {
        expect.fail(`golden ${name} is for metricVersion ${pinned}, the scorer is at ${METRIC_VERSION}: regenerate with UPDATE_GOLDEN=1 and review the diff`);
      }
    });
  }
});
