import { describe, expect, it } from 'vitest';
import { StateOrder } from './order';

describe('StateOrder', () => {
  it('shows states in the server\'s order: an older one is recognised as older', () => {
    const o = new StateOrder();
    expect(o.classify(3)).toBe('new');
    o.shown(3);
    expect(o.classify(2)).toBe('older');
    expect(o.classify(3)).toBe('new');
    expect(o.classify(undefined)).toBe('new');
  });

  it('a "paused" update already on its way when the page pressed Play does not undo it; the answer decides', () => {
    const o = new StateOrder();
    o.shown(10);
    const id = o.sent(0);
    // update 11 was published before the server took the play (it still says paused)
    expect(o.believes(11, 1)).toBe(false);
    // the play's state is 12: its ack names it
    expect(o.answered(id, 12)).toBe(true);
    expect(o.believes(11, 2)).toBe(false);
    expect(o.believes(12, 2)).toBe(true);
    expect(o.believes(13, 2)).toBe(true);
  });

  it('only the newest action\'s answer settles it', () => {
    const o = new StateOrder();
    const first = o.sent(0);
    const second = o.sent(1);
    expect(o.answered(first, 5)).toBe(false);
    expect(o.believes(6, 2)).toBe(false);
    expect(o.answered(second, 7)).toBe(true);
    expect(o.believes(6, 3)).toBe(false);
    expect(o.believes(7, 3)).toBe(true);
  });

  it('an unanswered action stops counting after the answer timeout', () => {
    const o = new StateOrder();
    o.sent(1000);
    expect(o.believes(1, 1000 + StateOrder.ANSWER_TIMEOUT_MS)).toBe(false);
    expect(o.believes(1, 1001 + StateOrder.ANSWER_TIMEOUT_MS)).toBe(true);
  });

  it('after a Restart, updates of the run left behind are dropped whole; a newer state already shown stays', () => {
    const o = new StateOrder();
    o.shown(20);
    expect(o.startedOver(25)).toBe(true);
    expect(o.classify(22)).toBe('left');
    expect(o.classify(26)).toBe('new');
    o.shown(30);
    expect(o.startedOver(28)).toBe(false);
    expect(o.classify(27)).toBe('left');
    expect(o.believes(28, 0)).toBe(true);
  });

  it('a reconnect forgets the numbering (the server may have restarted from 1)', () => {
    const o = new StateOrder();
    o.shown(500);
    o.startedOver(400);
    o.sent(0);
    o.reconnected();
    expect(o.classify(1)).toBe('new');
    expect(o.believes(1, 0)).toBe(true);
  });
});
