import { z } from 'zod';
import {
  AnswerItemBody,
  FeedbackBody,
  FindingDto,
  FindingListQuery,
  InspectionDto,
  InspectionListQuery,
  InspectionSummaryDto,
  NewClueBody,
  PlanInspectionsBody,
  RectifyBody,
  SubmitInspectionBody,
  WarningDto,
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
import {
  answerItem,
  feedBack,
  getInspection,
  listInspections,
  planInspections,
  submitInspection,
} from './inspections.service.js';
import {
  fileClue,
  getFinding,
  listFindings,
  listWarnings,
  myClues,
  rectifyFinding,
  settleWarnings,
} from './findings.service.js';
import { noticeDocument } from './documents.js';
import {
  DOCUMENT_FORMATS,
  sendDocument,
  sendDownload,
  svgPagesToPdf,
} from '../../platform/http/document-reply.js';
import { requirePermission } from '../../platform/access/access.js';
import { regionLevel } from '../../../shared/region.js';
import { fieldError } from '../../platform/errors.js';

/** 六小一督: the supervision catalogue and its flowchart. */
export function registerSupervisionRoutes(app: App): void {
  const { db } = app;
  const tags = ['supervision'];
  // Warnings queued by the last ledger changes are synced before the database closes.
  app.addHook('onClose', () => settleWarnings());
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

  app.get(
    '/api/v1/supervision/flowchart.pdf',
    { schema: { tags, querystring: FlowchartQuery }, config: open },
    async (request, reply) =>
      sendDownload(
        reply,
        'application/pdf',
        `监督履职流程图-${request.query.regionCode}.pdf`,
        await svgPagesToPdf([await catalogueFlowchart(db, request.query, request.locale)]),
      ),
  );

  // ---- inspections ----

  const inspection = z.object({ id: z.string().max(40) });

  app.get(
    '/api/v1/supervision/inspections',
    {
      schema: {
        tags,
        querystring: InspectionListQuery,
        response: { 200: z.array(InspectionSummaryDto) },
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => listInspections(db, principalOf(request), request.query),
  );

  app.post(
    '/api/v1/supervision/inspections',
    {
      schema: { tags, body: PlanInspectionsBody, response: { 201: z.array(InspectionSummaryDto) } },
      config: { access: { permission: 'supervision.manage' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await planInspections(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/supervision/inspections/:id',
    {
      schema: { tags, params: inspection, response: { 200: InspectionDto } },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => getInspection(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/supervision/inspections/:id/items/:pointCode',
    {
      schema: {
        tags,
        params: inspection.extend({ pointCode: z.string().max(20) }),
        body: AnswerItemBody,
        response: { 200: InspectionDto },
      },
      config: { access: { permission: 'supervision.duty' } },
    },
    async (request) =>
      answerItem(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.params.pointCode,
        request.body,
      ),
  );

  app.post(
    '/api/v1/supervision/inspections/:id/submit',
    {
      schema: {
        tags,
        params: inspection,
        body: SubmitInspectionBody,
        response: { 200: InspectionDto },
      },
      config: { access: { permission: 'supervision.duty' } },
    },
    async (request) =>
      submitInspection(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/supervision/inspections/:id/feedback',
    {
      schema: { tags, params: inspection, body: FeedbackBody, response: { 200: InspectionDto } },
      config: { access: { permission: 'supervision.manage' } },
    },
    async (request) =>
      feedBack(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/supervision/notices/:id/document',
    {
      schema: {
        tags,
        params: inspection,
        querystring: z.object({ format: z.enum(DOCUMENT_FORMATS).default('pdf') }),
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request, reply) => {
      const { document, fileName } = await noticeDocument(
        db,
        principalOf(request),
        request.params.id,
      );
      return sendDocument(reply, request.query.format, fileName, document);
    },
  );

  // ---- findings, clues, warnings ----

  app.get(
    '/api/v1/supervision/findings',
    {
      schema: { tags, querystring: FindingListQuery, response: { 200: z.array(FindingDto) } },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => listFindings(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/supervision/findings/:id',
    {
      schema: { tags, params: inspection, response: { 200: FindingDto } },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) => getFinding(db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/supervision/findings/:id/rectify',
    {
      schema: { tags, params: inspection, body: RectifyBody, response: { 200: FindingDto } },
      config: { access: { permission: 'case.handle' } },
    },
    async (request) =>
      rectifyFinding(db, principalOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/supervision/clues',
    {
      schema: {
        tags,
        body: NewClueBody,
        response: { 201: z.object({ id: z.string(), code: z.string() }) },
      },
      config: { access: { permission: 'supervision.report' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await fileClue(db, principalOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/supervision/clues/mine',
    {
      schema: {
        tags,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              code: z.string(),
              regionCode: z.string(),
              regionName: z.string(),
              category: z.string(),
              title: z.string(),
              status: z.string(),
              createdAt: z.string(),
            }),
          ),
        },
      },
      config: { access: { permission: 'supervision.report' } },
    },
    async (request) => myClues(db, actorOf(request)),
  );

  app.get(
    '/api/v1/supervision/warnings',
    {
      schema: {
        tags,
        querystring: z.object({
          regionCode: RegionCode,
          open: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(WarningDto) },
      },
      config: { access: { permission: 'supervision.read' } },
    },
    async (request) =>
      listWarnings(
        db,
        principalOf(request),
        request.query.regionCode,
        request.query.open === undefined ? undefined : request.query.open === 'true',
      ),
  );
}
