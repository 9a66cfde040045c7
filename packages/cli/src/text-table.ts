/** Column alignment of a plain-text table. */
export type Align = 'left' | 'right';

/**
 * Lays out rows as aligned columns separated by two spaces, the header first. Cells are plain
 * strings (no escape codes), so widths are their lengths.
 */
export function textTable(header: string[], rows: string[][], align: Align[] = []): string[] {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
