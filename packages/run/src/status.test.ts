import { describe, expect, it } from 'vitest';
import { testRunJson } from './testing/run-fixtures.js';
import { effectiveStatus } from './status.js';

const now = new Date('2026-11-25T21:10:00.000Z');
const alive = () => true;
const dead = () => false;

describe('effectiveStatus', () => {
  it.each([
    ['a fresh heartbeat and a live pid', '2026-11-25T21:09:30.000Z', alive, 'running'],
    ['a dead pid', '2026-11-25T21:09:30.000Z', dead, 'stale'],
    ['a heartbeat older than a minute', '2026-11-25T21:08:59.000Z', alive, 'stale'],
    ['a heartbeat exactly a minute old', '2026-11-25T21:09:00.000Z', alive, 'running'],
  ] as const)('a running run with %s is %s', (_, heartbeatAt, isAlive, expected) => {
    expect(effectiveStatus(testRunJson({ status: 'running', heartbeatAt }), now, isAlive)).toBe(
      expected,
    );
  });

  it.each(['completed', 'interrupted', 'failed'] as const)(
    'a %s run stays so, pid or not',
    (status) => {
      expect(
        effectiveStatus(testRunJson({ status, heartbeatAt: '2020-01-01T00:00:00Z' }), now, dead),
      ).toBe(status);
    },
  );

  it('judges a run written on another machine by its heartbeat alone (its pid means nothing here)', () => {
    const fresh = testRunJson({ status: 'running', heartbeatAt: '2026-11-25T21:09:30.000Z' });
    const old = testRunJson({ status: 'running', heartbeatAt: '2026-11-25T21:08:00.000Z' });
    expect(effectiveStatus({ ...fresh, hostname: 'gpu-box' }, now, dead, 'laptop')).toBe('running');
    expect(effectiveStatus({ ...old, hostname: 'gpu-box' }, now, dead, 'laptop')).toBe('stale');
    // On its own machine, a dead pid is stale at once.
    expect(effectiveStatus({ ...fresh, hostname: 'laptop' }, now, dead, 'laptop')).toBe('stale');
  });
});
