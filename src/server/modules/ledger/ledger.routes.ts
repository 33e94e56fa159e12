import { z } from 'zod';
import { Id } from '../../../shared/schemas/common.js';
import {
  AmendLedgerBody,
  DiscloseBody,
  ImportReport,
  LedgerActionBody,
  LedgerEntryDto,
  LedgerListQuery,
  LedgerPage,
  NewLedgerEntryBody,
  ReasonBody,
  ReviewBody,
  TemplateQuery,
} from '../../../shared/schemas/ledger.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import { readMultipart } from '../../platform/http/multipart.js';
import { sendXlsx, sendXlsxBytes } from '../../platform/http/xlsx-reply.js';
import {
  actOnEntry,
  amendEntry,
  createEntry,
  discloseEntry,
  exportLedger,
  getEntry,
  listLedger,
  overrideResolution,
  reviewEntry,
  submitForReview,
  voidEntry,
} from './ledger.service.js';
import { importLedger, importTemplate } from './ledger.import.js';
import { ledgerChanged, queueWarningSync } from '../supervision/findings.service.js';
import { ledgerExportColumns, ledgerExportRow } from './ledger.excel.js';

export function registerLedgerRoutes(app: App): void {
  const { db } = app;
  const tags = ['ledger'];
  const params = z.object({ id: Id });
  const read = { access: { permission: 'ledger.read' as const } };
  const write = { access: { permission: 'ledger.write' as const } };

  app.get(
    '/api/v1/ledger',
    { schema: { tags, querystring: LedgerListQuery, response: { 200: LedgerPage } }, config: read },
    async (request) => listLedger(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/ledger/export',
    { schema: { tags, querystring: LedgerListQuery }, config: read },
    async (request, reply) => {
      const items = await exportLedger(db, principalOf(request), request.query);
      const locale = request.locale;
      return sendXlsx(reply, `ledger-${request.query.regionCode}.xlsx`, [
        {
          name: locale === 'zh-CN' ? '台账' : 'Ledger',
          columns: ledgerExportColumns(locale),
          rows: items.map((item) => ledgerExportRow(item, locale)),
        },
      ]);
    },
  );

  app.get(
    '/api/v1/ledger/template',
    { schema: { tags, querystring: TemplateQuery }, config: write },
    async (request, reply) => {
      const { bytes, fileName } = await importTemplate(
        db,
        principalOf(request),
        request.query,
        request.locale,
      );
      return sendXlsxBytes(reply, fileName, bytes);
    },
  );

  app.post(
    '/api/v1/ledger/import',
    {
      schema: { tags, consumes: ['multipart/form-data'], response: { 200: ImportReport } },
      config: write,
    },
    async (request) => {
      const { fields, file } = await readMultipart(request);
      const report = await importLedger(db, principalOf(request), actorOf(request), {
        regionCode: fields.regionCode,
        kind: fields.kind,
        mode: fields.mode,
        bytes: file,
        locale: request.locale,
      });
      if (fields.regionCode) queueWarningSync(db, fields.regionCode, null);
      return report;
    },
  );

  app.post(
    '/api/v1/ledger',
    {
      schema: { tags, body: NewLedgerEntryBody, response: { 201: LedgerEntryDto } },
      config: write,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          ledgerChanged(
            db,
            await createEntry(db, principalOf(request), actorOf(request), request.body),
          ),
        ),
  );

  app.get(
    '/api/v1/ledger/:id',
    { schema: { tags, params, response: { 200: LedgerEntryDto } }, config: read },
    async (request) => getEntry(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/ledger/:id/amend',
    {
      schema: { tags, params, body: AmendLedgerBody, response: { 200: LedgerEntryDto } },
      config: write,
    },
    async (request) =>
      ledgerChanged(
        db,
        await amendEntry(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/v1/ledger/:id/actions',
    {
      schema: { tags, params, body: LedgerActionBody, response: { 200: LedgerEntryDto } },
      config: write,
    },
    async (request) =>
      ledgerChanged(
        db,
        await actOnEntry(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/v1/ledger/:id/void',
    {
      schema: { tags, params, body: ReasonBody, response: { 200: LedgerEntryDto } },
      config: write,
    },
    async (request) =>
      ledgerChanged(
        db,
        await voidEntry(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body.reason,
        ),
      ),
  );

  app.post(
    '/api/v1/ledger/:id/override',
    {
      schema: { tags, params, body: ReasonBody, response: { 200: LedgerEntryDto } },
      config: { access: { permission: 'ledger.override' } },
    },
    async (request) =>
      ledgerChanged(
        db,
        await overrideResolution(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body.reason,
        ),
      ),
  );

  app.post(
    '/api/v1/ledger/:id/submit',
    {
      schema: { tags, params, body: DiscloseBody, response: { 200: LedgerEntryDto } },
      config: write,
    },
    async (request) =>
      ledgerChanged(
        db,
        await submitForReview(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body.expectedVersion,
        ),
      ),
  );

  app.post(
    '/api/v1/ledger/:id/review',
    {
      schema: { tags, params, body: ReviewBody, response: { 200: LedgerEntryDto } },
      config: { access: { permission: 'ledger.review' } },
    },
    async (request) =>
      ledgerChanged(
        db,
        await reviewEntry(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/v1/ledger/:id/disclose',
    {
      schema: { tags, params, body: DiscloseBody, response: { 200: LedgerEntryDto } },
      config: write,
    },
    async (request) =>
      ledgerChanged(
        db,
        await discloseEntry(
          db,
          principalOf(request),
          actorOf(request),
          request.params.id,
          request.body.expectedVersion,
        ),
      ),
  );
}
