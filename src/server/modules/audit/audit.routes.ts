import { AuditEventDto, AuditQuery, VerifyReport } from '../../../shared/schemas/audit.js';
import { pageOf } from '../../../shared/schemas/common.js';
import { principalOf, type App } from '../../platform/http/types.js';
import { browseAudit, runVerify } from './audit.service.js';

export function registerAuditRoutes(app: App): void {
  const { db, config } = app;
  const tags = ['audit'];

  app.get(
    '/api/v1/audit',
    {
      schema: { tags, querystring: AuditQuery, response: { 200: pageOf(AuditEventDto) } },
      config: { access: { permission: 'audit.read' } },
    },
    async (request) => browseAudit(db, principalOf(request), request.query),
  );

  app.post(
    '/api/v1/audit/verify',
    {
      schema: { tags, response: { 200: VerifyReport } },
      config: { access: { permission: 'audit.read' } },
    },
    async () => runVerify(db, config),
  );
}
