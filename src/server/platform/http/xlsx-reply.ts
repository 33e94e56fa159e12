import type { FastifyReply } from 'fastify';
import { writeXlsxSheets, type XlsxSheet } from '../documents/xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Send a workbook as a download named `fileName` (UTF-8, so Chinese names survive). */
export function sendXlsxBytes(reply: FastifyReply, fileName: string, bytes: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(bytes);
}

/** Write sheets into a workbook and send it as a download. */
export async function sendXlsx(reply: FastifyReply, fileName: string, sheets: XlsxSheet[]) {
  return sendXlsxBytes(reply, fileName, await writeXlsxSheets(sheets));
}
