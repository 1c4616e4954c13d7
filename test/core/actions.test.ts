import { describe, expect, it } from 'vitest';
import { ACTIONS, TabulaError, actionId, formatAction, parseActionToken, toAction } from '../../core/index.ts';

describe('actions', () => {
  it('uses ARC ids: RESET 0, ACTION1..7 -> 1..7', () => {
    expect(actionId('RESET')).toBe(0);
    expect(actionId('ACTION6')).toBe(6);
    expect(actionId('ACTION7')).toBe(7);
  });

  it('accepts names and objects, returning the shared instances for keyboard actions', () => {
    expect(toAction('ACTION3')).toBe(ACTIONS.ACTION3);
    expect(toAction({ type: 'RESET' })).toBe(ACTIONS.RESET);
    expect(toAction({ type: 'ACTION6', x: 0, y: 63 })).toEqual({ type: 'ACTION6', x: 0, y: 63 });
  });

  it.each([
    [{ type: 'ACTION8' }, /unknown action "ACTION8".*send one of RESET, ACTION1..ACTION7/],
    [{ type: 'ACTION6' }, /ACTION6 needs x and y/],
    [{ type: 'ACTION6', x: 64, y: 0 }, /x must be an integer in 0..63; got 64/],
    [{ type: 'ACTION6', x: 3, y: -1 }, /y must be an integer in 0..63; got -1/],
    [{ type: 'ACTION6', x: 1.5, y: 2 }, /x must be an integer/],
    [{ type: 'ACTION6', x: '3', y: 2 }, /x must be an integer in 0..63; got "3"/],
    [null, /an action must be an object/],
    [42, /an action must be an object/],
  ])('refuses %j with a VALIDATION_ERROR that says what to send', (input, message) => {
    let error: unknown;
    try {
      toAction(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TabulaError);
    expect((error as TabulaError).code).toBe('VALIDATION_ERROR');
    expect((error as TabulaError).message).toMatch(message);
  });

  it('parses the compact text form and prints it back', () => {
    expect(parseActionToken('up')).toBe(ACTIONS.ACTION1);
    expect(parseActionToken('0')).toBe(ACTIONS.RESET);
    expect(parseActionToken('4')).toBe(ACTIONS.ACTION4);
    expect(parseActionToken('action6:12:30')).toEqual({ type: 'ACTION6', x: 12, y: 30 });
    expect(parseActionToken('6@1:2')).toEqual({ type: 'ACTION6', x: 1, y: 2 });
    expect(formatAction(parseActionToken('ACTION6:5:7'))).toBe('ACTION6:5:7');
    expect(() => parseActionToken('ACTION6')).toThrow(/written ACTION6:x:y/);
    expect(() => parseActionToken('ACTION2:1:1')).toThrow(/only ACTION6 takes coordinates/);
    expect(() => parseActionToken('jump')).toThrow(/unknown action "JUMP"/);
  });
});
