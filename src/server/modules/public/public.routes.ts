import { z } from 'zod';
import {
  CheckpointDto,
  ConsistencyProof,
  ConsistencyQuery,
  InstanceKey,
} from '../../../shared/schemas/audit.js';
import { RegionCode } from '../../../shared/schemas/common.js';
import { PublicTown, RegionDto } from '../../../shared/schemas/regions.js';
import type { App } from '../../platform/http/types.js';
import { publicCheckpoints, publicConsistency, publicInstanceKey } from '../audit/audit.service.js';
import { listTowns, publicTown } from './public.service.js';

/** The resident-facing API: no login, only what is public. */
export function registerPublicRoutes(app: App): void {
  const { db, config } = app;
  const tags = ['public'];
  const access = { access: { public: true as const } };

  app.get(
    '/api/v1/public/towns',
    { schema: { tags, response: { 200: z.array(RegionDto) } }, config: access },
    async () => listTowns(db),
  );

  app.get(
    '/api/v1/public/towns/:code',
    {
      schema: { tags, params: z.object({ code: RegionCode }), response: { 200: PublicTown } },
      config: access,
    },
    async (request) => publicTown(db, request.params.code),
  );

  app.get(
    '/api/v1/public/checkpoints',
    { schema: { tags, response: { 200: z.array(CheckpointDto) } }, config: access },
    async () => publicCheckpoints(db),
  );

  app.get(
    '/api/v1/public/checkpoints/consistency',
    {
      schema: { tags, querystring: ConsistencyQuery, response: { 200: ConsistencyProof } },
      config: access,
    },
    async (request) => publicConsistency(db, request.query.from, request.query.to),
  );

  app.get(
    '/api/v1/public/instance-key',
    { schema: { tags, response: { 200: InstanceKey } }, config: access },
    async () => publicInstanceKey(config),
  );
}
