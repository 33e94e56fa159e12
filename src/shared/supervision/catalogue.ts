/**
 * The "六小一督" supervision catalogue (监督目录): six categories of small powers, the
 * supervision points (监督要点) checked under each, the supervision paths (监督路径: who does
 * what, in which order) a point follows, and the negative list (负面清单) of forbidden
 * practices. A town admin edits it; each edit is a new version with the date it takes effect,
 * and an inspection records the version it used. Pure module: it runs on the server and in
 * the browser.
 */
import { diffValues, type FieldChange } from '../diff.js';
import type { Locale } from '../messages.js';

/** The six categories, in the order of the slogan. */
export const SUPERVISION_CATEGORY_IDS = [
  'decision',
  'power',
  'fund',
  'project',
  'duty',
  'service',
] as const;
export type SupervisionCategoryId = (typeof SUPERVISION_CATEGORY_IDS)[number];

/** A category as a catalogue carries it: its id and its name in each language. */
export interface SupervisionCategory {
  id: SupervisionCategoryId;
  name: Record<Locale, string>;
}

/** The six categories with their names; a catalogue normally carries exactly these. */
export const SUPERVISION_CATEGORIES: readonly SupervisionCategory[] = [
  {
    id: 'decision',
    name: { 'zh-CN': '小决策是否民主', 'en-US': 'Are small decisions made democratically' },
  },
  { id: 'power', name: { 'zh-CN': '小权力是否公正', 'en-US': 'Are small powers used fairly' } },
  { id: 'fund', name: { 'zh-CN': '小资金是否公开', 'en-US': 'Are small funds made public' } },
  {
    id: 'project',
    name: { 'zh-CN': '小项目是否合规', 'en-US': 'Do small projects follow the rules' },
  },
  { id: 'duty', name: { 'zh-CN': '小职责是否履行', 'en-US': 'Are small duties carried out' } },
  {
    id: 'service',
    name: { 'zh-CN': '小服务是否到位', 'en-US': 'Are small services delivered in full' },
  },
];

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** 监督要点: one thing an officer checks on a visit, answered pass / problem / not applicable. */
export interface SupervisionPoint {
  /** Stable code, e.g. 'D01'. */
  code: string;
  category: SupervisionCategoryId;
  title: string;
  /** What the officer looks at and how to judge it. */
  whatToCheck: string;
  /** Legal or policy basis, e.g. 《中华人民共和国村民委员会组织法》第二十四条. */
  basis: string;
  risk: RiskLevel;
  /** Evidence the officer must see or collect (photos, records, documents). */
  evidence: string[];
  /** The supervision path a problem under this point follows. */
  pathCode: string;
}

/** Who acts in a step: a stable id (e.g. 'liaisonOfficer') and the label shown (联络员). */
export interface SupervisionActor {
  id: string;
  label: string;
}

export interface SupervisionStep {
  actor: SupervisionActor;
  /** What the actor does. */
  action: string;
  /** The document the step produces, if any (e.g. 问题反馈单). */
  output?: string;
  /** Time allowed for the step, in working days. */
  deadlineDays?: number;
}

/** 监督路径: an ordered procedure, shared by the points that follow it. */
export interface SupervisionPath {
  /** Stable code, e.g. 'P01'. */
  code: string;
  title: string;
  steps: SupervisionStep[];
}

/** 负面清单: a forbidden practice, optionally watched by an automatic rule. */
export interface NegativeListItem {
  code: string;
  category: SupervisionCategoryId;
  /** The forbidden practice, e.g. 拆分工程规避招标. */
  text: string;
  /** Id of the automatic rule that detects it, e.g. 'contractSplitting'. */
  ruleId?: string;
}

export interface Catalogue {
  /** Version number, from 1; each edit a town admin saves is the next one. */
  version: number;
  /** Date (YYYY-MM-DD) from which inspections use this version. */
  effectiveFrom: string;
  categories: SupervisionCategory[];
  points: SupervisionPoint[];
  paths: SupervisionPath[];
  negativeList: NegativeListItem[];
}

/** Longest text, in characters, of each kind of field; the UI shows the same limits. */
export const CATALOGUE_TEXT_LIMITS = {
  code: 8,
  categoryName: 40,
  title: 60,
  whatToCheck: 400,
  basis: 200,
  evidence: 80,
  actorId: 40,
  actorLabel: 20,
  action: 120,
  output: 40,
  negativeText: 120,
} as const;

export const CATALOGUE_PROBLEM_KINDS = [
  'required',
  'tooLong',
  'badFormat',
  'badValue',
  'duplicateCode',
  'unknownCategory',
  'unknownPath',
  'tooFewSteps',
  'emptyCategory',
] as const;
export type CatalogueProblemKind = (typeof CATALOGUE_PROBLEM_KINDS)[number];

/**
 * A reason the catalogue cannot be saved. `field` is a dotted path into the catalogue
 * (`points.3.pathCode`, `paths.0.steps`); `messageKey` is the i18n key of the message.
 */
export interface CatalogueProblem {
  field: string;
  kind: CatalogueProblemKind;
  messageKey: string;
}

const CODE_FORMAT = /^[A-Z]{1,3}[0-9]{2,4}$/;
const ACTOR_ID_FORMAT = /^[a-z][A-Za-z0-9]*$/;
const RULE_ID_FORMAT = /^[a-z][A-Za-z0-9]*$/;
const DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest time a step may be given, in working days (about a year). */
const MAX_DEADLINE_DAYS = 250;

function isRealDate(text: string): boolean {
  const m = DATE_FORMAT.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Collects problems; one `add` per rule keeps the checks below readable. */
class Problems {
  readonly list: CatalogueProblem[] = [];

  add(field: string, kind: CatalogueProblemKind): void {
    this.list.push({ field, kind, messageKey: `catalogue.${kind}` });
  }

  /** Text that must be present (not blank, no surrounding spaces) and at most `max` long. */
  text(field: string, value: unknown, max: number): void {
    if (typeof value !== 'string' || value.trim() === '') return this.add(field, 'required');
    if (value.trim() !== value) return this.add(field, 'badFormat');
    if ([...value].length > max) this.add(field, 'tooLong');
  }

  /** A code in its format, unique among `seen`. */
  code(field: string, value: unknown, seen: Set<string>): void {
    if (typeof value !== 'string' || value === '') return this.add(field, 'required');
    if (!CODE_FORMAT.test(value)) return this.add(field, 'badFormat');
    if (seen.has(value)) return this.add(field, 'duplicateCode');
    seen.add(value);
  }
}

function checkCategories(c: Catalogue, p: Problems): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(c.categories) || c.categories.length === 0) {
    p.add('categories', 'required');
    return ids;
  }
  c.categories.forEach((category, i) => {
    const at = `categories.${i}`;
    if (!(SUPERVISION_CATEGORY_IDS as readonly string[]).includes(category.id)) {
      p.add(`${at}.id`, 'unknownCategory');
    } else if (ids.has(category.id)) {
      p.add(`${at}.id`, 'duplicateCode');
    } else {
      ids.add(category.id);
    }
    p.text(`${at}.name.zh-CN`, category.name?.['zh-CN'], CATALOGUE_TEXT_LIMITS.categoryName);
    p.text(`${at}.name.en-US`, category.name?.['en-US'], CATALOGUE_TEXT_LIMITS.categoryName);
  });
  return ids;
}

function checkPaths(c: Catalogue, p: Problems): Set<string> {
  const codes = new Set<string>();
  if (!Array.isArray(c.paths) || c.paths.length === 0) {
    p.add('paths', 'required');
    return codes;
  }
  c.paths.forEach((path, i) => {
    const at = `paths.${i}`;
    p.code(`${at}.code`, path.code, codes);
    p.text(`${at}.title`, path.title, CATALOGUE_TEXT_LIMITS.title);
    const steps = Array.isArray(path.steps) ? path.steps : [];
    if (steps.length < 2) p.add(`${at}.steps`, 'tooFewSteps');
    steps.forEach((step, j) => {
      const s = `${at}.steps.${j}`;
      const actorId: unknown = step.actor?.id;
      if (typeof actorId !== 'string' || actorId === '') p.add(`${s}.actor.id`, 'required');
      else if (!ACTOR_ID_FORMAT.test(actorId) || actorId.length > CATALOGUE_TEXT_LIMITS.actorId) {
        p.add(`${s}.actor.id`, 'badFormat');
      }
      p.text(`${s}.actor.label`, step.actor?.label, CATALOGUE_TEXT_LIMITS.actorLabel);
      p.text(`${s}.action`, step.action, CATALOGUE_TEXT_LIMITS.action);
      if (step.output !== undefined) {
        p.text(`${s}.output`, step.output, CATALOGUE_TEXT_LIMITS.output);
      }
      if (step.deadlineDays !== undefined) {
        const d = step.deadlineDays;
        if (!Number.isInteger(d) || d < 1 || d > MAX_DEADLINE_DAYS) {
          p.add(`${s}.deadlineDays`, 'badValue');
        }
      }
    });
  });
  return codes;
}

function checkPoints(c: Catalogue, p: Problems, categories: Set<string>, paths: Set<string>) {
  const codes = new Set<string>();
  const used = new Set<string>();
  if (!Array.isArray(c.points) || c.points.length === 0) {
    p.add('points', 'required');
    return used;
  }
  c.points.forEach((point, i) => {
    const at = `points.${i}`;
    p.code(`${at}.code`, point.code, codes);
    if (!categories.has(point.category)) p.add(`${at}.category`, 'unknownCategory');
    else used.add(point.category);
    p.text(`${at}.title`, point.title, CATALOGUE_TEXT_LIMITS.title);
    p.text(`${at}.whatToCheck`, point.whatToCheck, CATALOGUE_TEXT_LIMITS.whatToCheck);
    p.text(`${at}.basis`, point.basis, CATALOGUE_TEXT_LIMITS.basis);
    if (!(RISK_LEVELS as readonly string[]).includes(point.risk)) p.add(`${at}.risk`, 'badValue');
    const evidence = Array.isArray(point.evidence) ? point.evidence : [];
    if (evidence.length === 0) p.add(`${at}.evidence`, 'required');
    evidence.forEach((e, j) => p.text(`${at}.evidence.${j}`, e, CATALOGUE_TEXT_LIMITS.evidence));
    if (typeof point.pathCode !== 'string' || point.pathCode === '') {
      p.add(`${at}.pathCode`, 'required');
    } else if (!paths.has(point.pathCode)) {
      p.add(`${at}.pathCode`, 'unknownPath');
    }
  });
  return used;
}

function checkNegativeList(c: Catalogue, p: Problems, categories: Set<string>): void {
  if (!Array.isArray(c.negativeList)) return p.add('negativeList', 'required');
  const codes = new Set<string>();
  c.negativeList.forEach((item, i) => {
    const at = `negativeList.${i}`;
    p.code(`${at}.code`, item.code, codes);
    if (!categories.has(item.category)) p.add(`${at}.category`, 'unknownCategory');
    p.text(`${at}.text`, item.text, CATALOGUE_TEXT_LIMITS.negativeText);
    if (item.ruleId !== undefined && !RULE_ID_FORMAT.test(item.ruleId)) {
      p.add(`${at}.ruleId`, 'badFormat');
    }
  });
}

/**
 * Reasons a catalogue cannot be saved; [] when it can. A version is a positive integer and
 * takes effect on a real date; codes have their format (letters then digits, 'D01') and are
 * unique among points, among paths and among negative-list items; every point and item
 * belongs to one of the catalogue's categories, and every category has at least one point;
 * every point names a path that exists, and every path has at least two steps; texts are
 * present, without surrounding spaces, and within CATALOGUE_TEXT_LIMITS; step deadlines are
 * whole working days from 1 to 250.
 */
export function checkCatalogue(c: Catalogue): CatalogueProblem[] {
  const p = new Problems();
  if (!Number.isInteger(c.version) || c.version < 1) p.add('version', 'badValue');
  if (typeof c.effectiveFrom !== 'string' || c.effectiveFrom === '') {
    p.add('effectiveFrom', 'required');
  } else if (!isRealDate(c.effectiveFrom)) {
    p.add('effectiveFrom', 'badFormat');
  }
  const categories = checkCategories(c, p);
  const paths = checkPaths(c, p);
  const used = checkPoints(c, p, categories, paths);
  (c.categories ?? []).forEach((category, i) => {
    if (categories.has(category.id) && !used.has(category.id)) {
      p.add(`categories.${i}`, 'emptyCategory');
    }
  });
  checkNegativeList(c, p, categories);
  return p.list;
}

/** An entry whose code is in both versions but whose content differs. */
export interface ChangedEntry<T> {
  code: string;
  before: T;
  after: T;
  /** The fields that differ, as dotted paths (`whatToCheck`, `steps.2.action`). */
  fields: string[];
}

export interface EntryDiff<T> {
  added: T[];
  removed: T[];
  changed: ChangedEntry<T>[];
}

/** What changed from one catalogue version to the next, for the version history. */
export interface CatalogueDiff {
  points: EntryDiff<SupervisionPoint>;
  paths: EntryDiff<SupervisionPath>;
  negativeList: EntryDiff<NegativeListItem>;
}

function diffByCode<T extends { code: string }>(before: T[], after: T[]): EntryDiff<T> {
  const old = new Map(before.map((e) => [e.code, e]));
  const now = new Map(after.map((e) => [e.code, e]));
  const changed: ChangedEntry<T>[] = [];
  for (const entry of after) {
    const prior = old.get(entry.code);
    if (prior === undefined) continue;
    const fields = diffValues(prior, entry).map((change: FieldChange) => change.path);
    if (fields.length > 0) changed.push({ code: entry.code, before: prior, after: entry, fields });
  }
  return {
    added: after.filter((e) => !old.has(e.code)),
    removed: before.filter((e) => !now.has(e.code)),
    changed,
  };
}

/**
 * Points, paths and negative-list items added, removed or changed from version `a` to
 * version `b`, matched by code. Entries keep the order of the version they come from (removed:
 * `a`, added and changed: `b`); an entry whose content is equal in both is not reported.
 */
export function diffCatalogue(a: Catalogue, b: Catalogue): CatalogueDiff {
  return {
    points: diffByCode(a.points, b.points),
    paths: diffByCode(a.paths, b.paths),
    negativeList: diffByCode(a.negativeList, b.negativeList),
  };
}

/** The catalogue's points of one category, in catalogue order. */
export function pointsOf(c: Catalogue, category: SupervisionCategoryId): SupervisionPoint[] {
  return c.points.filter((point) => point.category === category);
}

/** The path a point follows, or undefined when the catalogue does not have it. */
export function pathOf(c: Catalogue, point: SupervisionPoint): SupervisionPath | undefined {
  return c.paths.find((path) => path.code === point.pathCode);
}
