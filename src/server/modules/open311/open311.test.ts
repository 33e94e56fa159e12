import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';

interface Request311 {
  service_request_id: string;
  status: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  lat: number | null;
}

describe.each(DB_KINDS)('Open311 GeoReport v2 on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { QF_CASE_RATE_LIMIT: '1000' } });
  });
  afterAll(() => ctx.close());

  it('lists services, files a request and reads it back in the standard shape', async () => {
    const list = (await ctx.anon.get('/open311/v2/services.json')).json<
      { service_code: string; service_name: string }[]
    >();
    expect(list).toContainEqual(
      expect.objectContaining({ service_code: 'request.roads', service_name: '道路交通' }),
    );
    const filed = await ctx.anon.post('/open311/v2/requests.json', {
      service_code: 'request.roads',
      description: '桥头路面破损，联系人手机13912345678，请尽快修复。',
      address_id: DEMO.villageA,
      address_string: '石桥村桥头',
      lat: 29.1,
      long: 119.6,
      phone: '13912345678',
      last_name: '李',
      first_name: '梅',
    });
    expect(filed.status).toBe(201);
    const [created] = filed.json<{ service_request_id: string; token: string }[]>();
    const one = (
      await ctx.anon.get(`/open311/v2/requests/${created!.service_request_id}.json`)
    ).json<Request311[]>();
    expect(one[0]).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      service_code: 'request.roads',
      lat: 29.1,
    });
    // The reporter's number never leaves the platform, even when typed into the description.
    expect(JSON.stringify(one)).not.toContain('13912345678');
    expect(JSON.stringify(one)).not.toContain('李梅');
    const open = (
      await ctx.anon.get(
        `/open311/v2/requests.json?jurisdiction_id=${DEMO.town}&status=open&service_code=request.roads`,
      )
    ).json<Request311[]>();
    expect(open.map((r) => r.service_request_id)).toContain(created!.service_request_id);
    const closed = (await ctx.anon.get('/open311/v2/requests.json?status=closed')).json<
      Request311[]
    >();
    expect(closed.map((r) => r.service_request_id)).not.toContain(created!.service_request_id);
    const row = await ctx.db
      .selectFrom('cases')
      .select(['channel', 'reporter_name'])
      .where('code', '=', created!.service_request_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'open311', reporter_name: '李梅' });
  });

  it('refuses an unknown service or a request without a phone, naming the field', async () => {
    const unknown = await ctx.anon.post('/open311/v2/requests.json', {
      service_code: 'request.rockets',
      description: '这是一条测试描述，长度足够十个字。',
      address_id: DEMO.villageA,
      phone: '13912340000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('service_code');
    const noPhone = await ctx.anon.post('/open311/v2/requests.json', {
      service_code: 'request.water',
      description: '自来水停了两天，一直没有通知。',
      address_id: DEMO.villageA,
    });
    expect(noPhone.json<ErrorBody>().error.details?.fields?.[0]?.field).toBe('phone');
    expect((await ctx.anon.get('/open311/v2/requests/QF26-ZZZZZZ.json')).status).toBe(404);
    // A complaint is filed but never listed: its text is not public.
    const complaint = await ctx.anon.post('/open311/v2/requests.json', {
      service_code: 'complaint.cadreConduct',
      description: '村干部在低保评定中优亲厚友，请核查。',
      address_id: DEMO.villageA,
    });
    expect(complaint.status).toBe(201);
    const [filed] = complaint.json<{ service_request_id: string }[]>();
    expect(
      (await ctx.anon.get(`/open311/v2/requests/${filed!.service_request_id}.json`)).status,
    ).toBe(404);
  });
});
