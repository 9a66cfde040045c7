/** The terminal colors the charts use, as SGR codes. */
const COLOR_CODES: Record<string, number> = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
};

/**
 * Wraps `text` in a foreground color. The charts color their rows this way, as one string per
 * row, because one <Text> per colored span made Ink's layout the most expensive part of a frame.
 * NO_COLOR (no-color.org) turns it off.
 */
export function paint(
  text: string,
  color: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const code = color === undefined ? undefined : COLOR_CODES[color];
  if (code === undefined || env['NO_COLOR'] || text === '') return text;
  return `\u001b[${code}m${text}\u001b[39m`;
}
