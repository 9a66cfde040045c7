import { stripVTControlCharacters } from 'node:util';

/** A frame without colors, so it can be matched as the text the user reads. */
export function plainFrame(frame: string | undefined): string {
  return stripVTControlCharacters(frame ?? '');
}
