import Link from 'next/link';
import { connection } from 'next/server';
import { formatDate } from '../../lib/format';
import { loadSweepList } from '../../lib/sweep-data';

/** Every sweep in the runs directory, newest first, with how many trials stand where. */
export default async function SweepsPage() {
  await connection();
  const sweeps = await loadSweepList();
  return (
    <>
      <h1>Sweeps</h1>
      {sweeps.length === 0 ? (
        <p className="muted">
          No sweeps yet. Start one with <code>npx nx run cli:sweep -- --file sweep.json</code>.
        </p>
      ) : (
        <table className="data sweeps" data-testid="sweeps-list">
          <thead>
            <tr>
              <th>Sweep</th>
              <th>Started</th>
              <th className="num">Trials</th>
              <th>Where they stand</th>
            </tr>
          </thead>
          <tbody>
            {sweeps.map((sweep) =>
              sweep.ok ? (
                <tr key={sweep.sweepId} data-sweep-id={sweep.sweepId}>
                  <td>
                    <Link href={`/sweeps/${encodeURIComponent(sweep.sweepId)}`}>{sweep.name}</Link>{' '}
                    <span className="muted">{sweep.sweepId}</span>
                  </td>
                  <td>{formatDate(sweep.createdAt)}</td>
                  <td className="num">{sweep.trials}</td>
                  <td>
                    {Object.entries(sweep.counts)
                      .map(([state, count]) => `${count} ${state}`)
                      .join(', ')}
                  </td>
                </tr>
              ) : (
                <tr key={sweep.sweepId} data-sweep-id={sweep.sweepId} className="error-row">
                  <td>{sweep.sweepId}</td>
                  <td colSpan={3}>
                    <span className="status status-error">unreadable</span> {sweep.error}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
