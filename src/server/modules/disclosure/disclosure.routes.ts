import { z } from 'zod';
import { Id, RegionCode } from '../../../shared/schemas/common.js';
import {
  CatalogueDto,
  ChainPlace,
  DisclosureStatus,
  DisclosureStatusQuery,
  PublicEntryDetail,
  PublicEntryPage,
  PublicEntryQuery,
  PublicVillage,
  PutCatalogueBody,
} from '../../../shared/schemas/disclosure.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/xlsx-reply.js';
import { disclosureStatusSheets } from './disclosure.excel.js';
import {
  catalogueOf,
  chainPlace,
  disclosureStatus,
  publicEntries,
  publicEntry,
  publicVillage,
  putCatalogue,
} from './disclosure.service.js';

export function registerDisclosureRoutes(app: App): void {
  const { db } = app;
  const tags = ['disclosure'];
  const open = { access: { public: true as const } };

  app.get(
    '/api/v1/disclosure/catalogue',
    {
      schema: {
        tags,
        querystring: z.object({ countyCode: RegionCode }),
        response: { 200: CatalogueDto },
      },
      config: open,
    },
    async (request) => catalogueOf(db, request.query.countyCode),
  );

  app.post(
    '/api/v1/disclosure/catalogue',
    {
      schema: { tags, body: PutCatalogueBody, response: { 200: CatalogueDto } },
      config: { access: { permission: 'policy.write' } },
    },
    async (request) =>
      putCatalogue(
        db,
        principalOf(request),
        actorOf(request),
        request.body.countyCode,
        request.body.items,
      ),
  );

  app.get(
    '/api/v1/disclosure/status',
    {
      schema: { tags, querystring: DisclosureStatusQuery, response: { 200: DisclosureStatus } },
      config: { access: { permission: 'ledger.read' } },
    },
    async (request) =>
      disclosureStatus(db, principalOf(request), request.query.regionCode, request.query),
  );

  app.get(
    '/api/v1/disclosure/status/export',
    {
      schema: { tags, querystring: DisclosureStatusQuery },
      config: { access: { permission: 'ledger.read' } },
    },
    async (request, reply) => {
      const status = await disclosureStatus(
        db,
        principalOf(request),
        request.query.regionCode,
        request.query,
      );
      return sendXlsx(reply, `disclosure-${request.query.regionCode}.xlsx`, [
        ...disclosureStatusSheets(status, request.locale),
      ]);
    },
  );

  app.get(
    '/api/v1/public/entries',
    {
      schema: {
        tags: ['public'],
        querystring: PublicEntryQuery,
        response: { 200: PublicEntryPage },
      },
      config: open,
    },
    async (request) => publicEntries(db, request.query),
  );

  app.get(
    '/api/v1/public/entries/:id',
    {
      schema: {
        tags: ['public'],
        params: z.object({ id: Id }),
        response: { 200: PublicEntryDetail },
      },
      config: open,
    },
    async (request) => publicEntry(db, request.params.id),
  );

  app.get(
    '/api/v1/public/villages/:code',
    {
      schema: {
        tags: ['public'],
        params: z.object({ code: RegionCode }),
        response: { 200: PublicVillage },
      },
      config: open,
    },
    async (request) => publicVillage(db, request.params.code),
  );

  app.get(
    '/api/v1/public/disclosures/:id/chain',
    {
      schema: { tags: ['public'], params: z.object({ id: Id }), response: { 200: ChainPlace } },
      config: open,
    },
    async (request) => chainPlace(db, request.params.id),
  );
}
