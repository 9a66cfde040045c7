import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'fashion-lab',
  description:
    'Fashion-MNIST training runs: curves, mistakes, comparisons, and the model in your browser.',
};

/** The frame of every page: navigation and system fonts only (no request leaves the machine). */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site">
          <Link href="/" className="brand">
            fashion-lab
          </Link>
          <nav>
            <Link href="/">Runs</Link>
            <Link href="/sweeps">Sweeps</Link>
            <Link href="/compare">Compare</Link>
            <Link href="/try">Try it</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
