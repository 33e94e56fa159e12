/**
 * Supervision for a generated county's village, through the platform's own services: the
 * village's liaison station, then inspections over the years (a third of the catalogue's
 * points each), their problems as findings, each fed back with its notice; most are
 * rectified with a photo, verified by the station and closed out by the town, the latest are
 * left at every step of the loop.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { localDate } from '../../shared/calendar.js';
import { DEMO_CATALOGUE } from '../../shared/supervision/demo-catalogue.js';
import type { Config } from '../config.js';
import type { Db } from '../db/schema.js';
import type { Principal } from '../platform/access/access.js';
import type { Actor } from '../platform/audit/audit.js';
import { storeFile } from '../platform/files/files.service.js';
import { commandCase } from '../modules/cases/cases.service.js';
import { rectifyFinding } from '../modules/supervision/findings.service.js';
import {
  answerItem,
  feedBack,
  planInspections,
  submitInspection,
} from '../modules/supervision/inspections.service.js';

/** Inspections a village gets in a year: about 20,000 inspections and findings per county. */
export const INSPECTIONS_PER_VILLAGE_YEAR = 3;
const POINTS_PER_INSPECTION = 12;

function principal(
  name: string,
  role: Principal['grants'][number]['role'],
  region: string,
  unitId: string | null,
): Principal {
  return {
    userId: `generator-${name}`,
    username: `generator-${name}`,
    displayName: name,
    unitId,
    regionCode: region,
    locale: 'zh-CN',
    grants: [{ id: `generator-${name}`, role, regionCode: region }],
    sessionId: 'generator',
  };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real one-pixel PNG, the colour set by `seed`: a site photo stand-in. */
function photo(seed: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, seed & 255, (seed >> 8) & 255, 128]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface VillageSupervision {
  inspections: number;
  findings: number;
}

/**
 * Inspect one village `years` years back from `end`. `stationUnitId` is the village's liaison
 * station, `committeeUnitId` its committee; `rand` draws every choice.
 */
export async function superviseVillage(
  db: Db,
  config: Config,
  actor: Actor,
  village: { code: string; stationUnitId: string; committeeUnitId: string },
  years: number,
  end: string,
  rand: () => number,
): Promise<VillageSupervision> {
  const town = village.code.slice(0, 9).padEnd(12, '0');
  const manager = principal('镇纪委', 'discipline_officer', town, null);
  const officer = principal('联络员', 'liaison_officer', village.code, village.stationUnitId);
  const cadre = principal('村干部', 'village_cadre', village.code, village.committeeUnitId);
  const evidence = await storeFile(db, config, cadre, actor, {
    bytes: photo(Math.floor(rand() * 65_536)),
    originalName: '整改照片.png',
    regionCode: village.code,
    isPublic: false,
  });
  const endTime = Date.parse(`${end}T12:00:00+08:00`);
  const count = INSPECTIONS_PER_VILLAGE_YEAR * years;
  const span = years * 365 * 86_400_000;
  const points = DEMO_CATALOGUE.points.map((p) => p.code);
  let findings = 0;
  for (let i = 0; i < count; i++) {
    // Spread evenly over the years, a little jitter; the last ones are recent.
    const when = new Date(endTime - span + ((i + 0.5 + (rand() - 0.5) * 0.6) * span) / count);
    const day = localDate(when);
    const start = Math.floor(rand() * points.length);
    const chosen = Array.from(
      { length: POINTS_PER_INSPECTION },
      (_, k) => points[(start + k * 3) % points.length]!,
    );
    const [planned] = await planInspections(
      db,
      manager,
      actor,
      {
        regionCodes: [village.code],
        plannedOn: day,
        title: `${day.slice(0, 4)}年第${(i % INSPECTIONS_PER_VILLAGE_YEAR) + 1}次小微权力监督检查`,
        officers: ['联络员', '镇纪委干部'],
        pointCodes: [...new Set(chosen)],
      },
      when,
    );
    const id = planned!.id;
    const recent = endTime - when.getTime() < 45 * 86_400_000;
    // The very latest inspection may still be in progress on the officer's phone.
    const answered = recent && i === count - 1 ? Math.floor(planned!.total / 2) : planned!.total;
    for (const [k, code] of [...new Set(chosen)].entries()) {
      if (k >= answered) break;
      const draw = rand();
      await answerItem(
        db,
        officer,
        actor,
        id,
        code,
        draw < 0.22
          ? { result: 'problem', note: `检查发现：${code} 所涉资料不全、程序不规范`, photos: [] }
          : { result: draw < 0.9 ? 'pass' : 'na', photos: [] },
        when,
      );
    }
    if (answered < planned!.total) continue;
    const submitted = await submitInspection(
      db,
      officer,
      actor,
      id,
      { expectedVersion: 1, signedBy: '联络员' },
      when,
    );
    if (submitted.status === 'done') continue;
    const fedOn = new Date(when.getTime() + 2 * 86_400_000);
    const fed = await feedBack(
      db,
      manager,
      actor,
      id,
      { expectedVersion: submitted.version, issuedOn: localDate(fedOn) },
      new Date(Math.min(fedOn.getTime() + 3_600_000, endTime)),
    );
    for (const item of fed.items.filter((it) => it.findingId)) {
      findings++;
      const findingId = item.findingId!;
      // Old findings went round the whole loop; recent ones stop somewhere along it.
      const stage = recent ? Math.floor(rand() * 4) : 3;
      if (stage === 0) continue;
      const rectifiedAt = new Date(fedOn.getTime() + (2 + rand() * 10) * 86_400_000);
      if (rectifiedAt.getTime() > endTime) continue;
      const rectified = await rectifyFinding(
        db,
        cadre,
        actor,
        findingId,
        { expectedVersion: 2, text: '已按要求整改，资料补齐并公示', evidence: [evidence.id] },
        rectifiedAt,
      );
      if (stage === 1) continue;
      const verifiedAt = new Date(rectifiedAt.getTime() + 86_400_000);
      const verified = await commandCase(
        db,
        officer,
        actor,
        findingId,
        { type: 'verify', expectedVersion: rectified.version },
        verifiedAt,
      );
      if (stage === 2) continue;
      await commandCase(
        db,
        manager,
        actor,
        findingId,
        { type: 'close', expectedVersion: verified.version },
        new Date(verifiedAt.getTime() + 86_400_000),
      );
    }
  }
  return { inspections: count, findings };
}
