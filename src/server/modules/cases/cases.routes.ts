import { z } from 'zod';
import { CASE_CATEGORY_NAMES } from '../../../shared/case-categories.js';
import { DETAIL_MESSAGES, ERROR_MESSAGES } from '../../../shared/messages.js';
import {
  BulkDispatchBody,
  BulkDispatchResult,
  CaseCommandBody,
  CaseDto,
  CaseListQuery,
  CasePage,
  DeadlineRow,
  DisputeBody,
  FiledCase,
  NewCaseBody,
  NotificationDto,
  PublicCaseView,
  PutDeadlineBody,
  PutRouteBody,
  RateBody,
  RegionQuery,
  RouteRow,
  TokenQuery,
} from '../../../shared/schemas/cases.js';
import { Id, Ok, RegionCode } from '../../../shared/schemas/common.js';
import { storeResidentPhoto } from '../../platform/files/files.service.js';
import { readMultipart } from '../../platform/http/multipart.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/xlsx-reply.js';
import { fieldError, type AppError } from '../../platform/errors.js';
import { listDeadlines, listRoutes, putDeadline, putRoute } from './cases.config.js';
import { casesSheet } from './cases.excel.js';
import { listNotifications, markRead } from './cases.notifications.js';
import {
  bulkDispatch,
  commandCase,
  disputeCase,
  fileCase,
  fileStaffCase,
  getCase,
  listCasesFor,
  publicCase,
  rateCase,
} from './cases.service.js';

export function registerCaseRoutes(app: App): void {
  const { db, config } = app;
  const tags = ['cases'];
  const open = { public: true as const };
  const params = z.object({ id: Id });
  const codeParams = z.object({ code: z.string().regex(/^QF\d{2}-[2-9A-Z]{6}$/) });
  // Abuse limits for residents: per IP here, per mobile number in the service.
  const fileLimit = { max: config.caseFilingRateLimitPerHour, timeWindow: '1 hour' };

  app.post(
    '/api/v1/public/cases',
    {
      schema: { tags, body: NewCaseBody, response: { 201: FiledCase } },
      config: { access: open, rateLimit: fileLimit },
    },
    async (request, reply) =>
      reply.status(201).send(await fileCase(db, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/public/cases/photos',
    {
      schema: { tags, consumes: ['multipart/form-data'] },
      config: { access: open, rateLimit: { ...fileLimit, max: fileLimit.max * 9 } },
    },
    async (request, reply) => {
      const { fields, file, fileName } = await readMultipart(request);
      const regionCode = RegionCode.safeParse(fields.regionCode);
      if (!regionCode.success) throw fieldError('regionCode', 'not a region', 'region.unknown');
      const row = await storeResidentPhoto(db, config, actorOf(request), {
        bytes: file,
        originalName: fileName,
        regionCode: regionCode.data,
      });
      return reply.status(201).send({ id: row.id });
    },
  );

  app.get(
    '/api/v1/public/cases/:code',
    {
      schema: {
        tags,
        params: codeParams,
        querystring: TokenQuery,
        response: { 200: PublicCaseView },
      },
      config: { access: open },
    },
    async (request) => publicCase(db, request.params.code, request.query.token),
  );

  app.post(
    '/api/v1/public/cases/:code/rate',
    {
      schema: { tags, params: codeParams, body: RateBody, response: { 200: PublicCaseView } },
      config: { access: open, rateLimit: fileLimit },
    },
    async (request) => rateCase(db, actorOf(request), request.params.code, request.body),
  );

  app.post(
    '/api/v1/public/cases/:code/dispute',
    {
      schema: { tags, params: codeParams, body: DisputeBody, response: { 200: PublicCaseView } },
      config: { access: open, rateLimit: fileLimit },
    },
    async (request) => disputeCase(db, actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/v1/cases',
    {
      schema: { tags, querystring: CaseListQuery, response: { 200: CasePage } },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => listCasesFor(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/cases/export',
    {
      schema: { tags, querystring: CaseListQuery },
      config: { access: { permission: 'case.read' } },
    },
    async (request, reply) => {
      const page = await listCasesFor(db, principalOf(request), {
        ...request.query,
        page: 1,
        pageSize: 100_000,
      });
      return sendXlsx(reply, 'cases.xlsx', [casesSheet(page.items, request.locale)]);
    },
  );

  app.post(
    '/api/v1/cases',
    {
      schema: { tags, body: NewCaseBody, response: { 201: FiledCase } },
      config: { access: { permission: 'case.handle' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await fileStaffCase(db, principalOf(request), actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/cases/dispatch',
    {
      schema: { tags, body: BulkDispatchBody, response: { 200: BulkDispatchResult } },
      config: { access: { permission: 'case.dispatch' } },
    },
    async (request) => {
      const locale = request.locale;
      const messageOf = (error: AppError) =>
        (error.messageKey && DETAIL_MESSAGES[locale][error.messageKey]) ||
        ERROR_MESSAGES[locale][error.code];
      return bulkDispatch(db, principalOf(request), actorOf(request), request.body, messageOf);
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: { tags, params, response: { 200: CaseDto } },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => getCase(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/commands',
    {
      schema: { tags, params, body: CaseCommandBody, response: { 200: CaseDto } },
      config: { access: { permission: 'case.handle' } },
    },
    async (request) =>
      commandCase(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/case-categories',
    { schema: { tags }, config: { access: open } },
    async (request) => CASE_CATEGORY_NAMES[request.locale],
  );

  app.get(
    '/api/v1/case-deadlines',
    {
      schema: { tags, querystring: RegionQuery, response: { 200: z.array(DeadlineRow) } },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => listDeadlines(db, principalOf(request), request.query.regionCode),
  );

  app.post(
    '/api/v1/case-deadlines',
    {
      schema: { tags, body: PutDeadlineBody, response: { 200: z.array(DeadlineRow) } },
      config: { access: { permission: 'case.config' } },
    },
    async (request) => putDeadline(db, principalOf(request), actorOf(request), request.body),
  );

  app.get(
    '/api/v1/case-routes',
    {
      schema: { tags, querystring: RegionQuery, response: { 200: z.array(RouteRow) } },
      config: { access: { permission: 'case.read' } },
    },
    async (request) => listRoutes(db, principalOf(request), request.query.regionCode),
  );

  app.post(
    '/api/v1/case-routes',
    {
      schema: { tags, body: PutRouteBody, response: { 200: z.array(RouteRow) } },
      config: { access: { permission: 'case.config' } },
    },
    async (request) => putRoute(db, principalOf(request), actorOf(request), request.body),
  );

  app.get(
    '/api/v1/notifications',
    {
      schema: { tags, response: { 200: z.array(NotificationDto) } },
      config: { access: { user: true } },
    },
    async (request) => listNotifications(db, principalOf(request)),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, params, response: { 200: Ok } }, config: { access: { user: true } } },
    async (request) => markRead(db, principalOf(request), actorOf(request), request.params.id),
  );
}
