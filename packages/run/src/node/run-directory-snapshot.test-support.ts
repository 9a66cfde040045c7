import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir` (recursively) with its bytes, for checking that nothing was written. */
export async function snapshotDirectory(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
  }
  return files;
}
