import { z } from 'zod';
import {
  CatalogueQuery,
  CatalogueVersionDto,
  DutyDto,
  FlowchartQuery,
  LiaisonStationDto,
  MemberLeavesBody,
  NewCatalogueBody,
  NewDutyBody,
  NewMemberBody,
  NewStationBody,
} from '../../../shared/schemas/supervision.js';
import { RegionCode } from '../../../shared/schemas/common.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import {
  catalogueFlowchart,
  catalogueInForce,
  catalogueVersions,
  saveCatalogue,
} from './catalogue.service.js';
import {
  addDuty,
  addMember,
  createStation,
  dutyLog,
  getStation,
  listStations,
  memberLeaves,
} from './stations.service.js';
import { townGrid, villageHits } from './rules.service.js';
import { requirePermission } from '../../platform/access/access.js';
import { regionLevel } from '../../../shared/region.js';
import { fieldError } from '../../platform/errors.js';

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

  const station = z.object({ id: z.string().max(40) });

  app.get(
    '/api/v1/supervision/stations',
    {
      schema: {
        tags,
        querystring: z.object({ regionCode: RegionCode }),
        response: { 200: z.array(LiaisonStationDto) },
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => listStations(db, principalOf(request), request.query.regionCode),
  );

  app.post(
    '/api/v1/supervision/stations',
    {
      schema: { tags, body: NewStationBody, response: { 201: LiaisonStationDto } },
      config: { access: { permission: 'supervision.configure' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createStation(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/supervision/stations/:id',
    {
      schema: { tags, params: station, response: { 200: LiaisonStationDto } },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => getStation(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/supervision/stations/:id/members',
    {
      schema: { tags, params: station, body: NewMemberBody, response: { 200: LiaisonStationDto } },
      config: { access: { permission: 'supervision.configure' } },
    },
    async (request) =>
      addMember(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/supervision/stations/:id/members/:memberId/leave',
    {
      schema: {
        tags,
        params: station.extend({ memberId: z.string().max(40) }),
        body: MemberLeavesBody,
        response: { 200: LiaisonStationDto },
      },
      config: { access: { permission: 'supervision.configure' } },
    },
    async (request) =>
      memberLeaves(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.params.memberId,
        request.body.leftOn,
      ),
  );

  app.get(
    '/api/v1/supervision/stations/:id/duty',
    {
      schema: {
        tags,
        params: station,
        querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
        response: { 200: z.array(DutyDto) },
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => dutyLog(db, principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/supervision/stations/:id/duty',
    {
      schema: { tags, params: station, body: NewDutyBody, response: { 201: DutyDto } },
      config: { access: { permission: 'supervision.duty' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addDuty(
            db,
            principalOf(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/v1/supervision/grid',
    {
      schema: {
        tags,
        querystring: z.object({ regionCode: RegionCode }),
        response: {
          200: z.array(
            z.object({
              regionCode: z.string(),
              regionName: z.string(),
              red: z.number().int(),
              yellow: z.number().int(),
              level: z.enum(['red', 'yellow', 'green']),
            }),
          ),
        },
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => townGrid(db, principalOf(request), request.query.regionCode),
  );

  app.get(
    '/api/v1/supervision/hits',
    {
      schema: {
        tags,
        querystring: z.object({ regionCode: RegionCode }),
        response: {
          200: z.array(
            z.object({
              rule: z.string(),
              key: z.string(),
              regionCode: z.string(),
              entryIds: z.array(z.string()),
              severity: z.enum(['red', 'yellow']),
              evidence: z.record(z.string(), z.unknown()),
              threshold: z.record(z.string(), z.unknown()),
            }),
          ),
        },
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => {
      const { regionCode } = request.query;
      if (regionLevel(regionCode) !== 'village') {
        throw fieldError('regionCode', 'a village', 'ledger.notVillage');
      }
      requirePermission(principalOf(request), 'supervision.read', regionCode);
      return (await villageHits(db, regionCode)).map((hit) => ({
        ...hit,
        entryIds: [...hit.entryIds],
      }));
    },
  );
}
