import { grayPngDataUri } from '@fashion-lab/data';

/** A 28x28 sample's base64 pixels (as stored in evaluation.json) as a PNG data URI. */
export function sampleImageUri(base64Pixels: string, size = 28): string {
  return grayPngDataUri(size, size, new Uint8Array(Buffer.from(base64Pixels, 'base64')));
}
