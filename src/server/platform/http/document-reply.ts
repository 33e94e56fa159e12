import type { FastifyReply } from 'fastify';
import type { OfficialDocument } from '../documents/official.js';
import { renderDocx } from '../documents/docx.js';
import { renderPdf } from '../documents/pdf.js';

export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Send bytes as a download named in Chinese (RFC 5987). */
export function sendDownload(reply: FastifyReply, type: string, fileName: string, bytes: Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(bytes);
}

/** An official document as PDF or DOCX. */
export async function sendDocument(
  reply: FastifyReply,
  format: DocumentFormat,
  fileName: string,
  document: OfficialDocument,
) {
  const bytes = format === 'pdf' ? await renderPdf(document) : await renderDocx(document);
  return sendDownload(reply, TYPES[format], `${fileName}.${format}`, bytes);
}
