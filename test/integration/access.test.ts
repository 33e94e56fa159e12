// Walks every route × role × in-scope / out-of-scope region and checks allow or deny.
// A route added to the app without a case here makes this test fail.
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_ROLES,
  ROLE_CODES,
  ROLE_PERMISSIONS,
  type RoleCode,
} from '../../src/shared/permissions.js';
import { countyOf, DEFAULT_POLICY } from '../../src/shared/policy.js';
import { DEMO_CATALOGUE } from '../../src/shared/supervision/demo-catalogue.js';
import {
  addMember as addLiaison,
  createStation,
} from '../../src/server/modules/supervision/stations.service.js';
import {
  answerItem,
  feedBack,
  planInspections,
  submitInspection,
} from '../../src/server/modules/supervision/inspections.service.js';
import { isWithin } from '../../src/shared/region.js';
import type { Db } from '../../src/server/db/schema.js';
import { insertAudited, SYSTEM_ACTOR } from '../../src/server/platform/audit/audit.js';
import { createCheckpoint } from '../../src/server/platform/audit/checkpoint.js';
import { hashPassword } from '../../src/server/platform/auth/password.js';
import type { Principal } from '../../src/server/platform/access/access.js';
import { storeFile } from '../../src/server/platform/files/files.service.js';
import { newUserRow } from '../../src/server/modules/users/users.service.js';
import { createDecision } from '../../src/server/modules/decisions/decisions.service.js';
import { fileCase } from '../../src/server/modules/cases/cases.service.js';
import {
  addMember,
  addStall,
  createAlliance,
} from '../../src/server/modules/services/services.alliances.js';
import { addShift, registerPoint } from '../../src/server/modules/services/services.service.js';
import { DEFAULT_CATALOGUE } from '../../src/server/modules/disclosure/disclosure.service.js';
import { createEntry, discloseEntry } from '../../src/server/modules/ledger/ledger.service.js';
import type { Access } from '../../src/server/platform/http/types.js';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  DEMO_PASSWORD,
  type Client,
  type Reply,
  type TestContext,
} from '../support/context.js';

const OTHER_COUNTY = { county: '339902000000', town: '339902101000', village: '339902101201' };
const CANDIDATE_REGIONS = [
  DEMO.villageA,
  DEMO.villageB,
  DEMO.otherTownVillage,
  OTHER_COUNTY.village,
];

/** One demo login per role, with the region its grant covers. */
const ROLE_LOGINS: Record<RoleCode, { login: string; region: string }> = {
  sysadmin: { login: 'admin', region: DEMO.county },
  town_admin: { login: 'town', region: DEMO.town },
  discipline_officer: { login: 'jiwei', region: DEMO.town },
  county_viewer: { login: 'county', region: DEMO.county },
  village_cadre: { login: 'cadre', region: DEMO.villageA },
  liaison_officer: { login: 'liaison', region: DEMO.villageA },
  informant: { login: 'informant', region: DEMO.villageA },
  market_inspector: { login: 'market', region: DEMO.town },
  caseworker: { login: 'casework', region: DEMO.town },
  service_staff: { login: 'service', region: DEMO.villageA },
};

interface Fixtures {
  db: Db;
  passwordHash: string;
  makeUser(region: string): Promise<{ id: string; grantId: string }>;
  makeFile(region: string, isPublic: boolean): Promise<string>;
  makeEntry(region: string): Promise<string>;
  makeDecision(region: string): Promise<string>;
  makeCase(region: string): Promise<{ id: string; code: string }>;
  makeChannel(): Promise<string>;
  makeOutbound(region: string): Promise<string>;
  notificationId: string;
  /** A new unit of a kind in a region. */
  makeUnit(region: string, kind: string): Promise<string>;
  /** The registered service point of a region (石桥村's is the `service` account's own). */
  pointOf(region: string): Promise<string>;
  makeShift(region: string): Promise<string>;
  /** An alliance of the region's town covering the region. */
  allianceOf(region: string): Promise<string>;
  makeMember(region: string): Promise<{ allianceId: string; unitId: string }>;
  makeStall(region: string): Promise<string>;
  /** The village's liaison station, set up on first use. */
  stationOf(region: string): Promise<string>;
  /** A new officer of the village's station. */
  makeLiaison(region: string): Promise<{ stationId: string; memberId: string }>;
  /** A planned inspection of the village (one point). */
  makeInspection(region: string): Promise<string>;
  /** A finding of the village, fed back with its notice. */
  makeFinding(region: string): Promise<{ findingId: string; noticeId: string }>;
  disclosureId: string;
  checkpointSize: number;
}

const PROVINCE: Principal = {
  userId: 'fixture',
  username: 'fixture',
  displayName: 'fixture',
  unitId: null,
  regionCode: '330000000000',
  locale: 'zh-CN',
  grants: [{ id: 'g', role: 'sysadmin', regionCode: '330000000000' }],
  sessionId: 'fixture',
};

function importForm(region: string): { body: Buffer; headers: Record<string, string> } {
  const boundary = 'qfimport' + nanoid(6);
  const field = (name: string, value: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  const body = Buffer.concat([
    field('regionCode', region),
    field('kind', 'project'),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nnot a workbook`,
    ),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let mobileSeq = 0;
/** A resident's request; each with its own mobile number (a number may file 5 a day). */
const caseBody = (region: string) => ({
  type: 'request',
  category: 'roads',
  regionCode: region,
  description: '访问测试：道路坑洼需要修补',
  reporterMobile: `1390000${String(++mobileSeq).padStart(4, '0')}`,
});

const townOf = (region: string) => region.slice(0, 9).padEnd(12, '0');
let shiftSeq = 0;
/** The point's own staff (the `service` account, at 石桥村's point) or a town administrator. */
const rosterWriter = (role: RoleCode | null, inRegion: boolean) =>
  role !== null &&
  inRegion &&
  (role === 'service_staff' || ROLE_PERMISSIONS[role].includes('case.config'));

const projectBody = (region: string) => ({
  kind: 'project',
  regionCode: region,
  title: '访问测试工程',
  amount: 100_000,
  occurredOn: '2026-03-01',
  fields: {},
});

type Call = (client: Client, region: string, fx: Fixtures, role: RoleCode | null) => Promise<Reply>;

interface RouteCase {
  call: Call;
  /** Override of the rule-derived expectation (e.g. admin-only actions). */
  allowed?: (role: RoleCode | null, inRegion: boolean) => boolean;
}

function multipart(region: string): { body: Buffer; headers: Record<string, string> } {
  const boundary = 'qfboundary' + nanoid(6);
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="regionCode"\r\n\r\n${region}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const CASES: Record<string, RouteCase> = {
  'GET /healthz': { call: (c) => c.get('/healthz') },
  'GET /metrics': { call: (c) => c.get('/metrics') },
  'POST /api/v1/auth/login': {
    call: (c, _r, _fx, role) =>
      c.post('/api/v1/auth/login', {
        login: role ? ROLE_LOGINS[role].login : 'nobody',
        password: DEMO_PASSWORD,
      }),
    allowed: (role) => role !== null,
  },
  'POST /api/v1/auth/logout': { call: (c) => c.post('/api/v1/auth/logout') },
  'GET /api/v1/auth/me': { call: (c) => c.get('/api/v1/auth/me') },
  'POST /api/v1/auth/password': {
    call: (c) =>
      c.post('/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: DEMO_PASSWORD,
      }),
  },
  'POST /api/v1/auth/locale': { call: (c) => c.post('/api/v1/auth/locale', { locale: 'zh-CN' }) },
  'POST /api/v1/auth/totp/setup': {
    call: (c) => c.post('/api/v1/auth/totp/setup'),
    allowed: (role) => role !== null && ADMIN_ROLES.includes(role),
  },
  'POST /api/v1/auth/totp/enable': {
    call: (c) => c.post('/api/v1/auth/totp/enable', { code: '000000' }),
    allowed: (role) => role !== null && ADMIN_ROLES.includes(role),
  },
  'POST /api/v1/auth/totp/disable': {
    call: (c) => c.post('/api/v1/auth/totp/disable', { password: 'wrong-password' }),
  },
  'GET /api/v1/regions': { call: (c) => c.get(`/api/v1/regions?parent=${DEMO.town}`) },
  'GET /api/v1/regions/mine': { call: (c) => c.get('/api/v1/regions/mine?villages=1') },
  'GET /api/v1/regions/:code': { call: (c, r) => c.get(`/api/v1/regions/${r}`) },
  'GET /api/v1/units': { call: (c, r) => c.get(`/api/v1/units?regionCode=${r}`) },
  'GET /api/v1/users': { call: (c, r) => c.get(`/api/v1/users?regionCode=${r}`) },
  'POST /api/v1/users': {
    call: (c, r) =>
      c.post('/api/v1/users', {
        username: `u${nanoid(8).replace(/[^A-Za-z0-9]/g, 'x')}`,
        displayName: '新用户',
        regionCode: r,
        password: 'Strong#Pass2026',
        grants: [{ role: 'village_cadre', regionCode: r }],
      }),
  },
  'GET /api/v1/users/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/users/${(await fx.makeUser(r)).id}`),
  },
  'PATCH /api/v1/users/:id': {
    call: async (c, r, fx) =>
      c.patch(`/api/v1/users/${(await fx.makeUser(r)).id}`, { displayName: '改名' }),
  },
  'POST /api/v1/users/:id/disable': {
    call: async (c, r, fx) => c.post(`/api/v1/users/${(await fx.makeUser(r)).id}/disable`),
  },
  'POST /api/v1/users/:id/enable': {
    call: async (c, r, fx) => c.post(`/api/v1/users/${(await fx.makeUser(r)).id}/enable`),
  },
  'POST /api/v1/users/:id/reset-password': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/users/${(await fx.makeUser(r)).id}/reset-password`, {
        password: 'Reset#Pass2026',
      }),
  },
  'POST /api/v1/users/:id/grants': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/users/${(await fx.makeUser(r)).id}/grants`, {
        role: 'informant',
        regionCode: r,
      }),
  },
  'DELETE /api/v1/users/:id/grants/:grantId': {
    call: async (c, r, fx) => {
      const user = await fx.makeUser(r);
      return c.delete(`/api/v1/users/${user.id}/grants/${user.grantId}`);
    },
  },
  'POST /api/v1/users/:id/mobile': {
    call: async (c, r, fx) => c.post(`/api/v1/users/${(await fx.makeUser(r)).id}/mobile`),
    allowed: (role, inRegion) =>
      role !== null && inRegion && ROLE_PERMISSIONS[role].includes('user.readSensitive'),
  },
  'GET /api/v1/audit': { call: (c, r) => c.get(`/api/v1/audit?regionCode=${r}`) },
  'POST /api/v1/audit/verify': { call: (c) => c.post('/api/v1/audit/verify') },
  'POST /api/v1/files': {
    call: async (c, r) => {
      const { body, headers } = multipart(r);
      return c.post('/api/v1/files', body, headers);
    },
  },
  // Public route: a public file is anyone's, a non-public one only within file.read scope.
  'GET /api/v1/files/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/files/${await fx.makeFile(r, false)}`),
    allowed: (role, inRegion) =>
      role !== null && inRegion && ROLE_PERMISSIONS[role].includes('file.read'),
  },
  'GET /api/v1/calendar': { call: (c) => c.get('/api/v1/calendar') },
  'GET /api/v1/calendar/deadline': {
    call: (c) => c.get('/api/v1/calendar/deadline?start=2026-09-30T09:00:00%2B08:00&days=5'),
  },
  'POST /api/v1/calendar/days': {
    call: (c) =>
      c.post('/api/v1/calendar/days', {
        days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
      }),
  },
  'POST /api/v1/calendar/years': {
    call: (c) => c.post('/api/v1/calendar/years', { year: 2027 }),
  },
  'GET /api/v1/policies': { call: (c, r) => c.get(`/api/v1/policies?countyCode=${countyOf(r)}`) },
  'GET /api/v1/policies/in-force': {
    call: (c, r) => c.get(`/api/v1/policies/in-force?regionCode=${r}`),
  },
  'POST /api/v1/policies': {
    call: (c, r) =>
      c.post('/api/v1/policies', {
        countyCode: countyOf(r),
        effectiveFrom: '2099-01-01',
        policy: DEFAULT_POLICY,
        reason: '测试授权',
      }),
  },
  'GET /api/v1/supervision/catalogue': {
    call: (c, r) => c.get(`/api/v1/supervision/catalogue?regionCode=${r}`),
  },
  'GET /api/v1/supervision/catalogue/versions': {
    call: (c, r) => c.get(`/api/v1/supervision/catalogue/versions?regionCode=${r}`),
  },
  'GET /api/v1/supervision/flowchart.svg': {
    call: (c, r) => c.get(`/api/v1/supervision/flowchart.svg?regionCode=${r}&path=P01`),
  },
  'POST /api/v1/supervision/catalogue': {
    call: (c, r) => {
      const { version: _version, effectiveFrom: _from, ...content } = DEMO_CATALOGUE;
      return c.post('/api/v1/supervision/catalogue', {
        townCode: r.slice(0, 9).padEnd(12, '0'),
        effectiveFrom: '2099-01-01',
        reason: '测试授权',
        catalogue: content,
      });
    },
  },
  'GET /api/v1/supervision/stations': {
    call: (c, r) => c.get(`/api/v1/supervision/stations?regionCode=${r}`),
  },
  'POST /api/v1/supervision/stations': {
    call: (c, r) =>
      c.post('/api/v1/supervision/stations', {
        regionCode: r,
        name: '测试联络站',
        establishedOn: '2026-02-01',
      }),
  },
  'GET /api/v1/supervision/stations/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/supervision/stations/${await fx.stationOf(r)}`),
  },
  'POST /api/v1/supervision/stations/:id/members': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/supervision/stations/${await fx.stationOf(r)}/members`, {
        role: 'informant',
        name: '测试信息员',
        joinedOn: '2026-02-01',
      }),
  },
  'POST /api/v1/supervision/stations/:id/members/:memberId/leave': {
    call: async (c, r, fx) => {
      const { stationId, memberId } = await fx.makeLiaison(r);
      return c.post(`/api/v1/supervision/stations/${stationId}/members/${memberId}/leave`, {
        leftOn: '2026-03-01',
      });
    },
  },
  'GET /api/v1/supervision/stations/:id/duty': {
    call: async (c, r, fx) => c.get(`/api/v1/supervision/stations/${await fx.stationOf(r)}/duty`),
  },
  'POST /api/v1/supervision/stations/:id/duty': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/supervision/stations/${await fx.stationOf(r)}/duty`, {
        onDate: '2026-02-02',
        officerName: '测试联络员',
        kind: 'duty',
        content: '值班接待群众 2 人次',
      }),
  },
  'GET /api/v1/supervision/grid': {
    call: (c, r) => c.get(`/api/v1/supervision/grid?regionCode=${r}`),
  },
  'GET /api/v1/supervision/hits': {
    call: (c, r) => c.get(`/api/v1/supervision/hits?regionCode=${r}`),
  },
  'GET /api/v1/supervision/figures': {
    call: (c, r) => c.get(`/api/v1/supervision/figures?regionCode=${r}`),
  },
  'GET /api/v1/supervision/figures.xlsx': {
    call: (c, r) => c.get(`/api/v1/supervision/figures.xlsx?regionCode=${r}`),
  },
  'GET /api/v1/supervision/brief': {
    call: (c, r) => c.get(`/api/v1/supervision/brief?regionCode=${r}&format=docx`),
  },
  'GET /api/v1/supervision/flowchart.pdf': {
    call: (c, r) => c.get(`/api/v1/supervision/flowchart.pdf?regionCode=${r}&path=P01`),
  },
  'GET /api/v1/supervision/inspections': {
    call: (c, r) => c.get(`/api/v1/supervision/inspections?regionCode=${r}`),
  },
  'POST /api/v1/supervision/inspections': {
    call: (c, r) =>
      c.post('/api/v1/supervision/inspections', {
        regionCodes: [r],
        plannedOn: '2026-03-02',
        title: '访问测试检查',
        officers: ['测试联络员'],
        pointCodes: ['D01'],
      }),
  },
  'GET /api/v1/supervision/inspections/:id': {
    call: async (c, r, fx) =>
      c.get(`/api/v1/supervision/inspections/${await fx.makeInspection(r)}`),
  },
  'POST /api/v1/supervision/inspections/:id/items/:pointCode': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/supervision/inspections/${await fx.makeInspection(r)}/items/D01`, {
        result: 'pass',
      }),
  },
  'POST /api/v1/supervision/inspections/:id/submit': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/supervision/inspections/${await fx.makeInspection(r)}/submit`, {
        expectedVersion: 1,
        signedBy: '测试联络员',
      }),
  },
  'POST /api/v1/supervision/inspections/:id/feedback': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/supervision/inspections/${await fx.makeInspection(r)}/feedback`, {
        expectedVersion: 1,
      }),
  },
  'GET /api/v1/supervision/notices/:id/document': {
    call: async (c, r, fx) =>
      c.get(
        `/api/v1/supervision/notices/${(await fx.makeFinding(r)).noticeId}/document?format=docx`,
      ),
  },
  'GET /api/v1/supervision/findings': {
    call: (c, r) => c.get(`/api/v1/supervision/findings?regionCode=${r}`),
  },
  'GET /api/v1/supervision/findings/:id': {
    call: async (c, r, fx) =>
      c.get(`/api/v1/supervision/findings/${(await fx.makeFinding(r)).findingId}`),
  },
  'POST /api/v1/supervision/findings/:id/rectify': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/supervision/findings/${(await fx.makeFinding(r)).findingId}/rectify`, {
        expectedVersion: 1,
        text: '访问测试整改',
        evidence: ['no-such-file'],
      }),
    // Only the unit holding the finding: the village committee of 石桥村 (the cadre).
    allowed: (role, inRegion) => role === 'village_cadre' && inRegion,
  },
  'POST /api/v1/supervision/clues': {
    call: (c, r) =>
      c.post('/api/v1/supervision/clues', {
        regionCode: r,
        category: 'power',
        description: '访问测试：问题线索内容',
        photos: [],
      }),
  },
  'GET /api/v1/supervision/clues/mine': {
    call: (c) => c.get('/api/v1/supervision/clues/mine'),
  },
  'GET /api/v1/supervision/warnings': {
    call: (c, r) => c.get(`/api/v1/supervision/warnings?regionCode=${r}`),
  },
  'GET /api/v1/ledger': { call: (c, r) => c.get(`/api/v1/ledger?regionCode=${r}`) },
  'GET /api/v1/ledger/export': { call: (c, r) => c.get(`/api/v1/ledger/export?regionCode=${r}`) },
  'GET /api/v1/ledger/template': {
    call: (c, r) => c.get(`/api/v1/ledger/template?regionCode=${r}&kind=fund`),
  },
  'POST /api/v1/ledger/import': {
    call: (c, r) => {
      const { body, headers } = importForm(r);
      return c.post('/api/v1/ledger/import', body, headers);
    },
  },
  'POST /api/v1/ledger': { call: (c, r) => c.post('/api/v1/ledger', projectBody(r)) },
  'GET /api/v1/ledger/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/ledger/${await fx.makeEntry(r)}`),
  },
  'POST /api/v1/ledger/:id/amend': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/amend`, {
        expectedVersion: 1,
        reason: '访问测试',
        amount: 200_000,
      }),
  },
  'POST /api/v1/ledger/:id/actions': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/actions`, {
        expectedVersion: 1,
        action: 'trade',
        on: '2026-03-02',
        method: 'own_choice',
      }),
  },
  'POST /api/v1/ledger/:id/void': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/void`, { reason: '访问测试' }),
  },
  'POST /api/v1/ledger/:id/override': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/override`, { reason: '访问测试' }),
  },
  'POST /api/v1/ledger/:id/submit': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/submit`, { expectedVersion: 1 }),
  },
  'POST /api/v1/ledger/:id/review': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/review`, {
        expectedVersion: 1,
        approve: true,
      }),
  },
  'POST /api/v1/ledger/:id/disclose': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/ledger/${await fx.makeEntry(r)}/disclose`, { expectedVersion: 1 }),
  },
  'GET /api/v1/decisions': { call: (c, r) => c.get(`/api/v1/decisions?regionCode=${r}`) },
  'GET /api/v1/decisions/export': {
    call: (c, r) => c.get(`/api/v1/decisions/export?regionCode=${r}`),
  },
  'POST /api/v1/decisions': {
    call: (c, r) =>
      c.post('/api/v1/decisions', {
        regionCode: r,
        title: '访问测试事项',
        content: '访问测试内容',
        amount: 0,
      }),
  },
  'GET /api/v1/decisions/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/decisions/${await fx.makeDecision(r)}`),
  },
  'POST /api/v1/decisions/:id/meetings': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/decisions/${await fx.makeDecision(r)}/meetings`, {
        step: 'proposal',
        heldOn: '2026-03-01',
        form: 'in_person',
        expected: 7,
        present: 7,
        votesFor: 7,
        content: '访问测试会议',
      }),
  },
  'POST /api/v1/decisions/:id/comment': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/decisions/${await fx.makeDecision(r)}/comment`, { from: '2026-03-01' }),
  },
  'GET /api/v1/disclosure/catalogue': {
    call: (c, r) => c.get(`/api/v1/disclosure/catalogue?countyCode=${countyOf(r)}`),
  },
  'POST /api/v1/disclosure/catalogue': {
    call: (c, r) =>
      c.post('/api/v1/disclosure/catalogue', {
        countyCode: countyOf(r),
        items: DEFAULT_CATALOGUE,
      }),
  },
  'GET /api/v1/disclosure/status/export': {
    call: (c, r) => c.get(`/api/v1/disclosure/status/export?regionCode=${r}`),
  },
  'GET /api/v1/disclosure/status': {
    call: (c, r) => c.get(`/api/v1/disclosure/status?regionCode=${r}`),
  },
  'GET /api/v1/figures': {
    call: (c, r) => c.get(`/api/v1/figures?regionCode=${r}&from=2026-01&to=2026-04`),
  },
  'GET /api/v1/figures/children': {
    call: (c, r) => c.get(`/api/v1/figures/children?regionCode=${r}&from=2026-01&to=2026-04`),
  },
  'GET /api/v1/figures/children/export': {
    call: (c, r) => c.get(`/api/v1/figures/children/export?regionCode=${r}`),
  },
  'GET /api/v1/public/entries': {
    call: (c, r) => c.get(`/api/v1/public/entries?regionCode=${r}&q=${encodeURIComponent('道路')}`),
  },
  'GET /api/v1/public/entries/:id': {
    call: async (c, _r, fx) => {
      const row = await fx.db
        .selectFrom('disclosure')
        .select('subject_id')
        .where('id', '=', fx.disclosureId)
        .executeTakeFirstOrThrow();
      return c.get(`/api/v1/public/entries/${row.subject_id}`);
    },
  },
  'GET /api/v1/public/villages/:code': {
    call: (c, r) => c.get(`/api/v1/public/villages/${r}`),
  },
  'GET /api/v1/public/disclosures/:id/chain': {
    call: (c, _r, fx) => c.get(`/api/v1/public/disclosures/${fx.disclosureId}/chain`),
  },
  'POST /api/v1/public/cases': {
    call: (c, r) => c.post('/api/v1/public/cases', caseBody(r)),
  },
  'POST /api/v1/public/cases/photos': {
    call: (c, r) => {
      const { body, headers } = multipart(r);
      return c.post('/api/v1/public/cases/photos', body, headers);
    },
  },
  'GET /api/v1/public/cases/:code': {
    call: async (c, r, fx) => c.get(`/api/v1/public/cases/${(await fx.makeCase(r)).code}`),
  },
  // Without the secret of the resident's link nobody may rate or dispute.
  'POST /api/v1/public/cases/:code/rate': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/public/cases/${(await fx.makeCase(r)).code}/rate`, {
        token: 'not-the-token-of-this-case',
        score: 5,
      }),
    allowed: () => false,
  },
  'POST /api/v1/public/cases/:code/dispute': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/public/cases/${(await fx.makeCase(r)).code}/dispute`, {
        token: 'not-the-token-of-this-case',
        reason: '问题没有解决',
      }),
    allowed: () => false,
  },
  'GET /api/v1/cases': { call: (c, r) => c.get(`/api/v1/cases?regionCode=${r}`) },
  'GET /api/v1/cases/export': { call: (c, r) => c.get(`/api/v1/cases/export?regionCode=${r}`) },
  'POST /api/v1/cases': { call: (c, r) => c.post('/api/v1/cases', caseBody(r)) },
  'POST /api/v1/cases/dispatch': {
    call: async (c, r, fx) =>
      c.post('/api/v1/cases/dispatch', {
        ids: [(await fx.makeCase(r)).id],
        unitId: `committee-${DEMO.villageA}`,
      }),
  },
  'GET /api/v1/cases/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/cases/${(await fx.makeCase(r)).id}`),
  },
  // A new case is nobody's unit's yet: only its dispatchers and verifiers may act on it.
  'POST /api/v1/cases/:id/commands': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/cases/${(await fx.makeCase(r)).id}/commands`, {
        expectedVersion: 1,
        type: 'note',
        text: '访问测试备注',
      }),
    allowed: (role, inRegion) =>
      role !== null &&
      inRegion &&
      (ROLE_PERMISSIONS[role].includes('case.dispatch') ||
        ROLE_PERMISSIONS[role].includes('case.verify')),
  },
  'GET /api/v1/case-categories': { call: (c) => c.get('/api/v1/case-categories') },
  'GET /api/v1/case-deadlines': {
    call: (c, r) => c.get(`/api/v1/case-deadlines?regionCode=${r}`),
  },
  'POST /api/v1/case-deadlines': {
    call: (c, r) =>
      c.post('/api/v1/case-deadlines', {
        regionCode: r,
        caseType: 'request',
        category: '',
        signDays: 1,
        handleDays: 10,
        maxExtensionDays: 5,
        returnDays: 2,
      }),
  },
  'GET /api/v1/case-routes': { call: (c, r) => c.get(`/api/v1/case-routes?regionCode=${r}`) },
  'POST /api/v1/case-routes': {
    call: (c, r) =>
      c.post('/api/v1/case-routes', {
        regionCode: r,
        caseType: 'request',
        category: 'roads',
        unitId: `committee-${DEMO.villageA}`,
      }),
  },
  'GET /api/v1/notifications': { call: (c) => c.get('/api/v1/notifications') },
  // The fixture notification is for 石桥村's committee: only its cadre may mark it read.
  'POST /api/v1/notifications/:id/read': {
    call: (c, _r, fx) => c.post(`/api/v1/notifications/${fx.notificationId}/read`),
    allowed: (role) => role === 'village_cadre',
  },
  'GET /api/v1/notify-channels': {
    call: (c) => c.get(`/api/v1/notify-channels?unitId=committee-${DEMO.villageA}`),
    allowed: (role) => role !== null && ROLE_PERMISSIONS[role].includes('case.config'),
  },
  'POST /api/v1/notify-channels': {
    call: (c) =>
      c.post('/api/v1/notify-channels', {
        unitId: `committee-${DEMO.villageA}`,
        kind: 'email',
        target: 'shiqiao@qx.gov.cn',
      }),
    allowed: (role) => role !== null && ROLE_PERMISSIONS[role].includes('case.config'),
  },
  'DELETE /api/v1/notify-channels/:id': {
    call: async (c, _r, fx) => c.delete(`/api/v1/notify-channels/${await fx.makeChannel()}`),
    allowed: (role) => role !== null && ROLE_PERMISSIONS[role].includes('case.config'),
  },
  'GET /api/v1/outbound': { call: (c, r) => c.get(`/api/v1/outbound?regionCode=${r}`) },
  'POST /api/v1/outbound/:id/retry': {
    call: async (c, r, fx) => c.post(`/api/v1/outbound/${await fx.makeOutbound(r)}/retry`),
  },
  'GET /api/v1/public/service-points': {
    call: (c, r) => c.get(`/api/v1/public/service-points?regionCode=${r}`),
  },
  'GET /api/v1/service-points': {
    call: (c, r) => c.get(`/api/v1/service-points?regionCode=${r}`),
  },
  'POST /api/v1/service-points': {
    call: async (c, r, fx) =>
      c.post('/api/v1/service-points', {
        unitId: await fx.makeUnit(r, 'service_point'),
        address: '访问测试地址',
        hostType: 'village_office',
        hostName: '访问测试村委会',
        areaCodes: [r],
      }),
  },
  'GET /api/v1/service-points/:unitId': {
    call: async (c, r, fx) => c.get(`/api/v1/service-points/${await fx.pointOf(r)}`),
  },
  'PATCH /api/v1/service-points/:unitId': {
    call: async (c, r, fx) =>
      c.patch(`/api/v1/service-points/${await fx.pointOf(r)}`, { address: '访问测试新地址' }),
  },
  'GET /api/v1/service-points/:unitId/duty': {
    call: async (c, r, fx) => c.get(`/api/v1/service-points/${await fx.pointOf(r)}/duty`),
  },
  // The duty roster and the service log are also written by the point's own staff: the
  // `service` account belongs to 石桥村's point, the fixture point of its region.
  'POST /api/v1/service-points/:unitId/duty': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/service-points/${await fx.pointOf(r)}/duty`, {
        date: '2026-05-06',
        half: 'am',
        personName: `值班员${++shiftSeq}`,
      }),
    allowed: rosterWriter,
  },
  'DELETE /api/v1/duty-shifts/:id': {
    call: async (c, r, fx) => c.delete(`/api/v1/duty-shifts/${await fx.makeShift(r)}`),
    allowed: rosterWriter,
  },
  'GET /api/v1/service-points/:unitId/logs': {
    call: async (c, r, fx) => c.get(`/api/v1/service-points/${await fx.pointOf(r)}/logs`),
  },
  'POST /api/v1/service-points/:unitId/logs': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/service-points/${await fx.pointOf(r)}/logs`, {
        date: '2026-05-06',
        kind: 'reception',
        content: '访问测试接待',
        peopleServed: 1,
      }),
    allowed: rosterWriter,
  },
  'GET /api/v1/alliances': { call: (c, r) => c.get(`/api/v1/alliances?regionCode=${r}`) },
  // An alliance belongs to the town of the region it covers.
  'POST /api/v1/alliances': {
    call: (c, r) =>
      c.post('/api/v1/alliances', {
        regionCode: townOf(r),
        name: '访问测试联盟',
        areaDescription: '访问测试街区',
        areaCodes: [r],
      }),
  },
  'GET /api/v1/alliances/:id': {
    call: async (c, r, fx) => c.get(`/api/v1/alliances/${await fx.allianceOf(r)}`),
  },
  'PATCH /api/v1/alliances/:id': {
    call: async (c, r, fx) =>
      c.patch(`/api/v1/alliances/${await fx.allianceOf(r)}`, { areaDescription: '访问测试新街区' }),
  },
  'POST /api/v1/alliances/:id/members': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/alliances/${await fx.allianceOf(r)}/members`, {
        unitId: await fx.makeUnit(r, 'alliance_member'),
      }),
  },
  'DELETE /api/v1/alliances/:id/members/:unitId': {
    call: async (c, r, fx) => {
      const { allianceId, unitId } = await fx.makeMember(r);
      return c.delete(`/api/v1/alliances/${allianceId}/members/${unitId}`);
    },
  },
  'GET /api/v1/alliances/:id/stalls': {
    call: async (c, r, fx) => c.get(`/api/v1/alliances/${await fx.allianceOf(r)}/stalls`),
  },
  'POST /api/v1/alliances/:id/stalls': {
    call: async (c, r, fx) =>
      c.post(`/api/v1/alliances/${await fx.allianceOf(r)}/stalls`, {
        stallNo: `T-${nanoid(6)}`,
        holderName: '访问测试',
        businessType: 'retail',
        licenceNo: 'JY-ACCESS',
        licenceValidUntil: '2026-12-31',
      }),
  },
  'PATCH /api/v1/stalls/:id': {
    call: async (c, r, fx) =>
      c.patch(`/api/v1/stalls/${await fx.makeStall(r)}`, { holderName: '访问测试改名' }),
  },
  'GET /api/v1/alliances/:id/figures': {
    call: async (c, r, fx) => c.get(`/api/v1/alliances/${await fx.allianceOf(r)}/figures`),
  },
  'GET /api/v1/public/towns': { call: (c) => c.get('/api/v1/public/towns') },
  'GET /api/v1/public/towns/:code': { call: (c) => c.get(`/api/v1/public/towns/${DEMO.town}`) },
  'GET /api/v1/public/checkpoints': { call: (c) => c.get('/api/v1/public/checkpoints') },
  'GET /api/v1/public/checkpoints/consistency': {
    call: (c, _r, fx) =>
      c.get(`/api/v1/public/checkpoints/consistency?from=1&to=${fx.checkpointSize}`),
  },
  'GET /api/v1/public/instance-key': { call: (c) => c.get('/api/v1/public/instance-key') },
};

/** Permission, public or login-only, as the route declares it. */
function expectedAllowed(
  access: Access | undefined,
  role: RoleCode | null,
  region: string,
): boolean {
  if (!access || 'public' in access) return true;
  if (role === null) return false;
  if ('user' in access) return true;
  const grant = ROLE_LOGINS[role];
  // Routes without a region in the request only need the permission somewhere.
  return ROLE_PERMISSIONS[role].includes(access.permission) && isWithin(region, grant.region);
}

const REGIONLESS = new Set([
  'GET /api/v1/supervision/clues/mine',
  'GET /api/v1/notify-channels',
  'POST /api/v1/notify-channels',
  'DELETE /api/v1/notify-channels/:id',
  'POST /api/v1/cases/dispatch',
  'POST /api/v1/notifications/:id/read',
  'POST /api/v1/audit/verify',
  'POST /api/v1/calendar/days',
  'POST /api/v1/calendar/years',
  'GET /api/v1/regions/mine',
  'GET /api/v1/regions/:code',
  'GET /api/v1/regions',
]);

describe.each(DB_KINDS)('route access on %s', (kind) => {
  let ctx: TestContext;
  let fx: Fixtures;

  beforeAll(async () => {
    // A fresh session per call: far more logins than the default rate limit allows.
    ctx = await createTestContext(kind, {
      env: { QF_LOGIN_RATE_LIMIT: '100000', QF_CASE_RATE_LIMIT: '100000' },
    });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await ctx.db.transaction().execute(async (trx) => {
      for (const [code, parent, name, level] of [
        [OTHER_COUNTY.county, '339900000000', '松源县', 'county'],
        [OTHER_COUNTY.town, OTHER_COUNTY.county, '松溪镇', 'town'],
        [OTHER_COUNTY.village, OTHER_COUNTY.town, '松林村', 'village'],
      ] as const) {
        await insertAudited(trx, SYSTEM_ACTOR, 'region', {
          code,
          parent_code: parent,
          name,
          level,
          kind: null,
          sort: 0,
        });
      }
    });
    const makeEntry = async (region: string) =>
      (
        await createEntry(ctx.db, PROVINCE, SYSTEM_ACTOR, {
          ...projectBody(region),
          kind: 'project',
          attachments: [],
          fields: {},
        })
      ).id;
    const disclosed = await makeEntry(DEMO.villageA);
    await discloseEntry(ctx.db, PROVINCE, SYSTEM_ACTOR, disclosed, 1);
    const disclosure = await ctx.db
      .selectFrom('disclosure')
      .select('id')
      .where('subject_id', '=', disclosed)
      .executeTakeFirstOrThrow();
    const makeUnit = (region: string, kind: string) =>
      ctx.db.transaction().execute(async (trx) => {
        const row = await insertAudited(trx, SYSTEM_ACTOR, 'unit', {
          id: `fx-${kind}-${nanoid(8)}`,
          region_code: region,
          name: '访问测试单位',
          kind,
          credit_code: null,
          status: 'active',
          created_at: new Date().toISOString(),
        });
        return row.id;
      });
    const serviceUser = await ctx.db
      .selectFrom('app_user')
      .select('unit_id')
      .where('username', '=', ROLE_LOGINS.service_staff.login)
      .executeTakeFirstOrThrow();
    const points = new Map<string, Promise<string>>();
    const pointOf = (region: string) => {
      let point = points.get(region);
      if (!point) {
        point = (async () => {
          const unitId =
            region === ROLE_LOGINS.service_staff.region && serviceUser.unit_id
              ? serviceUser.unit_id
              : await makeUnit(region, 'service_point');
          await registerPoint(ctx.db, PROVINCE, SYSTEM_ACTOR, {
            unitId,
            address: '夹具地址',
            hostType: 'village_office',
            hostName: '夹具村委会',
            areaCodes: [region],
          });
          return unitId;
        })();
        points.set(region, point);
      }
      return point;
    };
    const alliances = new Map<string, Promise<string>>();
    const allianceOf = (region: string) => {
      let alliance = alliances.get(region);
      if (!alliance) {
        alliance = createAlliance(ctx.db, PROVINCE, SYSTEM_ACTOR, {
          regionCode: townOf(region),
          name: '夹具联盟',
          areaDescription: '夹具街区',
          areaCodes: [region],
        }).then((a) => a.id);
        alliances.set(region, alliance);
      }
      return alliance;
    };
    const stations = new Map<string, string>();
    const stationOf = async (region: string) => {
      let id =
        stations.get(region) ??
        (
          await ctx.db
            .selectFrom('liaison_station')
            .select('id')
            .where('region_code', '=', region)
            .executeTakeFirst()
        )?.id;
      if (!id) {
        id = (
          await createStation(ctx.db, PROVINCE, SYSTEM_ACTOR, {
            regionCode: region,
            name: '夹具联络站',
            establishedOn: '2026-01-01',
          })
        ).id;
      }
      stations.set(region, id);
      return id;
    };
    const makeInspection = async (region: string) => {
      const [planned] = await planInspections(ctx.db, PROVINCE, SYSTEM_ACTOR, {
        regionCodes: [region],
        plannedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        title: '夹具检查',
        officers: ['夹具联络员'],
        pointCodes: ['D01'],
      });
      return planned!.id;
    };
    const committees = new Set<string>();
    const makeFinding = async (region: string) => {
      if (!committees.has(region)) {
        const committee = await ctx.db
          .selectFrom('unit')
          .select('id')
          .where('region_code', '=', region)
          .where('kind', '=', 'village_committee')
          .executeTakeFirst();
        if (!committee) await makeUnit(region, 'village_committee');
        committees.add(region);
      }
      const id = await makeInspection(region);
      await answerItem(ctx.db, PROVINCE, SYSTEM_ACTOR, id, 'D01', {
        result: 'problem',
        note: '夹具发现的问题',
        photos: [],
      });
      await submitInspection(ctx.db, PROVINCE, SYSTEM_ACTOR, id, {
        expectedVersion: 1,
        signedBy: '夹具联络员',
      });
      const fed = await feedBack(ctx.db, PROVINCE, SYSTEM_ACTOR, id, { expectedVersion: 2 });
      return { findingId: fed.items[0]!.findingId!, noticeId: fed.noticeId! };
    };
    const makeLiaison = async (region: string) => {
      const stationId = await stationOf(region);
      await addLiaison(ctx.db, PROVINCE, SYSTEM_ACTOR, stationId, {
        role: 'officer',
        name: '夹具联络员',
        joinedOn: '2026-01-01',
      });
      const member = await ctx.db
        .selectFrom('liaison_member')
        .select('id')
        .where('station_id', '=', stationId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return { stationId, memberId: member.id };
    };
    fx = {
      db: ctx.db,
      passwordHash,
      stationOf,
      makeLiaison,
      makeInspection,
      makeFinding,
      makeEntry,
      makeDecision: async (region) =>
        (
          await createDecision(ctx.db, PROVINCE, SYSTEM_ACTOR, {
            regionCode: region,
            title: '访问测试事项',
            content: '访问测试内容',
            amount: 0,
          })
        ).id,
      disclosureId: disclosure.id,
      makeCase: async (region) => {
        const filed = await fileCase(ctx.db, SYSTEM_ACTOR, {
          ...caseBody(region),
          type: 'request',
          photos: [],
          anonymous: false,
        });
        const row = await ctx.db
          .selectFrom('cases')
          .select('id')
          .where('code', '=', filed.code)
          .executeTakeFirstOrThrow();
        return { id: row.id, code: filed.code };
      },
      makeChannel: () =>
        ctx.db.transaction().execute(async (trx) => {
          const row = await insertAudited(trx, SYSTEM_ACTOR, 'notify_channel', {
            id: nanoid(),
            unit_id: `committee-${DEMO.villageA}`,
            region_code: DEMO.villageA,
            kind: 'email',
            target: 'shiqiao@qx.gov.cn',
            created_at: new Date().toISOString(),
            created_by: null,
          });
          return row.id;
        }),
      makeOutbound: (region) =>
        ctx.db.transaction().execute(async (trx) => {
          const now = new Date().toISOString();
          const row = await insertAudited(trx, SYSTEM_ACTOR, 'outbound_message', {
            id: nanoid(),
            notification_id: 'fixture',
            region_code: region,
            channel_id: 'fixture',
            kind: 'email',
            target: 'shiqiao@qx.gov.cn',
            subject: '访问测试',
            body: '访问测试',
            status: 'failed',
            attempts: 5,
            last_error: 'fixture',
            next_attempt_at: now,
            created_at: now,
            sent_at: null,
          });
          return row.id;
        }),
      notificationId: await ctx.db.transaction().execute(async (trx) => {
        const row = await insertAudited(trx, SYSTEM_ACTOR, 'notification', {
          id: nanoid(),
          region_code: null,
          unit_id: `committee-${DEMO.villageA}`,
          case_id: null,
          kind: 'test',
          title: '访问测试',
          body: '访问测试',
          created_at: new Date().toISOString(),
          read_at: null,
        });
        return row.id;
      }),
      makeUnit,
      pointOf,
      makeShift: async (region) =>
        (
          await addShift(ctx.db, PROVINCE, SYSTEM_ACTOR, await pointOf(region), {
            date: '2026-05-07',
            half: 'pm',
            personName: `夹具值班员${++shiftSeq}`,
          })
        ).id,
      allianceOf,
      makeMember: async (region) => {
        const allianceId = await allianceOf(region);
        const unitId = await makeUnit(region, 'alliance_member');
        await addMember(ctx.db, PROVINCE, SYSTEM_ACTOR, allianceId, unitId);
        return { allianceId, unitId };
      },
      makeStall: async (region) =>
        (
          await addStall(ctx.db, PROVINCE, SYSTEM_ACTOR, await allianceOf(region), {
            stallNo: `F-${nanoid(6)}`,
            holderName: '夹具',
            businessType: 'other',
            licenceNo: 'JY-FIXTURE',
            licenceValidUntil: '2026-12-31',
            status: 'active',
          })
        ).id,
      checkpointSize: (await createCheckpoint(ctx.db, ctx.config))!.size,
      makeUser: (region) =>
        ctx.db.transaction().execute(async (trx) => {
          const id = nanoid();
          const now = new Date().toISOString();
          await insertAudited(
            trx,
            SYSTEM_ACTOR,
            'app_user',
            newUserRow({
              id,
              username: `fx${nanoid(10).replace(/[^A-Za-z0-9]/g, 'x')}`,
              displayName: '夹具',
              passwordHash,
              regionCode: region,
              unitId: null,
              mobile: null,
              mustChangePassword: false,
              now,
            }),
          );
          const grant = await insertAudited(trx, SYSTEM_ACTOR, 'role_grant', {
            id: nanoid(),
            user_id: id,
            role: 'village_cadre',
            region_code: region,
            created_at: now,
            created_by: null,
          });
          return { id, grantId: grant.id };
        }),
      makeFile: async (region, isPublic) => {
        const province = PROVINCE;
        const bytes = Buffer.from(`%PDF-1.4 fixture ${nanoid()}`);
        const row = await storeFile(ctx.db, ctx.config, province, SYSTEM_ACTOR, {
          bytes,
          originalName: 'a.pdf',
          regionCode: region,
          isPublic,
        });
        return row.id;
      },
    };
  });
  afterAll(() => ctx.close());

  it('has a case for every route', () => {
    const routes = ctx.app.qfRoutes.map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((key) => !(key in CASES));
    expect(missing, 'routes without an access case').toEqual([]);
    const stale = Object.keys(CASES).filter((key) => !routes.includes(key));
    expect(stale, 'cases for routes that no longer exist').toEqual([]);
  });

  // One test per route, so that a failure names it and the table grows without a timeout.
  it.each(Object.keys(CASES))('allows and denies %s by role and region', async (key) => {
    const route = ctx.app.qfRoutes.find((r) => `${r.method} ${r.url}` === key);
    if (!route) return; // reported by 'has a case for every route'
    const routeCase = CASES[key]!;
    const failures: string[] = [];
    const callers: (RoleCode | null)[] = [null, ...ROLE_CODES];
    for (const role of callers) {
      const home = role ? ROLE_LOGINS[role].region : DEMO.town;
      const inRegion = CANDIDATE_REGIONS.find((r) => isWithin(r, home)) ?? DEMO.villageA;
      const outRegion = CANDIDATE_REGIONS.find((r) => !isWithin(r, home)) ?? OTHER_COUNTY.village;
      const targets: [string, boolean][] = REGIONLESS.has(key)
        ? [[inRegion, true]]
        : [
            [inRegion, true],
            [outRegion, false],
          ];
      for (const [region, isIn] of targets) {
        // A fresh session per call: some calls end or change the session.
        const client = role ? await ctx.login(ROLE_LOGINS[role].login) : ctx.anon;
        const reply = await routeCase.call(client, region, fx, role);
        const allowed = routeCase.allowed
          ? routeCase.allowed(role, isIn)
          : REGIONLESS.has(key)
            ? expectedAllowed(route.access, role, home)
            : expectedAllowed(route.access, role, region);
        const denied = [401, 403, 404].includes(reply.status);
        const label = `${key} as ${role ?? 'resident'} ${isIn ? 'in' : 'out of'} scope (${region}) → ${reply.status}`;
        if (reply.status >= 500)
          failures.push(`${label}: server error ${JSON.stringify(reply.body)}`);
        else if (allowed && denied) failures.push(`${label}: expected allowed`);
        else if (!allowed && !denied) failures.push(`${label}: expected denied`);
      }
    }
    expect(failures).toEqual([]);
  });
});
