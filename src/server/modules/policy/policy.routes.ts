import { z } from 'zod';
import { RegionCode } from '../../../shared/schemas/common.js';
import {
  NewPolicyVersionBody,
  PolicyInForce,
  PolicyInForceQuery,
  PolicyVersionDto,
} from '../../../shared/schemas/policy.js';
import { actorOf, principalOf, type App } from '../../platform/http/types.js';
import { addPolicyVersion, listPolicyVersions, policyInForce } from './policy.service.js';

export function registerPolicyRoutes(app: App): void {
  const { db } = app;
  const tags = ['policy'];

  app.get(
    '/api/v1/policies',
    {
      schema: {
        tags,
        querystring: z.object({ countyCode: RegionCode }),
        response: { 200: z.array(PolicyVersionDto) },
      },
      config: { access: { public: true } },
    },
    async (request) => listPolicyVersions(db, request.query.countyCode),
  );

  app.get(
    '/api/v1/policies/in-force',
    {
      schema: { tags, querystring: PolicyInForceQuery, response: { 200: PolicyInForce } },
      config: { access: { public: true } },
    },
    async (request) => policyInForce(db, request.query.regionCode, request.query.date),
  );

  app.post(
    '/api/v1/policies',
    {
      schema: { tags, body: NewPolicyVersionBody, response: { 201: PolicyVersionDto } },
      config: { access: { permission: 'policy.write' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addPolicyVersion(db, principalOf(request), actorOf(request), request.body)),
  );
}
