import { z } from 'zod';
import type { Locale } from '../../../shared/messages.js';
import { PUBLIC_TEXT } from '../../../shared/public-text.js';
import { RegionCode } from '../../../shared/schemas/common.js';
import {
  DISCLOSURE_SUBJECTS,
  type PublicEntrySummary,
} from '../../../shared/schemas/disclosure.js';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { publicEntries, publicVillage } from './disclosure.service.js';

/**
 * The village disclosure list as one server-rendered HTML document: no script, a few KB,
 * so a phone on a slow network can read it within a second. Entries link to the web app's
 * entry page; filters and paging are plain links, so every view has a shareable URL.
 */
const PAGE_SIZE = 20;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function yuan(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString('en-US');
  const cents = fen % 100;
  return `¥${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f5f7f6}
header{background:#1f7a5c;color:#fff;padding:10px 16px}header a{color:#fff;text-decoration:none}
main{max-width:760px;margin:0 auto;padding:12px}
h1{font-size:20px;margin:8px 0 4px}.crumb{font-size:13px;color:#5b6b63}.crumb a{color:#1f7a5c}
.rate{margin:8px 0;padding:10px 12px;background:#fff;border-radius:8px;border:1px solid #e3e8e5}
.rate b{font-size:20px;color:#1f7a5c}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:10px 0}.chips a{padding:3px 10px;border-radius:14px;border:1px solid #cfd8d3;background:#fff;color:#1f2329;text-decoration:none;font-size:13px}
.chips a.on{background:#1f7a5c;border-color:#1f7a5c;color:#fff}
form{display:flex;gap:6px;margin:10px 0}input{flex:1;min-width:0;padding:8px;border:1px solid #cfd8d3;border-radius:6px;font-size:15px}
button{padding:8px 14px;border:0;border-radius:6px;background:#1f7a5c;color:#fff;font-size:15px}
ul{list-style:none;padding:0;margin:0}li{background:#fff;border:1px solid #e3e8e5;border-radius:8px;margin:8px 0}
li a{display:block;padding:10px 12px;color:inherit;text-decoration:none}
.t{font-weight:600}.m{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:13px;color:#5b6b63;margin-top:4px}
.amt{color:#1f2329;font-weight:600}.tag{font-size:12px;padding:0 6px;border-radius:4px;background:#e8f3ee;color:#1f7a5c}
.void{background:#fdecec;color:#c0392b}.void-t{text-decoration:line-through;color:#888}
.pager{display:flex;justify-content:space-between;align-items:center;margin:12px 0;font-size:14px}.pager a{color:#1f7a5c}
footer{font-size:12px;color:#5b6b63;text-align:center;padding:16px}footer a{color:#1f7a5c}
@media print{header,form,.chips,.pager,footer{display:none}body{background:#fff}li{break-inside:avoid;border-color:#999}}`;

function card(item: PublicEntrySummary, words: (typeof PUBLIC_TEXT)[Locale]): string {
  const tags = [
    `<span class="tag">${escape(words.kinds[item.kind] ?? item.kind)}</span>`,
    `<span>${escape(words.stages[item.stage] ?? item.stage)}</span>`,
    item.voided ? `<span class="tag void">${escape(words.voided)}</span>` : '',
    item.version > 1 && item.kind !== 'decision'
      ? `<span class="tag">${escape(words.amended)}</span>`
      : '',
  ].join('');
  return `<li data-testid="entry-card"><a href="/public/entries/${encodeURIComponent(item.subjectId)}"><div class="t${item.voided ? ' void-t' : ''}">${escape(item.title)}</div><div class="m"><span class="amt">${yuan(item.amount)}</span><span>${escape(item.occurredOn)}</span>${tags}</div></a></li>`;
}

export function registerDisclosurePages(app: App): void {
  const { db } = app;
  const query = z.object({
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional()
      .catch(undefined),
    kind: z.enum(DISCLOSURE_SUBJECTS).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  });

  app.get(
    '/public/villages/:code',
    { schema: { params: z.object({ code: RegionCode }), querystring: query, hide: true } },
    async (request, reply) => {
      const words = PUBLIC_TEXT[request.locale];
      let village;
      try {
        village = await publicVillage(db, request.params.code);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><meta charset="utf-8"><p>${escape(words.notFound)}</p>`);
      }
      const { kind, page } = request.query;
      const period = request.query.period ?? village.periods[0]?.period;
      const entries = period
        ? await publicEntries(db, {
            regionCode: village.regionCode,
            period,
            kind,
            page,
            pageSize: PAGE_SIZE,
          })
        : { items: [], total: 0, page: 1, pageSize: PAGE_SIZE };
      const pages = Math.max(1, Math.ceil(entries.total / PAGE_SIZE));
      const link = (p: {
        period?: string | undefined;
        kind?: string | undefined;
        page?: number;
      }) => {
        const params = new URLSearchParams();
        if (p.period) params.set('period', p.period);
        if (p.kind) params.set('kind', p.kind);
        if (p.page && p.page > 1) params.set('page', String(p.page));
        const search = params.toString();
        return `/public/villages/${village.regionCode}${search ? `?${search}` : ''}`;
      };
      const rate =
        village.onTimeRate === null
          ? escape(words.noRate)
          : `${escape(words.onTimeRate)} <b>${(village.onTimeRate * 100).toFixed(1)}%</b>`;
      const periodChips = village.periods
        .map(
          (p) =>
            `<a data-testid="period-${p.period}" class="${p.period === period ? 'on' : ''}" href="${link({ period: p.period, kind })}">${p.period}（${p.count}）</a>`,
        )
        .join('');
      const kindChips = [undefined, ...DISCLOSURE_SUBJECTS]
        .map(
          (k) =>
            `<a class="${k === kind ? 'on' : ''}" href="${link({ period, kind: k })}">${escape(k ? (words.kinds[k] ?? k) : words.all)}</a>`,
        )
        .join('');
      const list = entries.items.length
        ? `<ul data-testid="village-entries">${entries.items.map((i) => card(i, words)).join('')}</ul>`
        : `<p data-testid="village-entries">${escape(words.empty)}</p>`;
      const pager =
        pages > 1
          ? `<div class="pager">${page > 1 ? `<a href="${link({ period, kind, page: page - 1 })}">${escape(words.previous)}</a>` : '<span></span>'}<span>${escape(fill(words.page, { page, pages }))}</span>${page < pages ? `<a href="${link({ period, kind, page: page + 1 })}">${escape(words.next)}</a>` : '<span></span>'}</div>`
          : '';
      const html = `<!doctype html><html lang="${request.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="theme-color" content="#1f7a5c"><link rel="icon" href="data:,"><title>${escape(village.name)} · ${escape(words.site)}</title><style>${STYLE}</style></head><body><header><a href="/public">${escape(words.site)}</a></header><main><div class="crumb"><a href="/public/towns/${village.townCode}">${escape(village.townName)}</a> › ${escape(village.name)}</div><h1>${escape(village.name)}</h1><div class="rate" data-testid="village-rate">${rate}</div><form action="/public/search" method="get"><input type="hidden" name="regionCode" value="${village.townCode}"><input name="q" data-testid="public-search-input" placeholder="${escape(words.searchPlaceholder)}" maxlength="50"><button>${escape(words.search)}</button></form><div class="chips" aria-label="${escape(words.periods)}">${periodChips}</div><div class="chips">${kindChips}</div><div class="crumb">${escape(fill(words.total, { total: entries.total }))}</div>${list}${pager}</main><footer>${escape(words.footer)} <a href="/public/checkpoints">${escape(words.checkpoints)}</a></footer></body></html>`;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=60')
        .send(html);
    },
  );
}
