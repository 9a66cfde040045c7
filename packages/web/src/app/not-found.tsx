import Link from 'next/link';

/** Unknown pages and run ids that are malformed, missing or outside the runs directory. */
export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no such page or run. <Link href="/">Back to the runs</Link>.
      </p>
    </>
  );
}
