import { z } from 'zod';
import { Ok } from '../../../shared/schemas/common.js';
import {
  AllianceDto,
  AllianceFigures,
  AllianceListQuery,
  AllianceParams,
  DateRangeQuery,
  DutyShiftDto,
  MemberParams,
  NewAllianceBody,
  NewDutyShiftBody,
  NewMemberBody,
  NewServiceLogBody,
  NewServicePointBody,
  NewStallBody,
  PatchAllianceBody,
  PatchServicePointBody,
  PatchStallBody,
  PointParams,
  PublicServicePoint,
  PublicServicePointQuery,
  ServiceLogDto,
  ServicePointDto,
  ServicePointListQuery,
  ShiftParams,
  StallDto,
  StallParams,
} from '../../../shared/schemas/services.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import {
  addMember,
  addStall,
  allianceFigures,
  createAlliance,
  getAlliance,
  listAlliancesFor,
  listStalls,
  removeMember,
  updateAlliance,
  updateStall,
} from './services.alliances.js';
import {
  addLog,
  addShift,
  getPoint,
  listLogs,
  listPointsFor,
  listShifts,
  publicServicePoints,
  registerPoint,
  removeShift,
  updatePoint,
} from './services.service.js';

/**
 * Service points and legal studios (党群微家, 银采法官), alliances (西街管家) and their stalls.
 * Reading needs case.read over the region; the registries are written with case.config; the
 * duty roster and service log also by the point's own staff (case.handle, checked in the service).
 */
export function registerServiceRoutes(app: App): void {
  const { db } = app;
  const tags = ['services'];
  const read = { access: { permission: 'case.read' as const } };
  const config = { access: { permission: 'case.config' as const } };
  const staff = { access: { permission: 'case.handle' as const } };

  app.get(
    '/api/v1/public/service-points',
    {
      schema: {
        tags,
        querystring: PublicServicePointQuery,
        response: { 200: z.array(PublicServicePoint) },
      },
      config: { access: { public: true } },
    },
    async (request) => publicServicePoints(db, request.query.regionCode),
  );

  app.get(
    '/api/v1/service-points',
    {
      schema: {
        tags,
        querystring: ServicePointListQuery,
        response: { 200: z.array(ServicePointDto) },
      },
      config: read,
    },
    async (request) => listPointsFor(db, principalOf(request), request.query),
  );

  app.post(
    '/api/v1/service-points',
    { schema: { tags, body: NewServicePointBody, response: { 201: ServicePointDto } }, config },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerPoint(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/service-points/:unitId',
    { schema: { tags, params: PointParams, response: { 200: ServicePointDto } }, config: read },
    async (request) => getPoint(db, principalOf(request), request.params.unitId),
  );

  app.patch(
    '/api/v1/service-points/:unitId',
    {
      schema: {
        tags,
        params: PointParams,
        body: PatchServicePointBody,
        response: { 200: ServicePointDto },
      },
      config,
    },
    async (request) =>
      updatePoint(db, principalOf(request), actorOf(request), request.params.unitId, request.body),
  );

  app.get(
    '/api/v1/service-points/:unitId/duty',
    {
      schema: {
        tags,
        params: PointParams,
        querystring: DateRangeQuery,
        response: { 200: z.array(DutyShiftDto) },
      },
      config: read,
    },
    async (request) => listShifts(db, principalOf(request), request.params.unitId, request.query),
  );

  app.post(
    '/api/v1/service-points/:unitId/duty',
    {
      schema: {
        tags,
        params: PointParams,
        body: NewDutyShiftBody,
        response: { 201: DutyShiftDto },
      },
      config: staff,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addShift(
            db,
            principalOf(request),
            actorOf(request),
            request.params.unitId,
            request.body,
          ),
        ),
  );

  app.delete(
    '/api/v1/duty-shifts/:id',
    { schema: { tags, params: ShiftParams, response: { 200: Ok } }, config: staff },
    async (request) => removeShift(db, principalOf(request), actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/service-points/:unitId/logs',
    {
      schema: {
        tags,
        params: PointParams,
        querystring: DateRangeQuery,
        response: { 200: z.array(ServiceLogDto) },
      },
      config: read,
    },
    async (request) => listLogs(db, principalOf(request), request.params.unitId, request.query),
  );

  app.post(
    '/api/v1/service-points/:unitId/logs',
    {
      schema: {
        tags,
        params: PointParams,
        body: NewServiceLogBody,
        response: { 201: ServiceLogDto },
      },
      config: staff,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addLog(
            db,
            principalOf(request),
            actorOf(request),
            request.params.unitId,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/v1/alliances',
    {
      schema: { tags, querystring: AllianceListQuery, response: { 200: z.array(AllianceDto) } },
      config: read,
    },
    async (request) => listAlliancesFor(db, principalOf(request), request.query.regionCode),
  );

  app.post(
    '/api/v1/alliances',
    { schema: { tags, body: NewAllianceBody, response: { 201: AllianceDto } }, config },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAlliance(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/alliances/:id',
    { schema: { tags, params: AllianceParams, response: { 200: AllianceDto } }, config: read },
    async (request) => getAlliance(db, principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/alliances/:id',
    {
      schema: {
        tags,
        params: AllianceParams,
        body: PatchAllianceBody,
        response: { 200: AllianceDto },
      },
      config,
    },
    async (request) =>
      updateAlliance(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/alliances/:id/members',
    {
      schema: { tags, params: AllianceParams, body: NewMemberBody, response: { 200: AllianceDto } },
      config,
    },
    async (request) =>
      addMember(db, principalOf(request), actorOf(request), request.params.id, request.body.unitId),
  );

  app.delete(
    '/api/v1/alliances/:id/members/:unitId',
    { schema: { tags, params: MemberParams, response: { 200: AllianceDto } }, config },
    async (request) =>
      removeMember(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.params.unitId,
      ),
  );

  app.get(
    '/api/v1/alliances/:id/stalls',
    {
      schema: { tags, params: AllianceParams, response: { 200: z.array(StallDto) } },
      config: read,
    },
    async (request) => listStalls(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/alliances/:id/stalls',
    {
      schema: { tags, params: AllianceParams, body: NewStallBody, response: { 201: StallDto } },
      config,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addStall(
            db,
            principalOf(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.patch(
    '/api/v1/stalls/:id',
    {
      schema: { tags, params: StallParams, body: PatchStallBody, response: { 200: StallDto } },
      config,
    },
    async (request) =>
      updateStall(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/alliances/:id/figures',
    {
      schema: { tags, params: AllianceParams, response: { 200: AllianceFigures } },
      config: read,
    },
    async (request) => allianceFigures(db, principalOf(request), request.params.id),
  );
}
