import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { Client, Reply } from './context.js';
import { DEMO } from './context.js';

// Real files to upload in tests: a PNG and a PDF a viewer opens, and a multipart body.

/** A PNG chunk: length, type, data, CRC-32 over type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A real 2×2 RGB PNG; `seed` varies the pixels so each call can give distinct bytes. */
export function makePng(seed = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter and interlace stay 0
  const rows = Buffer.from([0, seed & 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function makePdf(padding = 0): Buffer {
  const text = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(padding, 0x20)]);
}

/** A multipart/form-data body: the form fields first, then the file. */
export function multipart(
  file: { name: string; bytes: Buffer; type?: string },
  fields: Record<string, string>,
): { body: Buffer; headers: Record<string, string> } {
  const boundary =
    '----qingfeng' + createHash('sha1').update(file.bytes).digest('hex').slice(0, 16);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Upload a file as the client, into a region (a village by default). */
export function upload(
  client: Client,
  file: { name: string; bytes: Buffer; type?: string },
  regionCode: string = DEMO.villageA,
  isPublic = false,
): Promise<Reply> {
  const { body, headers } = multipart(file, { regionCode, ...(isPublic ? { isPublic: '1' } : {}) });
  return client.post('/api/v1/files', body, headers);
}
