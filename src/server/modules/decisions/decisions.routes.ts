import {
  DecisionDto,
  DecisionIdParams,
  DecisionListQuery,
  DecisionPage,
  NewDecisionBody,
  NewMeetingBody,
  OpenCommentBody,
} from '../../../shared/schemas/decision.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/xlsx-reply.js';
import { decisionsSheet } from './decisions.excel.js';
import {
  createDecision,
  exportDecisions,
  getDecision,
  listDecisions,
  openComment,
  recordMeeting,
} from './decisions.service.js';

export function registerDecisionRoutes(app: App): void {
  const { db } = app;
  const tags = ['decisions'];
  const params = DecisionIdParams;
  const read = { access: { permission: 'ledger.read' as const } };
  const write = { access: { permission: 'ledger.write' as const } };

  app.get(
    '/api/v1/decisions',
    {
      schema: { tags, querystring: DecisionListQuery, response: { 200: DecisionPage } },
      config: read,
    },
    async (request) => listDecisions(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/decisions/export',
    { schema: { tags, querystring: DecisionListQuery }, config: read },
    async (request, reply) => {
      const items = await exportDecisions(db, principalOf(request), request.query);
      return sendXlsx(reply, `decisions-${request.query.regionCode}.xlsx`, [
        decisionsSheet(items, request.locale),
      ]);
    },
  );

  app.post(
    '/api/v1/decisions',
    { schema: { tags, body: NewDecisionBody, response: { 201: DecisionDto } }, config: write },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDecision(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/decisions/:id',
    { schema: { tags, params, response: { 200: DecisionDto } }, config: read },
    async (request) => getDecision(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/decisions/:id/meetings',
    {
      schema: { tags, params, body: NewMeetingBody, response: { 201: DecisionDto } },
      config: write,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await recordMeeting(
            db,
            principalOf(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.post(
    '/api/v1/decisions/:id/comment',
    {
      schema: { tags, params, body: OpenCommentBody, response: { 200: DecisionDto } },
      config: write,
    },
    async (request) =>
      openComment(db, principalOf(request), actorOf(request), request.params.id, request.body.from),
  );
}
