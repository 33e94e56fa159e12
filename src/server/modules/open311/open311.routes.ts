import { z } from 'zod';
import { RegionCode } from '../../../shared/schemas/common.js';
import { fieldError } from '../../platform/errors.js';
import { actorOf, type App } from '../../platform/http/types.js';
import { fileCase } from '../cases/cases.service.js';
import { getRequest, listRequests, parseServiceCode, services } from './open311.service.js';

const CODE = /^QF\d{2}-[2-9A-Z]{6}$/;

/** GeoReport v2 at /open311/v2 (JSON only), over the same case engine and abuse limits. */
export function registerOpen311Routes(app: App): void {
  const { db, config } = app;
  const tags = ['open311'];
  const open = { access: { public: true as const } };

  app.get('/open311/v2/services.json', { schema: { tags }, config: open }, async (request) =>
    services(request.locale),
  );

  app.get(
    '/open311/v2/requests.json',
    {
      schema: {
        tags,
        querystring: z.object({
          jurisdiction_id: RegionCode.optional(),
          service_code: z.string().max(40).optional(),
          status: z.enum(['open', 'closed']).optional(),
          start_date: z.iso.datetime({ offset: true }).optional(),
          end_date: z.iso.datetime({ offset: true }).optional(),
          service_request_id: z.string().max(600).optional(),
          page_size: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      config: open,
    },
    async (request) =>
      listRequests(
        db,
        {
          ...request.query,
          start_date: request.query.start_date && new Date(request.query.start_date).toISOString(),
          end_date: request.query.end_date && new Date(request.query.end_date).toISOString(),
        },
        request.locale,
      ),
  );

  app.get(
    '/open311/v2/requests/:id.json',
    { schema: { tags, params: z.object({ id: z.string().regex(CODE) }) }, config: open },
    async (request) => getRequest(db, request.params.id, request.locale),
  );

  app.post(
    '/open311/v2/requests.json',
    {
      schema: {
        tags,
        body: z.object({
          service_code: z.string().max(40),
          description: z.string().trim().min(10).max(2000),
          address_id: RegionCode,
          address_string: z.string().trim().max(200).optional(),
          lat: z.coerce.number().min(-90).max(90).optional(),
          long: z.coerce.number().min(-180).max(180).optional(),
          first_name: z.string().trim().max(20).optional(),
          last_name: z.string().trim().max(20).optional(),
          phone: z
            .string()
            .trim()
            .regex(/^1\d{10}$/, 'mobile.format')
            .optional(),
        }),
      },
      config: {
        ...open,
        rateLimit: { max: config.caseFilingRateLimitPerHour, timeWindow: '1 hour' },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { type, category } = parseServiceCode(body.service_code);
      if (!body.phone && type !== 'complaint')
        throw fieldError('phone', 'a phone number is needed', 'case.mobileRequired');
      const name = `${body.last_name ?? ''}${body.first_name ?? ''}`.trim();
      const filed = await fileCase(
        db,
        actorOf(request),
        {
          type,
          category,
          regionCode: body.address_id,
          description: body.description,
          ...(body.address_string ? { address: body.address_string } : {}),
          ...(body.lat !== undefined && body.long !== undefined
            ? { location: { lat: body.lat, lng: body.long } }
            : {}),
          photos: [],
          ...(name ? { reporterName: name } : {}),
          ...(body.phone ? { reporterMobile: body.phone } : {}),
          anonymous: !body.phone && type === 'complaint',
        },
        'open311',
      );
      return reply
        .status(201)
        .send([{ service_request_id: filed.code, token: filed.token, service_notice: null }]);
    },
  );
}
