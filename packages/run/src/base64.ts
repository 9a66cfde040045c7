// Standard padded base64 through the platform's own atob/btoa (Node and every browser have them),
// with the strictness atob lacks: it accepts missing padding and white space, run files may not.
const PADDED_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** btoa takes a "binary string"; building it in slices keeps the argument list of fromCharCode short. */
const SLICE = 0x8000;

/** Standard base64 (with padding) of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}

/**
 * The number of bytes `text` decodes to, or undefined when it is not valid padded base64.
 * Checks every character, so validators can use it without decoding.
 */
export function base64DecodedLength(text: string): number | undefined {
  if (text.length % 4 !== 0 || !PADDED_BASE64.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Decodes standard padded base64; throws a RangeError on anything else. */
export function decodeBase64(text: string): Uint8Array {
  if (base64DecodedLength(text) === undefined) {
    throw new RangeError('decodeBase64: not valid padded base64');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
