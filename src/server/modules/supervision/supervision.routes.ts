import { z } from 'zod';
import {
  CatalogueQuery,
  CatalogueVersionDto,
  FlowchartQuery,
  NewCatalogueBody,
} from '../../../shared/schemas/supervision.js';
import { RegionCode } from '../../../shared/schemas/common.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import {
  catalogueFlowchart,
  catalogueInForce,
  catalogueVersions,
  saveCatalogue,
} from './catalogue.service.js';

/** 六小一督: the supervision catalogue and its flowchart. */
export function registerSupervisionRoutes(app: App): void {
  const { db } = app;
  const tags = ['supervision'];
  const open = { access: { public: true as const } };

  app.get(
    '/api/v1/supervision/catalogue',
    {
      schema: { tags, querystring: CatalogueQuery, response: { 200: CatalogueVersionDto } },
      config: open,
    },
    async (request) => catalogueInForce(db, request.query.regionCode, request.query.date),
  );

  app.get(
    '/api/v1/supervision/catalogue/versions',
    {
      schema: {
        tags,
        querystring: z.object({ regionCode: RegionCode }),
        response: { 200: z.array(CatalogueVersionDto) },
      },
      config: open,
    },
    async (request) => catalogueVersions(db, request.query.regionCode),
  );

  app.post(
    '/api/v1/supervision/catalogue',
    {
      schema: { tags, body: NewCatalogueBody, response: { 201: CatalogueVersionDto } },
      config: { access: { permission: 'supervision.configure' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await saveCatalogue(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/supervision/flowchart.svg',
    { schema: { tags, querystring: FlowchartQuery }, config: open },
    async (request, reply) =>
      reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await catalogueFlowchart(db, request.query, request.locale)),
  );
}
