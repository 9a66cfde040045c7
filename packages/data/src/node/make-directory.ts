import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A folder that cannot be made where it was asked for; the message names it and says why. */
export class DirectoryCreateError extends Error {
  override readonly name = 'DirectoryCreateError';

  constructor(
    readonly dir: string,
    problem: string,
  ) {
    super(`${dir} cannot be created: ${problem}`);
  }
}

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // A file higher up: the walk up finds it and names it.
    if (code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Creates `dir` and its missing parents, one level at a time. Node's own recursive mkdir spins
 * forever under /proc (procfs answers ENOENT for a new child, which it reads as "make the parent
 * first"); here an ENOENT below an existing parent is final, and so are a file in the way and a
 * folder that refuses new entries.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const target = resolve(dir);
  const missing: string[] = [];
  let current = target;
  for (;;) {
    const found = await isDirectory(current);
    if (found === true) break;
    if (found === false) {
      throw new DirectoryCreateError(dir, `${current} is a file, not a folder`);
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await isDirectory(level))) continue; // made by another process
      const reasons: Record<string, string> = {
        ENOENT: `${dirname(level)} does not take new folders`,
        EACCES: `permission denied in ${dirname(level)}`,
        EPERM: `permission denied in ${dirname(level)}`,
        EROFS: `${dirname(level)} is on a read-only file system`,
        ENOSPC: 'no space left on the device',
        EEXIST: `${level} is a file, not a folder`,
      };
      throw new DirectoryCreateError(dir, reasons[code ?? ''] ?? String(code));
    }
  }
}
