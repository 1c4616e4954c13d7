/**
 * The run plan's file layout: every agent name gets its own folder (a resume must never mistake one
 * agent's episodes for another's), and run.json refuses to mix agents or options in one folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentSlug, recordSettings } from '../../agent-runner/runner/plan.ts';

describe('agent folders', () => {
  it('keeps plain names as they are and gives every other name a folder of its own', () => {
    expect(agentSlug('random')).toBe('random');
    expect(agentSlug('death-repeater')).toBe('death-repeater');
    const names = ['llm:llama3.1:8b', 'llm:llama3.1-8b', 'llm-llama3.1-8b', 'cmd:a b', 'cmd:a/b', 'stubborn:20', 'stubborn-20'];
    const slugs = names.map(agentSlug);
    expect(new Set(slugs).size).toBe(names.length);
    for (const slug of slugs) expect(slug).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  });

  it('refuses a second agent whose folder is taken, and a resume with other options', () => {
    const out = mkdtempSync(join(tmpdir(), 'tabula-plan-'));
    const settings = { agent: 'x:1', budget: 5, levels: 'designed' as const, retries: 3 };
    recordSettings(out, 'x', settings);
    recordSettings(out, 'x', settings); // the same agent resuming: fine
    expect(() => recordSettings(out, 'x', { ...settings, agent: 'x-1' })).toThrow(/holds another agent's episodes \(x:1\); use another --out directory for x-1/);
    expect(() => recordSettings(out, 'x', { ...settings, budget: 2 })).toThrow(/--budget 5 then, 2 now/);
    writeFileSync(join(out, 'run.json'), 'not json');
    expect(() => recordSettings(out, 'x', settings)).toThrow(/not a run file written by tabula run/);
  });
});
