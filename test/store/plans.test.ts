import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { type TestStore, testStore } from '../support/store.ts';

let opened: TestStore;
let store: Store;
beforeEach(() => {
  opened = testStore();
  store = opened.store;
});
afterEach(() => opened.close());

const request = { date: '2026-12-01', orders: [{ id: 'o1' }] };

describe('plans repository', () => {
  it('keeps the request as accepted and starts queued with a history line', () => {
    const plan = store.plans.create({ id: 'p1', name: 'Lyon', date: '2026-12-01', request });
    expect(plan).toMatchObject({ id: 'p1', name: 'Lyon', date: '2026-12-01', status: 'queued', attempts: 0 });
    expect(store.plans.request('p1')).toEqual(request);
    expect(store.plans.history('p1')).toEqual([{ at: plan.createdAt, status: 'queued', detail: 'accepted' }]);
    expect(store.plans.get('nope')).toBeUndefined();
  });

  it('records every transition and refuses the ones that are not allowed', () => {
    store.plans.create({ id: 'p1', date: '2026-12-01', request });
    expect(store.plans.transition('p1', 'succeeded', 'skip')).toBe(false);
    expect(store.plans.transition('p1', 'running', 'started')).toBe(true);
    expect(store.plans.transition('p1', 'running', 'duplicate event')).toBe(false);
    expect(store.plans.transition('p1', 'queued', 'worker lost')).toBe(true);
    expect(store.plans.transition('p1', 'running', 'started again')).toBe(true);
    store.plans.saveProgress('p1', { elapsedMs: 1200, iterations: 40, bestObjective: 99.5 });
    expect(store.plans.finish('p1', 'succeeded', 'done', { routes: [] })).toBe(true);
    // A finished plan never changes again, whatever arrives late.
    expect(store.plans.finish('p1', 'failed', 'late failure', undefined, 'x')).toBe(false);
    expect(store.plans.transition('p1', 'queued', 'late stall')).toBe(false);
    store.plans.saveProgress('p1', { elapsedMs: 9999, iterations: 1, bestObjective: 1 });

    const plan = store.plans.get('p1')!;
    expect(plan).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    expect(plan.progress).toMatchObject({ elapsedMs: 1200, iterations: 40, bestObjective: 99.5 });
    expect(plan.startedAt).not.toBeNull();
    expect(plan.finishedAt).not.toBeNull();
    expect(store.plans.history('p1').map((h) => [h.status, h.detail])).toEqual([
      ['queued', 'accepted'],
      ['running', 'started'],
      ['queued', 'worker lost'],
      ['running', 'started again'],
      ['succeeded', 'done'],
    ]);
    expect(store.plans.result('p1')).toEqual({ routes: [] });
  });

  it('keeps the failure reason and the cancel request', () => {
    store.plans.create({ id: 'p1', date: '2026-12-01', request });
    store.plans.markCancelRequested('p1');
    store.plans.note('p1', 'cancel requested');
    expect(store.plans.finish('p1', 'failed', 'solver crashed', undefined, 'out of memory')).toBe(true);
    const plan = store.plans.get('p1')!;
    expect(plan.error).toBe('out of memory');
    expect(plan.cancelRequestedAt).not.toBeNull();
    expect(store.plans.result('p1')).toBeUndefined();
    expect(store.plans.history('p1').map((h) => h.status)).toEqual(['queued', 'queued', 'failed']);
  });

  it('pages newest first and lists what is unfinished', () => {
    for (let i = 1; i <= 5; i++) store.plans.create({ id: `p${i}`, date: '2026-12-01', request });
    store.plans.transition('p2', 'running');
    store.plans.finish('p3', 'cancelled', 'cancelled before it started');
    const first = store.plans.list(2);
    expect(first.map((p) => p.id)).toEqual(['p5', 'p4']);
    const second = store.plans.list(2, first[1]!.seq);
    expect(second.map((p) => p.id)).toEqual(['p3', 'p2']);
    expect(store.plans.list(10, second[1]!.seq).map((p) => p.id)).toEqual(['p1']);
    expect(store.plans.unfinished().map((p) => p.id)).toEqual(['p1', 'p2', 'p4', 'p5']);
    store.plans.remove('p5');
    expect(store.plans.get('p5')).toBeUndefined();
    expect(store.plans.history('p5')).toEqual([]);
  });
});
