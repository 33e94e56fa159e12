import { ChildFigures, Figures, FiguresQuery } from '../../../shared/schemas/figures.js';
import { principalOf, type App } from '../../platform/http/types.js';
import { sendXlsx } from '../../platform/http/xlsx-reply.js';
import { childFiguresSheets } from './figures.excel.js';
import { childFiguresOf, figuresOf } from './figures.service.js';

export function registerFiguresRoutes(app: App): void {
  const { db } = app;
  const tags = ['figures'];
  const access = { access: { permission: 'figures.read' as const } };

  app.get(
    '/api/v1/figures',
    { schema: { tags, querystring: FiguresQuery, response: { 200: Figures } }, config: access },
    async (request) => figuresOf(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/figures/children',
    {
      schema: { tags, querystring: FiguresQuery, response: { 200: ChildFigures } },
      config: access,
    },
    async (request) => childFiguresOf(db, principalOf(request), request.query),
  );

  app.get(
    '/api/v1/figures/children/export',
    { schema: { tags, querystring: FiguresQuery }, config: access },
    async (request, reply) => {
      const figures = await childFiguresOf(db, principalOf(request), request.query);
      return sendXlsx(
        reply,
        `figures-${figures.regionCode}-${figures.from}-${figures.to}.xlsx`,
        childFiguresSheets(figures, request.locale),
      );
    },
  );
}
