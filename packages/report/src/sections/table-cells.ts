import { escapeText } from '../escape.js';
import { formatDate } from '../format.js';

// Pieces of table cells that wrap only where a reader expects: a narrow table (a 1024-pixel window,
// an A4 page) breaks them there instead of scrolling. `.keep` is `white-space: nowrap`.

/** A run id that breaks only after its timestamp: "20261125-212600-" | "cnn-regularized-adam". */
export function runIdCell(runId: string): string {
  const match = /^(\d{8}-\d{6}-)(.+)$/.exec(runId);
  if (match === null) return `<span class="mono">${escapeText(runId)}</span>`;
  return `<span class="mono run-id"><span class="keep">${escapeText(match[1]!)}</span><span class="keep">${escapeText(match[2]!)}</span></span>`;
}

/** A color swatch and a label, the swatch kept with the label's first word ("regularized" | "CNN"). */
export function swatchedLabel(color: string, label: string): string {
  const [first = '', ...rest] = label.split(' ');
  const swatch = `<span class="swatch" style="background:${color}"></span>`;
  return `<span class="keep">${swatch}${escapeText(first)}</span>${rest.map((word) => ` ${escapeText(word)}`).join('')}`;
}

/** A run's date that breaks only between day and time: "2026-11-25" | "22:47 UTC". */
export function dateCell(iso: string): string {
  const [day = '', ...time] = formatDate(iso).split(' ');
  return time.length === 0
    ? escapeText(day)
    : `${escapeText(day)} <span class="keep">${escapeText(time.join(' '))}</span>`;
}
