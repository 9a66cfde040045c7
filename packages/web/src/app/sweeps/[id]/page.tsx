import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ErrorCard } from '../../../components/error-card';
import { SweepDashboard } from '../../../components/sweep-dashboard';
import { formatDate } from '../../../lib/format';
import { loadSweepView } from '../../../lib/sweep-data';

interface SweepPageProps {
  params: Promise<{ id: string }>;
}

/**
 * One sweep: its answer, progress while it runs, the parallel-coordinates plot with brushing and
 * the trials grouped by config. A missing or damaged sweep.json is said in one sentence.
 */
export default async function SweepPage({ params }: SweepPageProps) {
  await connection();
  const { id } = await params;
  const view = await loadSweepView(id);
  if (view === undefined) notFound();
  if (!view.ok) {
    return (
      <>
        <h1>Sweep {id}</h1>
        <ErrorCard title="This sweep cannot be shown." message={view.error} />
        <p>
          <Link href="/sweeps">All sweeps</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>
        Sweep {view.name} <span className="muted">{view.sweepId}</span>
      </h1>
      <p className="muted">
        {view.trials.length} trials, started {formatDate(view.createdAt)}
        {view.description === undefined ? null : ` · ${view.description}`} ·{' '}
        <Link href="/sweeps">all sweeps</Link>
      </p>
      <SweepDashboard initial={view} />
    </>
  );
}
