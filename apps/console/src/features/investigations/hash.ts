/**
 * The SHA-256 of a file picked on this device, as 64 lower-case hexadecimal characters: computed in the
 * browser, so the file itself never leaves the device; only its fingerprint is sent.
 */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
