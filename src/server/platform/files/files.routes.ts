import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { Id, RegionCode } from '../../../shared/schemas/common.js';
import { AppError, fieldError } from '../errors.js';
import { actorOf, principalOf, type App } from '../http/types.js';
import { blobPath, readableFile, storeFile } from './files.service.js';

export const FileDto = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  originalName: z.string(),
  regionCode: z.string(),
  isPublic: z.boolean(),
});

export function registerFileRoutes(app: App): void {
  const { db, config } = app;
  const tags = ['files'];

  app.post(
    '/api/v1/files',
    {
      schema: { tags, consumes: ['multipart/form-data'], response: { 201: FileDto } },
      config: { access: { permission: 'file.write' } },
    },
    async (request, reply) => {
      const part = await request.file();
      if (!part) throw fieldError('file', 'no file', 'required');
      const fields = part.fields as Record<string, { value?: unknown } | undefined>;
      const regionCode = RegionCode.safeParse(fields.regionCode?.value);
      if (!regionCode.success)
        throw fieldError('regionCode', 'not a region code', 'region.unknown');
      const bytes = await part.toBuffer().catch((error: unknown) => {
        throw new AppError('PAYLOAD_TOO_LARGE', String(error));
      });
      const row = await storeFile(db, config, principalOf(request), actorOf(request), {
        bytes,
        originalName: part.filename,
        regionCode: regionCode.data,
        isPublic: fields.isPublic?.value === '1',
      });
      return reply.status(201).send({
        id: row.id,
        sha256: row.sha256,
        size: row.size,
        mime: row.mime,
        originalName: row.original_name,
        regionCode: row.region_code,
        isPublic: row.is_public === 1,
      });
    },
  );

  app.get(
    '/api/v1/files/:id',
    { schema: { tags, params: z.object({ id: Id }) }, config: { access: { public: true } } },
    async (request, reply) => {
      const row = await readableFile(db, request.principal, request.params.id);
      reply.header('content-type', row.mime);
      reply.header('x-content-type-options', 'nosniff');
      // An upload is shown, never run: no scripts, no plugins, no same-origin access.
      reply.header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox");
      reply.header(
        'content-disposition',
        `inline; filename*=UTF-8''${encodeURIComponent(row.original_name)}`,
      );
      return reply.send(createReadStream(blobPath(config, row.sha256)));
    },
  );
}
