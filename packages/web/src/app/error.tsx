'use client';

import { ErrorCard } from '../components/error-card';

/** Whatever a page could not render shows here; the navigation and other pages keep working. */
export default function PageError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <ErrorCard title="This page could not be shown" message={error.message} />
      <button type="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
