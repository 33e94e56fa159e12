import {
  BriefQuery,
  SupervisionFigures,
  SupervisionFiguresQuery,
} from '../../../shared/supervision/figures.js';
import { sendDocument } from '../../platform/http/document-reply.js';
import { principalOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/xlsx-reply.js';
import { briefDocument, figuresSheets, supervisionFigures } from './figures.service.js';

/** 监督统计: a town's or a village's supervision figures, as JSON, a workbook and the brief. */
export function registerSupervisionFiguresRoutes(app: App): void {
  const { db } = app;
  const tags = ['supervision'];
  const access = { access: { permission: 'supervision.read' as const } };

  app.get(
    '/api/v1/supervision/figures',
    {
      schema: { tags, querystring: SupervisionFiguresQuery, response: { 200: SupervisionFigures } },
      config: access,
    },
    async (request) => supervisionFigures(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/supervision/figures.xlsx',
    { schema: { tags, querystring: SupervisionFiguresQuery }, config: access },
    async (request, reply) => {
      const figures = await supervisionFigures(db, principalOf(request), request.query);
      return sendXlsx(
        reply,
        `监督统计-${figures.regionName}-${figures.from}至${figures.to}.xlsx`,
        figuresSheets(figures, request.locale),
      );
    },
  );

  app.get(
    '/api/v1/supervision/brief',
    { schema: { tags, querystring: BriefQuery }, config: access },
    async (request, reply) => {
      const { document, fileName } = await briefDocument(db, principalOf(request), request.query);
      return sendDocument(reply, request.query.format, fileName, document);
    },
  );
}
