/**
 * core/ and envs/ are pure: no clock, no Math.random, no console, no node:*, no DOM, no process.
 * tsconfig.core.json makes most of these fail to typecheck; this scan catches what types cannot
 * (Math.random and console exist in plain ES2022).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded PRNG in core/rng.ts)'],
  [/\bDate\b/, 'the clock (Date)'],
  [/\bperformance\s*\.\s*now\b/, 'the clock (performance.now)'],
  [/\bconsole\s*\./, 'console'],
  [/from\s+['"]node:|require\(\s*['"]node:|import\(\s*['"]node:/, 'a node:* module'],
  [/from\s+['"](fs|path|os|crypto|child_process|http|util|worker_threads)['"]/, 'a Node built-in module'],
  [/\b(window|document|navigator|localStorage)\s*\./, 'the DOM'],
  [/\bprocess\s*\./, 'process'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/, 'timers'],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Comments may talk about what is forbidden; only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('purity of core/ and envs/', () => {
  const files = [...sources('core'), ...sources('envs')];

  it('finds the sources', () => {
    expect(files).toContain(join('core', 'session.ts'));
    expect(files).toContain(join('envs', 'index.ts'));
  });

  it.each(files)('%s uses no clock, randomness, console, node:*, DOM or process', (file) => {
    const text = code(readFileSync(file, 'utf8'));
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
    expect(found, `${file} uses ${found.join(', ')}`).toEqual([]);
  });

  it('the scan itself catches each forbidden use', () => {
    for (const sample of ['Math.random()', 'new Date()', 'performance.now()', 'console.log(1)', "import x from 'node:fs'", 'document.body', 'process.exit()', 'setTimeout(f)']) {
      expect(FORBIDDEN.some(([pattern]) => pattern.test(code(sample))), sample).toBe(true);
    }
    expect(FORBIDDEN.some(([pattern]) => pattern.test(code('// Math.random is forbidden')))).toBe(false);
  });
});
