import { escapeText } from '../escape.js';

/** A coordinate rounded to 0.1 px: smaller files, and the same text on every machine. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The plot area inside an SVG: outer size minus margins. */
export interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** Opens an accessible chart SVG: role img, a <title> naming it and a <desc> saying what it shows. */
export function openSvg(kind: string, frame: Frame, title: string, description: string): string {
  return (
    `<svg class="chart ${kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" ` +
    `width="${frame.width}" height="${frame.height}" role="img">` +
    `<title>${escapeText(title)}</title><desc>${escapeText(description)}</desc>`
  );
}

/** Text at (x, y) with optional class and anchor; content is escaped. */
export function text(
  x: number,
  y: number,
  content: string,
  options: { className?: string; anchor?: 'start' | 'middle' | 'end'; transform?: string } = {},
): string {
  const attributes = [
    options.className === undefined ? '' : ` class="${options.className}"`,
    options.anchor === undefined || options.anchor === 'start'
      ? ''
      : ` text-anchor="${options.anchor}"`,
    options.transform === undefined ? '' : ` transform="${options.transform}"`,
  ].join('');
  return `<text x="${px(x)}" y="${px(y)}"${attributes}>${escapeText(content)}</text>`;
}
