import { fail, type Where } from './parse-with-schema.js';
import { parse, type ParseError } from 'jsonc-parser';

/**
 * Where `text`, which JSON.parse rejected, stops being JSON ("line 3, column 14"), or undefined if
 * jsonc-parser finds nothing wrong. Computed here rather than taken from JSON.parse's message: that
 * wording is V8's and changes between Node versions (24 appends a line and column that 20 leaves
 * out), and the report that lists a broken run file must read the same on every Node.
 */
export function jsonSyntaxErrorLocation(text: string): string | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first === undefined) return undefined;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * `json` parsed when it is text (a value already parsed is returned as it is), or a RunFileError
 * for `where`: "sweep.json: the file must be valid JSON, got "broken at line 3, column 14"".
 */
export function parseJsonText(json: unknown, where: Where): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    const location = jsonSyntaxErrorLocation(json);
    const problem = json.trim() === '' ? 'an empty file' : `broken at ${location ?? 'its end'}`;
    return fail(where, 'valid JSON', problem);
  }
}
