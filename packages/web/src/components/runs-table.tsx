'use client';

import Link from 'next/link';
import { Fragment, useMemo, useState } from 'react';
import { RUNS_PER_PAGE } from '../lib/first-page';
import { formatDate, formatDuration, formatPercent } from '../lib/format';
import { groupRowsBySweep, rowSweepId, startsSweepGroup } from '../lib/group-by-sweep';
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

interface RunsTableProps {
  firstPage: RunsTableRow[];
  total: number;
  /** The sweeps' names by id, for the headings of the sweep groups (else the id shows). */
  sweepNames?: Readonly<Record<string, string>>;
}

/**
 * The runs table: click a header to sort, type to filter, pick a status, group a sweep's trials
 * under its heading. The server sends the first page (`firstPage`, newest first, of `total`
 * runs); every run's row then comes from /api/runs, sorting and filtering go over all of them
 * here, and one page of rows is drawn.
 */
export function RunsTable({ firstPage, total, sweepNames = {} }: RunsTableProps) {
  const { rows, complete, error } = useRunsList(firstPage, total);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('all');
  const [sortKey, setSortKey] = useState<SortKey>('createdAt');
  const [direction, setDirection] = useState<SortDirection>('desc');
  const [page, setPage] = useState(0);
  const [bySweep, setBySweep] = useState(false);
  const visible = useMemo(() => {
    const sorted = sortRows(filterRows(rows, query, status), sortKey, direction);
    return bySweep ? groupRowsBySweep(sorted) : sorted;
  }, [rows, query, status, sortKey, direction, bySweep]);
  // How many of the listed runs each sweep has, for its heading (only counted when grouping).
  const sweepSizes = useMemo(() => {
    const sizes = new Map<string, number>();
    if (!bySweep) return sizes;
    for (const row of visible) {
      const sweepId = rowSweepId(row);
      if (sweepId !== undefined) sizes.set(sweepId, (sizes.get(sweepId) ?? 0) + 1);
    }
    return sizes;
  }, [visible, bySweep]);
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
        <label>
          <input
            type="checkbox"
            checked={bySweep}
            onChange={(event) => {
              setBySweep(event.target.checked);
              setPage(0);
            }}
          />{' '}
          Group by sweep
        </label>
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
          {shown.map((row, i) => (
            <Fragment key={row.id}>
              {bySweep && startsSweepGroup(shown, i) ? (
                <SweepHeading
                  sweepId={rowSweepId(row)!}
                  name={sweepNames[rowSweepId(row)!]}
                  runs={sweepSizes.get(rowSweepId(row)!) ?? 0}
                />
              ) : null}
              {row.ok ? (
                <tr data-run-id={row.id} data-sweep-id={row.sweep?.sweepId}>
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
                <tr data-run-id={row.id} className="error-row">
                  <td>{row.id}</td>
                  <td colSpan={COLUMNS.length + 1}>
                    <span className="status status-error">unreadable</span> {row.error}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
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

/** The heading row above a sweep's runs: its name, linking to the sweep's page. */
function SweepHeading({
  sweepId,
  name,
  runs,
}: {
  sweepId: string;
  name?: string | undefined;
  runs: number;
}) {
  return (
    <tr className="sweep-group" data-sweep-group={sweepId}>
      <td colSpan={COLUMNS.length + 2}>
        Sweep <Link href={`/sweeps/${encodeURIComponent(sweepId)}`}>{name ?? sweepId}</Link>{' '}
        <span className="muted">
          {sweepId} · {runs} {runs === 1 ? 'run' : 'runs'} listed
        </span>
      </td>
    </tr>
  );
}
