import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests import sibling packages by their public names; these aliases point those names at the
 * sources, so a test never needs a compiled `dist/` of another package.
 * The `/node` entries come first: aliases match by prefix.
 */
const workspaceAliases = ['data', 'run', 'tfjs-wasm-training', 'core', 'sweep-queue'].flatMap(
  (name) => [
    { find: `@fashion-lab/${name}/node`, replacement: `${packagesDir}${name}/src/node.ts` },
    { find: `@fashion-lab/${name}/testing`, replacement: `${packagesDir}${name}/src/testing.ts` },
    {
      find: new RegExp(`^@fashion-lab/${name}$`),
      replacement: `${packagesDir}${name}/src/index.ts`,
    },
  ],
);

/** The vitest config every package starts from: colocated tests, quiet console, source aliases. */
export function fashionLabTestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { alias: workspaceAliases },
    test: {
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
      setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
      testTimeout: 30_000,
      // Some suites train a small model once in beforeAll; on a busy 2-core machine that can take
      // longer than vitest's 10 s default for hooks.
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
