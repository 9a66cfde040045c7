'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { RUNS_PER_PAGE } from '../lib/first-page';
import { formatDate, formatDuration, formatPercent } from '../lib/format';
import type { RunsTableRow } from '../lib/run-row';
import { filterRows, sortRows, type SortDirection, type SortKey } from '../lib/sort-rows';
import { Sparkline } from './sparkline';
import { StatusBadge } from './status-badge';
import { useRunsList } from './use-runs-list';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'experiment', label: 'Experiment' },
  { key: 'model', label: 'Model' },
  { key: 'optimizer', label: 'Optimizer' },
  { key: 'status', label: 'Status' },
  { key: 'bestValAcc', label: 'Best val acc', numeric: true },
  { key: 'testAcc', label: 'Test acc', numeric: true },
  { key: 'seconds', label: 'Duration', numeric: true },
  { key: 'createdAt', label: 'Created' },
];

const STATUS_FILTERS = ['all', 'running', 'completed', 'interrupted', 'failed', 'stale', 'error'];

/**
 * The runs table: click a header to sort, type to filter, pick a status. The server sends the
 * first page (`firstPage`, newest first, of `total` runs); every run's row then comes from
 * /api/runs, sorting and filtering go over all of them here, and one page of rows is drawn.
 */
export function RunsTable({ firstPage, total }: { firstPage: RunsTableRow[]; total: number }) {
  const { rows, complete, error } = useRunsList(firstPage, total);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('all');
  const [sortKey, setSortKey] = useState<SortKey>('createdAt');
  const [direction, setDirection] = useState<SortDirection>('desc');
  const [page, setPage] = useState(0);
  const visible = useMemo(
    () => sortRows(filterRows(rows, query, status), sortKey, direction),
    [rows, query, status, sortKey, direction],
  );
  // Until every row is here, the server's first page stands in for the whole unfiltered list.
  const unfiltered = query === '' && status === 'all';
  const listed = complete || !unfiltered ? visible.length : total;
  // A refresh may shorten the list under the reader: stay on the last page there is.
  const pages = Math.max(1, Math.ceil(listed / RUNS_PER_PAGE));
  const shownPage = Math.min(page, pages - 1);
  const first = shownPage * RUNS_PER_PAGE;
  const shown = visible.slice(first, first + RUNS_PER_PAGE);

  const sortBy = (key: SortKey) => {
    setPage(0);
    if (key === sortKey) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSortKey(key);
      setDirection(key === 'experiment' || key === 'model' || key === 'optimizer' ? 'asc' : 'desc');
    }
  };

  return (
    <>
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter: model, optimizer, experiment…"
          aria-label="Filter runs"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setPage(0);
          }}
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value);
            setPage(0);
          }}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'all statuses' : s}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="run-count">
          {complete ? `${visible.length} of ${rows.length} runs` : `loading all ${total} runs…`}
        </span>
        {error === null ? null : <span className="error-text">{error}</span>}
      </div>
      <table className="data runs">
        <thead>
          <tr>
            <th>Run</th>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                className={column.numeric ? 'num' : undefined}
                aria-sort={
                  column.key === sortKey
                    ? direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
                }
              >
                <button type="button" onClick={() => sortBy(column.key)}>
                  {column.label}
                  {column.key === sortKey ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
            <th>Val acc</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) =>
            row.ok ? (
              <tr key={row.id} data-run-id={row.id}>
                <td>
                  <Link href={`/runs/${encodeURIComponent(row.id)}`}>{row.id}</Link>
                </td>
                <td>{row.experiment ?? <span className="muted">—</span>}</td>
                <td>{row.model}</td>
                <td>
                  {row.optimizer} <span className="muted">lr {row.learningRate}</span>
                </td>
                <td>
                  <StatusBadge status={row.status} progress={row.progress} />
                  {row.status === 'running' && row.progress ? (
                    <progress value={row.progress.fraction} max={1} />
                  ) : null}
                </td>
                <td className="num">{formatPercent(row.bestValAcc)}</td>
                <td className="num">{formatPercent(row.testAcc)}</td>
                <td className="num">{formatDuration(row.seconds)}</td>
                <td>{formatDate(row.createdAt)}</td>
                <td>
                  <Sparkline
                    values={row.valAccHistory}
                    label={`validation accuracy of ${row.id}`}
                  />
                </td>
              </tr>
            ) : (
              <tr key={row.id} data-run-id={row.id} className="error-row">
                <td>{row.id}</td>
                <td colSpan={COLUMNS.length + 1}>
                  <span className="status status-error">unreadable</span> {row.error}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages of runs">
          <button type="button" disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)}>
            ← Previous
          </button>
          <span className="muted" data-testid="run-page">
            {first + 1}–{first + shown.length} of {listed}, page {shownPage + 1} of {pages}
          </span>
          <button
            type="button"
            disabled={shownPage === pages - 1 || !complete}
            onClick={() => setPage(shownPage + 1)}
          >
            Next →
          </button>
        </nav>
      ) : null}
      {total === 0 && rows.length === 0 ? (
        <p className="muted">
          No runs yet. Train one with <code>npx nx run cli:train</code>.
        </p>
      ) : null}
    </>
  );
}
