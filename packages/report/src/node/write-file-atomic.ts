import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeDirectory } from '@fashion-lab/data/node';

/** Writes `text` to `file` through a temp file and a rename, creating folders: readers never see half a file. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await makeDirectory(dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
