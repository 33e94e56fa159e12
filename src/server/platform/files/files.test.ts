import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type Reply,
  type TestContext,
  countRows,
} from '../../../../test/support/context.js';
import { makePdf, makePng, upload } from '../../../../test/support/uploads.js';
import type { ErrorBody } from '../../../shared/errors.js';
import { blobPath } from './files.service.js';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface FileDto {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  regionCode: string;
  isPublic: boolean;
}

/** A real zip archive (deflated entries, central directory), as Office Open XML files are. */
function makeZip(entries: { name: string; content: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.content, 'utf8');
    const data = zlib.deflateRawSync(raw);
    const crc = zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5c21, 12); // date: 2026-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5c21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function makeDocx(): Buffer {
  return makeZip([
    {
      name: '[Content_Types].xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: 'word/document.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>整改报告</w:t></w:r></w:p></w:body></w:document>',
    },
  ]);
}

function errorOf(reply: Reply): ErrorBody['error'] {
  return reply.json<ErrorBody>().error;
}

/** Every stored blob and leftover temp file under the data folder. */
function blobsOn(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

function fileRows(ctx: TestContext): Promise<number> {
  return countRows(ctx.db, 'file');
}

describe.each(DB_KINDS)('files on %s', (kind) => {
  let ctx: TestContext;
  let cadre: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    cadre = await ctx.login('cadre');
  });
  afterAll(() => ctx.close());

  it('stores a PNG, a PDF and a DOCX with the type read from their bytes, each audited', async () => {
    const cases = [
      { name: '现场照片.png', bytes: makePng(1), mime: 'image/png' },
      { name: 'report.pdf', bytes: makePdf(), mime: 'application/pdf' },
      // The claimed type is ignored: the bytes decide.
      { name: '整改报告.docx', bytes: makeDocx(), mime: DOCX_MIME, type: 'text/plain' },
    ];
    for (const file of cases) {
      const reply = await upload(cadre, file);
      expect(reply.status, file.name).toBe(201);
      const dto = reply.json<FileDto>();
      expect(dto).toMatchObject({
        mime: file.mime,
        size: file.bytes.length,
        originalName: file.name,
        regionCode: DEMO.villageA,
        isPublic: false,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
      });
      const event = await ctx.db
        .selectFrom('audit_event')
        .selectAll()
        .where('entity', '=', 'file')
        .where('entity_id', '=', dto.id)
        .executeTakeFirstOrThrow();
      expect(event.action).toBe('file.create');
      expect(event.actor_name).toBe('cadre');
      expect(event.region_code).toBe(DEMO.villageA);
    }
  });

  it('accepts a file larger than the JSON body limit when under the upload limit', async () => {
    const big = makePdf(1536 * 1024);
    const reply = await upload(cadre, { name: 'big.pdf', bytes: big });
    expect(reply.status).toBe(201);
    expect(reply.json<FileDto>().size).toBe(big.length);
  });

  it('refuses an executable dressed as a PNG, and stores nothing', async () => {
    const rows = await fileRows(ctx);
    const blobs = blobsOn(ctx.config.dataDir);
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(126),
      Buffer.from('PE\0\0'),
      Buffer.alloc(64, 1),
    ]);
    const reply = await upload(cadre, { name: 'x.png', bytes: exe, type: 'image/png' });
    expect(reply.status).toBe(415);
    expect(errorOf(reply).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const zip = await upload(cadre, {
      name: 'x.docx',
      bytes: makeZip([{ name: 'payload.exe', content: 'MZ' }]),
    });
    expect(zip.status).toBe(415);
    expect(await fileRows(ctx)).toBe(rows);
    expect(blobsOn(ctx.config.dataDir)).toEqual(blobs);
  });

  it('refuses an empty file', async () => {
    const rows = await fileRows(ctx);
    const reply = await upload(cadre, { name: 'empty.pdf', bytes: Buffer.alloc(0) });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).message).toBe('文件为空');
    expect(await fileRows(ctx)).toBe(rows);
  });

  it('refuses an upload to a region the caller may not write to', async () => {
    const rows = await fileRows(ctx);
    const reply = await upload(cadre, { name: 'b.png', bytes: makePng(2) }, DEMO.villageB);
    expect(reply.status).toBe(403);
    const county = await ctx.login('county');
    const viewer = await upload(county, { name: 'c.png', bytes: makePng(3) });
    expect(viewer.status).toBe(403);
    expect(await fileRows(ctx)).toBe(rows);
  });

  it('stores the same bytes once on disk', async () => {
    const bytes = makePng(42);
    const first = (await upload(cadre, { name: 'one.png', bytes })).json<FileDto>();
    const blobs = blobsOn(ctx.config.dataDir);
    const second = (await upload(cadre, { name: 'two.png', bytes })).json<FileDto>();
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    expect(blobsOn(ctx.config.dataDir)).toEqual(blobs);
    expect(blobs.filter((name) => name === first.sha256)).toHaveLength(1);
    expect(blobs.some((name) => name.endsWith('.tmp'))).toBe(false);
    expect(existsSync(blobPath(ctx.config, first.sha256))).toBe(true);
  });

  it('gives the bytes back to readers in scope only, and public files to anyone', async () => {
    const bytes = makePng(77);
    const file = (await upload(cadre, { name: '照片.png', bytes })).json<FileDto>();
    const url = `/api/v1/files/${file.id}`;

    const own = await cadre.get(url);
    expect(own.status).toBe(200);
    expect(own.raw.headers['content-type']).toBe('image/png');
    expect(own.raw.headers['x-content-type-options']).toBe('nosniff');
    expect(own.raw.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(own.raw.rawPayload, bytes)).toBe(0);

    const town = await ctx.login('town');
    const byTown = await town.get(url);
    expect(byTown.status).toBe(200);
    expect(Buffer.compare(byTown.raw.rawPayload, bytes)).toBe(0);

    const cadre2 = await ctx.login('cadre2');
    expect((await cadre2.get(url)).status).toBe(404);
    expect((await ctx.anon.get(url)).status).toBe(404);
    expect((await ctx.anon.get('/api/v1/files/no-such-file')).status).toBe(404);

    const publicBytes = makePdf(10);
    const published = await upload(
      cadre,
      { name: '公示.pdf', bytes: publicBytes },
      DEMO.villageA,
      true,
    );
    expect(published.json<FileDto>().isPublic).toBe(true);
    const row = await ctx.db
      .selectFrom('file')
      .select('is_public')
      .where('id', '=', published.json<FileDto>().id)
      .executeTakeFirstOrThrow();
    expect(row.is_public).toBe(1);
    const byResident = await ctx.anon.get(`/api/v1/files/${published.json<FileDto>().id}`);
    expect(byResident.status).toBe(200);
    expect(byResident.raw.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(byResident.raw.rawPayload, publicBytes)).toBe(0);
    expect((await cadre2.get(`/api/v1/files/${published.json<FileDto>().id}`)).status).toBe(200);
  });
});

describe.each(DB_KINDS)('upload limit on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { QF_UPLOAD_LIMIT_MB: '1' } });
  });
  afterAll(() => ctx.close());

  it('refuses a file above the limit with 413 and stores nothing', async () => {
    const cadre = await ctx.login('cadre');
    const rows = await fileRows(ctx);
    const reply = await upload(cadre, { name: 'huge.pdf', bytes: makePdf(1536 * 1024) });
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await fileRows(ctx)).toBe(rows);
    expect(blobsOn(ctx.config.dataDir)).toEqual([]);

    const small = await upload(cadre, { name: 'small.pdf', bytes: makePdf(512 * 1024) });
    expect(small.status).toBe(201);
  });
});
