/**
 * The player's controls (issue 6): WASD or arrows = ACTION1-4, Space or F = ACTION5, Ctrl/Cmd+Z =
 * ACTION7 (undo, where the game offers it), R = RESET; a click on the frame is ACTION6. One table,
 * read by the key handler and by the on-screen buttons, so both always agree.
 */
import type { ActionName } from '../../core/index.ts';

/** On-screen buttons in display order, with the symbol each shows (symbols, never words about goals). */
export const BUTTONS: readonly { readonly action: Exclude<ActionName, 'ACTION6'>; readonly symbol: string; readonly keys: string }[] = [
  { action: 'ACTION1', symbol: '↑', keys: 'W / ↑' },
  { action: 'ACTION3', symbol: '←', keys: 'A / ←' },
  { action: 'ACTION2', symbol: '↓', keys: 'S / ↓' },
  { action: 'ACTION4', symbol: '→', keys: 'D / →' },
  { action: 'ACTION5', symbol: '●', keys: 'Space / F' },
  { action: 'ACTION7', symbol: '↶', keys: 'Ctrl+Z' },
  { action: 'RESET', symbol: '⟲', keys: 'R' },
];

/** The action a key press asks for, or undefined when the key is not a game key. */
export function actionForKey(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>): Exclude<ActionName, 'ACTION6'> | undefined {
  if (event.altKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.ctrlKey || event.metaKey) return key === 'z' ? 'ACTION7' : undefined;
  switch (key) {
    case 'ArrowUp':
    case 'w':
      return 'ACTION1';
    case 'ArrowDown':
    case 's':
      return 'ACTION2';
    case 'ArrowLeft':
    case 'a':
      return 'ACTION3';
    case 'ArrowRight':
    case 'd':
      return 'ACTION4';
    case ' ':
    case 'f':
      return 'ACTION5';
    case 'r':
      return 'RESET';
    default:
      return undefined;
  }
}
