import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { INTERRUPTED_EXIT_CODE, Interrupter } from './interrupt.js';

describe('Interrupter', () => {
  it('aborts on the first request and exits on the second', () => {
    const onFirst = vi.fn();
    const exit = vi.fn();
    const interrupter = new Interrupter(onFirst, exit);
    interrupter.interrupt('ctrl-c');
    expect(interrupter.controller.signal.aborted).toBe(true);
    expect(onFirst).toHaveBeenCalledWith('ctrl-c');
    expect(exit).not.toHaveBeenCalled();
    interrupter.interrupt('ctrl-c');
    expect(exit).toHaveBeenCalledWith(INTERRUPTED_EXIT_CODE);
  });

  it.each([
    ['q', 0],
    ['ctrl-c', 130],
    ['signal', 130],
  ] as const)('ends a run stopped by %s with exit code %i', (source, code) => {
    const interrupter = new Interrupter();
    interrupter.interrupt(source);
    expect(interrupter.exitCode()).toBe(code);
  });

  it('listens to SIGINT and SIGTERM until told to stop', () => {
    const target = new EventEmitter() as unknown as NodeJS.Process;
    const interrupter = new Interrupter(undefined, vi.fn());
    const stop = interrupter.listen(target);
    target.emit('SIGTERM');
    expect(interrupter.source).toBe('signal');
    stop();
    expect((target as unknown as EventEmitter).listenerCount('SIGINT')).toBe(0);
  });
});
