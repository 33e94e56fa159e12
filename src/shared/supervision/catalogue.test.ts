import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SUPERVISION_CATEGORY_IDS,
  checkCatalogue,
  diffCatalogue,
  pathOf,
  pointsOf,
  type Catalogue,
  type CatalogueProblem,
  type RiskLevel,
  type SupervisionCategoryId,
} from './catalogue.js';
import { DEMO_CATALOGUE } from './demo-catalogue.js';
import { RULE_IDS } from './rules.js';

function demo(): Catalogue {
  return structuredClone(DEMO_CATALOGUE);
}

/** The demo with one edit applied, and the problems checkCatalogue finds in it. */
function problemsAfter(edit: (c: Catalogue) => void): CatalogueProblem[] {
  const c = demo();
  edit(c);
  return checkCatalogue(c);
}

function fieldsAndKinds(problems: CatalogueProblem[]): [string, string][] {
  return problems.map((p) => [p.field, p.kind]);
}

describe('the demo catalogue', () => {
  it('passes the checks', () => {
    expect(checkCatalogue(DEMO_CATALOGUE)).toEqual([]);
  });

  it('has 38 points, 22 paths and the six categories, each used', () => {
    const c = DEMO_CATALOGUE;
    expect(c.points).toHaveLength(38);
    expect(c.paths).toHaveLength(22);
    expect(c.categories.map((x) => x.id)).toEqual([...SUPERVISION_CATEGORY_IDS]);
    const perCategory = Object.fromEntries(
      SUPERVISION_CATEGORY_IDS.map((id) => [id, pointsOf(c, id).length]),
    );
    expect(perCategory).toEqual({
      decision: 6,
      power: 6,
      fund: 7,
      project: 7,
      duty: 6,
      service: 6,
    });
  });

  it('uses every path, and shares some paths between points', () => {
    const c = DEMO_CATALOGUE;
    const uses = new Map<string, number>();
    for (const p of c.points) uses.set(p.pathCode, (uses.get(p.pathCode) ?? 0) + 1);
    expect([...uses.keys()].sort()).toEqual(c.paths.map((p) => p.code).sort());
    expect([...uses.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(5);
  });

  it('numbers points D01–D38 and paths P01–P22 in order', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(DEMO_CATALOGUE.points.map((p) => p.code)).toEqual(
      Array.from({ length: 38 }, (_, i) => `D${pad(i + 1)}`),
    );
    expect(DEMO_CATALOGUE.paths.map((p) => p.code)).toEqual(
      Array.from({ length: 22 }, (_, i) => `P${pad(i + 1)}`),
    );
  });

  it('gives every point a basis, evidence and a risk level, and uses all three levels', () => {
    for (const p of DEMO_CATALOGUE.points) {
      expect(p.basis).toMatch(/《.+》/);
      expect(p.evidence.length).toBeGreaterThan(0);
    }
    const risks = new Set<RiskLevel>(DEMO_CATALOGUE.points.map((p) => p.risk));
    expect([...risks].sort()).toEqual(['high', 'low', 'medium']);
  });

  it('has a negative list of about fifteen items, every automatic rule among them', () => {
    const list = DEMO_CATALOGUE.negativeList;
    expect(list.length).toBeGreaterThanOrEqual(12);
    expect(list.length).toBeLessThanOrEqual(20);
    const ruleIds = list.flatMap((item) => (item.ruleId ? [item.ruleId] : []));
    expect([...ruleIds].sort()).toEqual([...RULE_IDS].sort());
    expect(list.find((item) => item.ruleId === 'contractSplitting')?.text).toBe('拆分工程规避招标');
  });

  it('finds the path of a point', () => {
    const point = DEMO_CATALOGUE.points.find((p) => p.code === 'D22');
    expect(point && pathOf(DEMO_CATALOGUE, point)?.title).toBe('村级工程发包监督');
    expect(pathOf(DEMO_CATALOGUE, { ...DEMO_CATALOGUE.points[0]!, pathCode: 'P99' })).toBe(
      undefined,
    );
  });
});

describe('checkCatalogue', () => {
  it('names a duplicate code among points, paths and the negative list', () => {
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.points[1]!.code = 'D01';
        }),
      ),
    ).toEqual([['points.1.code', 'duplicateCode']]);
    // Renaming P02 to P01 also leaves the points of P02 without their path.
    const paths = problemsAfter((c) => {
      c.paths[1]!.code = 'P01';
    });
    expect(paths).toContainEqual({
      field: 'paths.1.code',
      kind: 'duplicateCode',
      messageKey: 'catalogue.duplicateCode',
    });
    expect(paths.filter((p) => p.kind === 'unknownPath').map((p) => p.field)).toEqual([
      'points.0.pathCode',
      'points.1.pathCode',
      'points.4.pathCode',
    ]);
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.negativeList[3]!.code = 'N01';
        }),
      ),
    ).toEqual([['negativeList.3.code', 'duplicateCode']]);
  });

  it('names a point whose path does not exist', () => {
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.points[7]!.pathCode = 'P23';
        }),
      ),
    ).toEqual([['points.7.pathCode', 'unknownPath']]);
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.points[7]!.pathCode = '';
        }),
      ),
    ).toEqual([['points.7.pathCode', 'required']]);
  });

  it('names a path with fewer than two steps', () => {
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.paths[2]!.steps = c.paths[2]!.steps.slice(0, 1);
        }),
      ),
    ).toEqual([['paths.2.steps', 'tooFewSteps']]);
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.paths[2]!.steps = [];
        }),
      ),
    ).toEqual([['paths.2.steps', 'tooFewSteps']]);
  });

  it('names a category without points, and a point or item in no category', () => {
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          for (const p of c.points) if (p.category === 'duty') p.category = 'service';
        }),
      ),
    ).toEqual([['categories.4', 'emptyCategory']]);
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.points[0]!.category = 'village' as SupervisionCategoryId;
          c.negativeList[0]!.category = 'village' as SupervisionCategoryId;
        }),
      ),
    ).toEqual([
      ['points.0.category', 'unknownCategory'],
      ['negativeList.0.category', 'unknownCategory'],
    ]);
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.categories.push({ ...c.categories[0]! });
        }),
      ),
    ).toEqual([['categories.6.id', 'duplicateCode']]);
  });

  it('names texts that are missing, padded or too long', () => {
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.points[0]!.title = '　';
          c.points[1]!.whatToCheck = ' 查看会议记录';
          c.points[2]!.basis = '《'.padEnd(201, '法');
          c.points[3]!.evidence = [];
          c.points[4]!.evidence.push('');
        }),
      ),
    ).toEqual([
      ['points.0.title', 'required'],
      ['points.1.whatToCheck', 'badFormat'],
      ['points.2.basis', 'tooLong'],
      ['points.3.evidence', 'required'],
      ['points.4.evidence.3', 'required'],
    ]);
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.paths[0]!.title = '';
          c.paths[0]!.steps[1]!.action = '核'.repeat(121);
          c.paths[0]!.steps[2]!.output = '单'.repeat(41);
          c.paths[0]!.steps[3]!.actor = { id: 'liaison officer', label: '' };
          c.negativeList[0]!.text = '';
          c.categories[1]!.name['en-US'] = '';
        }),
      ),
    ).toEqual([
      ['categories.1.name.en-US', 'required'],
      ['paths.0.title', 'required'],
      ['paths.0.steps.1.action', 'tooLong'],
      ['paths.0.steps.2.output', 'tooLong'],
      ['paths.0.steps.3.actor.id', 'badFormat'],
      ['paths.0.steps.3.actor.label', 'required'],
      ['negativeList.0.text', 'required'],
    ]);
  });

  it('counts length in characters, not UTF-16 units', () => {
    // 60 characters outside the BMP are 120 code units, and still fit a 60-character title.
    expect(
      problemsAfter((c) => {
        c.points[0]!.title = '𠀀'.repeat(60);
      }),
    ).toEqual([]);
  });

  it('names bad codes, versions, dates, risk levels, deadlines and rule ids', () => {
    expect(
      fieldsAndKinds(
        problemsAfter((c) => {
          c.version = 0;
          c.effectiveFrom = '2026-02-30';
          c.points[5]!.risk = 'severe' as RiskLevel;
          c.paths[4]!.steps[0]!.deadlineDays = 0;
          c.paths[4]!.steps[1]!.deadlineDays = 2.5;
          c.negativeList[1]!.ruleId = 'contract-splitting';
        }),
      ),
    ).toEqual([
      ['version', 'badValue'],
      ['effectiveFrom', 'badFormat'],
      ['paths.4.steps.0.deadlineDays', 'badValue'],
      ['paths.4.steps.1.deadlineDays', 'badValue'],
      ['points.5.risk', 'badValue'],
      ['negativeList.1.ruleId', 'badFormat'],
    ]);
    const codes = problemsAfter((c) => {
      c.points[0]!.code = 'd01';
      c.negativeList[0]!.code = 'N 1';
    });
    expect(fieldsAndKinds(codes)).toEqual([
      ['points.0.code', 'badFormat'],
      ['negativeList.0.code', 'badFormat'],
    ]);
  });

  it('names empty lists', () => {
    const c: Catalogue = {
      version: 1,
      effectiveFrom: '2026-01-01',
      categories: [],
      points: [],
      paths: [],
      negativeList: [],
    };
    expect(fieldsAndKinds(checkCatalogue(c))).toEqual([
      ['categories', 'required'],
      ['paths', 'required'],
      ['points', 'required'],
    ]);
  });

  it('gives each problem the i18n key of its kind', () => {
    const problems = problemsAfter((c) => {
      c.version = -1;
      c.points[0]!.pathCode = 'P77';
    });
    expect(problems.map((p) => p.messageKey)).toEqual([
      'catalogue.badValue',
      'catalogue.unknownPath',
    ]);
  });

  it('property: removing a path reports exactly the points that follow it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: DEMO_CATALOGUE.paths.length - 1 }), (index) => {
        const c = demo();
        const [removed] = c.paths.splice(index, 1);
        const expected = c.points.flatMap((p, i) =>
          p.pathCode === removed?.code ? [[`points.${i}.pathCode`, 'unknownPath']] : [],
        );
        expect(expected.length).toBeGreaterThan(0);
        expect(fieldsAndKinds(checkCatalogue(c))).toEqual(expected);
      }),
    );
  });
});

describe('diffCatalogue', () => {
  it('reports nothing between equal versions', () => {
    expect(diffCatalogue(DEMO_CATALOGUE, demo())).toEqual({
      points: { added: [], removed: [], changed: [] },
      paths: { added: [], removed: [], changed: [] },
      negativeList: { added: [], removed: [], changed: [] },
    });
  });

  it('reports an edited point as changed and leaves the others alone', () => {
    const next = demo();
    next.version = 2;
    next.effectiveFrom = '2026-05-01';
    next.points[4]!.whatToCheck += '重点核查分配名单中有无已故人员。';
    next.points[4]!.evidence.push('户籍核查记录');
    const diff = diffCatalogue(DEMO_CATALOGUE, next);
    expect(diff.points.added).toEqual([]);
    expect(diff.points.removed).toEqual([]);
    expect(diff.points.changed).toHaveLength(1);
    expect(diff.points.changed[0]).toMatchObject({
      code: 'D05',
      before: DEMO_CATALOGUE.points[4],
      after: next.points[4],
      fields: ['evidence.3', 'whatToCheck'],
    });
    expect(diff.paths).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.negativeList).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports added and removed points and paths, and a path whose steps changed', () => {
    const next = demo();
    const [removedPoint] = next.points.splice(10, 1);
    const addedPoint = { ...next.points[0]!, code: 'D39', title: '新增监督要点' };
    next.points.push(addedPoint);
    const addedPath = { ...next.paths[0]!, code: 'P23', title: '新增监督路径' };
    next.paths.push(addedPath);
    next.paths[20]!.steps[2]!.action = '调阅台账、原始凭证和影像资料，现场核实预警事项';
    next.paths[20]!.steps[2]!.deadlineDays = 2;
    const diff = diffCatalogue(DEMO_CATALOGUE, next);
    expect(diff.points.removed).toEqual([removedPoint]);
    expect(diff.points.added).toEqual([addedPoint]);
    expect(diff.points.changed).toEqual([]);
    expect(diff.paths.added).toEqual([addedPath]);
    expect(diff.paths.removed).toEqual([]);
    expect(diff.paths.changed.map((c) => [c.code, c.fields])).toEqual([
      ['P21', ['steps.2.action', 'steps.2.deadlineDays']],
    ]);
  });

  it('property: a diff against itself after any single title edit names that entry only', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DEMO_CATALOGUE.points.length - 1 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (index, suffix) => {
          const next = demo();
          next.points[index]!.title += suffix;
          const diff = diffCatalogue(DEMO_CATALOGUE, next);
          expect(diff.points.changed.map((c) => [c.code, c.fields])).toEqual([
            [DEMO_CATALOGUE.points[index]!.code, ['title']],
          ]);
        },
      ),
    );
  });
});
