'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatDate, formatDuration, formatPercent } from '../lib/format';
import type { RunsTableRow } from '../lib/run-row';
import { filterRows, sortRows, type SortDirection, type SortKey } from '../lib/sort-rows';
import { Sparkline } from './sparkline';
import { StatusBadge } from './status-badge';

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

/** The runs table: click a header to sort, type to filter, pick a status. */
export function RunsTable({ rows }: { rows: RunsTableRow[] }) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('all');
  const [sortKey, setSortKey] = useState<SortKey>('createdAt');
  const [direction, setDirection] = useState<SortDirection>('desc');
  const visible = useMemo(
    () => sortRows(filterRows(rows, query, status), sortKey, direction),
    [rows, query, status, sortKey, direction],
  );

  const sortBy = (key: SortKey) => {
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
          onChange={(event) => setQuery(event.target.value)}
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value)}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'all statuses' : s}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="run-count">
          {visible.length} of {rows.length} runs
        </span>
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
          {visible.map((row) =>
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
      {rows.length === 0 ? (
        <p className="muted">
          No runs yet. Train one with <code>npx nx run cli:train</code>.
        </p>
      ) : null}
    </>
  );
}
