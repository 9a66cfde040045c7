import { readFileSync } from 'node:fs';
import { version as tfjsVersions } from '@tensorflow/tfjs';

function fashionLabVersion(): string {
  try {
    // src/node/ and dist/node/ both sit two levels below the package's own package.json.
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The versions every run.json records: tfjs, Node and fashion-lab itself. */
export function runtimeVersions(): Record<string, string> {
  return {
    'fashion-lab': fashionLabVersion(),
    tfjs: tfjsVersions.tfjs,
    node: process.version,
  };
}
