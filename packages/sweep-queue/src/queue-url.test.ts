import { describe, expect, it } from 'vitest';
import { parseQueueUrl, queueUrlFrom, QUEUE_ENV } from './queue-url.js';

describe('parseQueueUrl', () => {
  it.each([
    ['redis://localhost:6379', 'redis://localhost:6379', false, false],
    ['redis://:secret@host:6379', 'redis://host:6379', false, true],
    ['redis://user:secret@host:6379/2', 'redis://user@host:6379/2', false, true],
    ['rediss://:p%40ss@cache.example:6380', 'rediss://cache.example:6380', true, true],
  ])('reads %s, shown as %s', (text, shown, tls, hasPassword) => {
    expect(parseQueueUrl(text, '--queue')).toEqual({ url: text, shown, tls, hasPassword });
  });

  it.each([
    ['not a url', /^--queue is not a URL: expected redis:\/\/HOST:PORT/],
    ['http://:secret@host:80', /^--queue must be a Redis URL .*, got http:\/\/host\/?$/],
    [
      'redis://:secret@host:6379/cache',
      /^--queue may end only in a database number .*, got redis:\/\/host:6379\/cache$/,
    ],
  ])('refuses %s in one sentence that never shows the password', (text, message) => {
    let error: unknown;
    try {
      parseQueueUrl(text, '--queue');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('QueueUrlError');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('queueUrlFrom', () => {
  it('takes the flag over FASHION_LAB_QUEUE, and the variable when no flag is given', () => {
    const env = { [QUEUE_ENV]: 'redis://from-env:6379' };
    expect(queueUrlFrom('redis://from-flag:6379', env)?.shown).toBe('redis://from-flag:6379');
    expect(queueUrlFrom(undefined, env)?.shown).toBe('redis://from-env:6379');
    expect(queueUrlFrom(undefined, {})).toBeUndefined();
    expect(queueUrlFrom(undefined, { [QUEUE_ENV]: '' })).toBeUndefined();
  });

  it('names the variable when its URL is wrong', () => {
    expect(() => queueUrlFrom(undefined, { [QUEUE_ENV]: 'localhost:6379' })).toThrow(
      /^FASHION_LAB_QUEUE must be a Redis URL .*, got localhost:6379$/,
    );
  });
});
