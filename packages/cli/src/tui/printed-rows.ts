import type { RunStartEvent } from '@fashion-lab/run';
import { BEST_SO_FAR, EPOCH_TABLE_TITLES, epochRowText } from './epoch-table.js';
import { runHeaderRows } from './run-header.js';
import type { StaticItem } from './tui-store.js';
import { wrappedRows } from './wrapped-rows.js';

/**
 * Terminal rows the printed-once blocks of a training screen (header, table head, epoch rows)
 * take on a terminal `columns` wide, so the live area below can be sized to what is left.
 */
export function printedRows(
  items: readonly StaticItem[],
  start: RunStartEvent | undefined,
  columns: number,
): number {
  let rows = 0;
  for (const item of items) {
    if (item.kind === 'header' && start) rows += runHeaderRows(start, columns);
    if (item.kind === 'table-head') rows += wrappedRows(EPOCH_TABLE_TITLES, columns);
    if (item.kind === 'epoch') {
      const { cells, mark } = epochRowText(item.row, item.epochs, BEST_SO_FAR);
      rows += wrappedRows(mark ? `${cells} ${mark}` : cells, columns);
    }
  }
  return rows;
}
