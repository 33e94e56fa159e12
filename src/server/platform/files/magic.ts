/** File types accepted for upload, decided by their first bytes, never by the name. */

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/**
 * The MIME type of the content, or null when it is not an accepted kind. Office Open XML
 * (docx, xlsx, pptx) is a zip holding `[Content_Types].xml`; legacy Office is an OLE file.
 */
export function detectType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = ascii(bytes, 0, Math.min(bytes.length, 4096));
    if (
      !head.includes('[Content_Types].xml') &&
      !head.includes('word/') &&
      !head.includes('xl/') &&
      !head.includes('ppt/')
    ) {
      return null;
    }
    if (head.includes('word/'))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (head.includes('xl/'))
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (head.includes('ppt/'))
      return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    return 'application/vnd.openxmlformats-officedocument';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return 'application/x-ole-storage';
  return null;
}
