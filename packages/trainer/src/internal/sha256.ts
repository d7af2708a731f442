/**
 * The SHA-256 of some bytes as 64 lower-case hex digits, through Web Crypto (Node ≥ 20 and
 * browsers have it as `globalThis.crypto`), so browser bundles need no `node:crypto`.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } } }).crypto
    ?.subtle;
  if (subtle === undefined) throw new Error('sha256Hex: this runtime has no Web Crypto (globalThis.crypto.subtle)');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
