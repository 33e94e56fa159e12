import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nanoid } from 'nanoid';
import type { Config } from '../../config.js';
import type { Db, Row } from '../../db/schema.js';
import { can, requirePermission, type Principal } from '../access/access.js';
import { insertAudited, type Actor, transact } from '../audit/audit.js';
import { AppError, fieldError } from '../errors.js';
import { detectType } from './magic.js';
import { newId } from '../ids.js';

/** Where the bytes of a file live: content-addressed by SHA-256 under the data folder. */
export function blobPath(config: Config, sha256: string): string {
  return path.join(config.dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export interface UploadInput {
  bytes: Buffer;
  originalName: string;
  regionCode: string;
  isPublic: boolean;
}

/**
 * Store an upload in a region the caller may write to. Its type is read from its bytes
 * (images, PDF, Office documents), the same content is stored once.
 */
export async function storeFile(
  db: Db,
  config: Config,
  principal: Principal,
  actor: Actor,
  input: UploadInput,
): Promise<Row<'file'>> {
  requirePermission(principal, 'file.write', input.regionCode);
  return saveFile(db, config, actor, input);
}

/**
 * Store a resident's photo for a case they file (no account): images only, never public,
 * readable by the staff of the region.
 */
export async function storeResidentPhoto(
  db: Db,
  config: Config,
  actor: Actor,
  input: Omit<UploadInput, 'isPublic'>,
): Promise<Row<'file'>> {
  if (!detectType(input.bytes)?.startsWith('image/')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'photos only', undefined, 'file.photoOnly');
  }
  return saveFile(db, config, actor, { ...input, isPublic: false });
}

async function saveFile(
  db: Db,
  config: Config,
  actor: Actor,
  input: UploadInput,
): Promise<Row<'file'>> {
  if (input.bytes.length === 0)
    throw new AppError('BAD_REQUEST', 'empty file', undefined, 'file.empty');
  if (input.bytes.length > config.uploadLimitBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'file too large');
  const mime = detectType(input.bytes);
  if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'not an accepted file type');
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const target = blobPath(config, sha256);
  if (!existsSync(target)) {
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${nanoid(8)}.tmp`;
    writeFileSync(temp, input.bytes);
    renameSync(temp, target);
  }
  return transact(db, (trx) =>
    insertAudited(trx, actor, 'file', {
      id: newId(),
      sha256,
      size: input.bytes.length,
      mime,
      original_name: input.originalName.slice(0, 200),
      region_code: input.regionCode,
      is_public: input.isPublic ? 1 : 0,
      uploaded_by: actor.id,
      created_at: new Date().toISOString(),
    }),
  );
}

/** What a field takes: photos only, or photos and PDF (rectification evidence). */
export type FileAccept = 'photo' | 'photoOrPdf';

/**
 * The uploads a form names, checked before it is saved: each one exists and was uploaded to
 * `regionCode`, and is of a kind the field takes. Refused naming the field.
 */
export async function requireUploads(
  db: Db,
  ids: readonly string[],
  options: { regionCode: string; field: string; accept: FileAccept },
): Promise<void> {
  if (ids.length === 0) return;
  const files = await db
    .selectFrom('file')
    .select(['id', 'mime', 'region_code'])
    .where('id', 'in', [...ids])
    .execute();
  if (files.length !== new Set(ids).size || files.some((f) => f.region_code !== options.regionCode))
    throw fieldError(options.field, 'unknown file', 'file.unknown');
  const accepted = (mime: string) =>
    mime.startsWith('image/') || (options.accept === 'photoOrPdf' && mime === 'application/pdf');
  if (files.some((f) => !accepted(f.mime)))
    throw options.accept === 'photo'
      ? fieldError(options.field, 'photos only', 'file.photoOnly')
      : fieldError(options.field, 'images or PDF', 'finding.evidenceType');
}

/** A file's row when the caller may read it: public files to anyone, others within scope. */
export async function readableFile(
  db: Db,
  principal: Principal | null,
  id: string,
): Promise<Row<'file'>> {
  const row = await db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.is_public !== 1 && !can(principal, 'file.read', row.region_code))) {
    throw new AppError('NOT_FOUND', 'file');
  }
  return row;
}
