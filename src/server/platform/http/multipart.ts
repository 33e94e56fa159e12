import type { FastifyRequest } from 'fastify';
import { AppError, fieldError } from '../errors.js';

/** The one file and the text fields of a multipart form (the file field comes last). */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string | undefined>; file: Buffer; fileName: string }> {
  const part = await request.file();
  if (!part) throw fieldError('file', 'no file', 'required');
  const fields: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const field = Array.isArray(value) ? value[0] : value;
    if (field && field.type === 'field' && typeof field.value === 'string') {
      fields[name] = field.value;
    }
  }
  const file = await part.toBuffer().catch((error: unknown) => {
    throw new AppError('PAYLOAD_TOO_LARGE', String(error));
  });
  if (file.length === 0) throw fieldError('file', 'empty', 'file.empty');
  return { fields, file, fileName: part.filename };
}
