/** In place of a run's map when it has no embedding.json: the command that computes it. */
export function MapMissing({ runId }: { runId: string }) {
  return (
    <p className="muted" data-testid="map-missing">
      No map for this run: compute it with <code>npx nx run cli:explain -- {runId}</code>
    </p>
  );
}
