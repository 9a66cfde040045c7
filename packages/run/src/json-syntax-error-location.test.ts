import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorLocation, parseJsonText } from './json-syntax-error-location.js';

describe('jsonSyntaxErrorLocation', () => {
  it.each([
    ['a file torn after a key', '{"schemaVersion":', 'line 1, column 18'],
    ['a string cut off (points at its opening quote)', '{"runId":"2026', 'line 1, column 10'],
    ['a trailing comma', '{"a":1,}', 'line 1, column 8'],
    ['text after the value', '{"a":1} x', 'line 1, column 9'],
    ['a missing comma on the next line', '{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3'],
    ['a comment (JSON has none)', '{}\n// note', 'line 2, column 1'],
    ['a bare word', '{"a":tru}', 'line 1, column 6'],
  ])('finds %s', (_, text, location) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(jsonSyntaxErrorLocation(text)).toBe(location);
  });

  it('finds nothing in valid JSON', () => {
    expect(jsonSyntaxErrorLocation('{"a":[1,2,{"b":null}]}')).toBeUndefined();
  });
});

describe('parseJsonText', () => {
  const where = { file: 'f.json', path: '' };

  it('parses text and passes a parsed value through', () => {
    expect(parseJsonText('{"a": [1]}', where)).toEqual({ a: [1] });
    expect(parseJsonText({ a: 1 }, where)).toEqual({ a: 1 });
  });

  it.each([
    ['{\n  "a": 1,\n}', 'f.json: the file must be valid JSON, got "broken at line 3, column 1"'],
    ['  ', 'f.json: the file must be valid JSON, got "an empty file"'],
  ])('names where %j stops being JSON, the same on every Node', (text, message) => {
    expect(() => parseJsonText(text, where)).toThrow(message);
  });
});
