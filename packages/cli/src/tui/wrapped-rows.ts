import wrapAnsi from 'wrap-ansi';

/**
 * Terminal rows `text` takes in `width` columns, wrapped as Ink's <Text> wraps it (the same
 * wrap-ansi, same options), so a screen can know the height of what it has printed.
 */
export function wrappedRows(text: string, width: number): number {
  return wrapAnsi(text, Math.max(1, width), { trim: false, hard: true }).split('\n').length;
}
