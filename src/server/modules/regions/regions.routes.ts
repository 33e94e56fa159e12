import { z } from 'zod';
import { RegionCode } from '../../../shared/schemas/common.js';
import { RegionChildrenQuery, RegionDto, UnitDto } from '../../../shared/schemas/regions.js';
import { principalOf, type App } from '../../platform/http/types.js';
import { getRegion, listChildren, listMyRegions, listUnits } from './regions.service.js';

export function registerRegionRoutes(app: App): void {
  const { db } = app;
  const tags = ['regions'];

  app.get(
    '/api/v1/regions',
    {
      schema: { tags, querystring: RegionChildrenQuery, response: { 200: z.array(RegionDto) } },
      config: { access: { public: true } },
    },
    async (request) => listChildren(db, request.query.parent),
  );

  app.get(
    '/api/v1/regions/mine',
    {
      schema: {
        tags,
        querystring: z.object({ villages: z.enum(['0', '1']).default('0') }),
        response: { 200: z.array(RegionDto) },
      },
      config: { access: { permission: 'region.read' } },
    },
    async (request) => listMyRegions(db, principalOf(request), request.query.villages === '1'),
  );

  app.get(
    '/api/v1/regions/:code',
    {
      schema: { tags, params: z.object({ code: RegionCode }), response: { 200: RegionDto } },
      config: { access: { public: true } },
    },
    async (request) => getRegion(db, request.params.code),
  );

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags,
        querystring: z.object({ regionCode: RegionCode.optional() }),
        response: { 200: z.array(UnitDto) },
      },
      config: { access: { permission: 'unit.read' } },
    },
    async (request) => listUnits(db, principalOf(request), request.query.regionCode),
  );
}
