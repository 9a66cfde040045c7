import type { NextConfig } from 'next';

/**
 * The dashboard reads the workspace libraries from their compiled `dist/` (the `default` export
 * condition), so `web:build`/`web:dev` depend on `^compile`; transpilePackages lets Next bundle
 * their ESM for the browser (try-it runs core's preprocessing and tfjs there).
 */
const nextConfig: NextConfig = {
  transpilePackages: ['@fashion-lab/core', '@fashion-lab/data', '@fashion-lab/tfjs-wasm-training'],
  // Loaded by Node at runtime on the server, never bundled: tfjs-node is optional and may be absent.
  serverExternalPackages: [
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-backend-wasm',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // `web:typecheck` type-checks (with the project's strict settings); the build need not repeat it.
  typescript: { ignoreBuildErrors: true, tsconfigPath: 'tsconfig.next.json' },
  images: { unoptimized: true },
  turbopack: {
    ignoreIssue: [
      // Core tries the optional tfjs-node inside try/catch; its absence is expected.
      { path: '**/core/dist/node/**', title: /Can't resolve '@tensorflow\/tfjs-node'/ },
      // Reading runs/ at request time is the point of this server (file tracing cannot scope it).
      { path: '**', title: /Dynamic filesystem access causes tracing/ },
    ],
  },
};

export default nextConfig;
