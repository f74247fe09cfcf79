import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from './shortcuts';

const key = (k: string, over: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...over });

describe('keyboard shortcuts', () => {
  it('map the keys a debugger user expects', () => {
    expect(shortcutFor(key(' '), false)).toBe('playPause');
    expect(shortcutFor(key('s'), false)).toBe('step');
    expect(shortcutFor(key('S', { shiftKey: true }), false)).toBe('step10');
    expect(shortcutFor(key('d'), false)).toBe('debug');
    expect(shortcutFor(key('/'), false)).toBe('search');
    expect(shortcutFor(key('End'), false)).toBe('now');
    expect(shortcutFor(key('?', { shiftKey: true }), false)).toBe('help');
  });
  it('never fire while typing (Esc leaves the field) or with a modifier', () => {
    expect(shortcutFor(key('s'), true)).toBeNull();
    expect(shortcutFor(key(' '), true)).toBeNull();
    expect(shortcutFor(key('Escape'), true)).toBe('close');
    expect(shortcutFor(key('s', { ctrlKey: true }), false)).toBeNull();
  });
  it('every action is listed in the overlay', () => {
    const listed = new Set(SHORTCUTS.map((s) => s.action));
    for (const a of ['playPause', 'step', 'step10', 'debug', 'search', 'now', 'help', 'close']) expect(listed.has(a as never)).toBe(true);
  });
});
