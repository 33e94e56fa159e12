import type { FastifyReply } from 'fastify';
import type { OfficialDocument } from '../documents/official.js';

export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** SVG pages as a PDF (the flowchart), with the renderer loaded when first asked for. */
export async function svgPagesToPdf(pages: string[]): Promise<Buffer> {
  return (await import('../documents/pdf.js')).svgToPdf(pages);
}

/** Send bytes as a download named in Chinese (RFC 5987). */
export function sendDownload(reply: FastifyReply, type: string, fileName: string, bytes: Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(bytes);
}

/**
 * An official document as PDF or DOCX. The renderers (pdfkit, docx and their fonts) load on
 * the first document, not at start: most requests never need them.
 */
export async function sendDocument(
  reply: FastifyReply,
  format: DocumentFormat,
  fileName: string,
  document: OfficialDocument,
) {
  const bytes =
    format === 'pdf'
      ? await (await import('../documents/pdf.js')).renderPdf(document)
      : await (await import('../documents/docx.js')).renderDocx(document);
  return sendDownload(reply, TYPES[format], `${fileName}.${format}`, bytes);
}
