import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './identifiers.js';
import { isOrganisationName, maskPersonName, scrubText } from './redact.js';

describe('isOrganisationName', () => {
  it('recognises organisations by their markers', () => {
    for (const name of [
      '杭州某某建筑工程有限公司',
      '东风村股份经济合作社',
      '红星砖厂',
      '县水利局',
      '东风村',
      '城关镇人民政府',
      '城关镇',
      '新华书店',
      '县农业农村局农技推广中心',
      '中国农业银行某某支行',
      '东风村党支部',
      '城关镇中心小学',
      '县人民医院',
      '第三工程队',
      '某某街道办事处',
      '东风村村民委员会',
      '红星果园',
      '老年协会',
      '某某律师事务所',
      '某某农机合作社（筹）',
      'Acme Construction Co., Ltd.',
    ]) {
      expect(isOrganisationName(name), name).toBe(true);
    }
  });

  it('takes ordinary names as persons', () => {
    for (const name of [
      '王建国',
      '张三',
      '欧阳小明',
      '李丽园',
      '王会',
      '张镇',
      '欧阳丽园',
      '阿卜杜·热合曼',
      'John Smith',
      '',
    ]) {
      expect(isOrganisationName(name), name).toBe(false);
    }
  });
});

describe('maskPersonName', () => {
  it('keeps the surname and masks the given name', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('王建国')).toBe('王**');
    expect(maskPersonName(' 王建国 ')).toBe('王**');
    expect(maskPersonName('李丽园')).toBe('李**');
  });

  it('keeps both characters of a compound surname', () => {
    expect(maskPersonName('欧阳小明')).toBe('欧阳**');
    expect(maskPersonName('司马光')).toBe('司马*');
    expect(maskPersonName('诸葛亮')).toBe('诸葛*');
    // Two characters only: surname 欧, given name 阳.
    expect(maskPersonName('欧阳')).toBe('欧*');
  });

  it('returns organisation names unchanged', () => {
    expect(maskPersonName('东风村股份经济合作社')).toBe('东风村股份经济合作社');
    expect(maskPersonName('红星砖厂')).toBe('红星砖厂');
  });

  it('handles empty, single-character and non-Han names', () => {
    expect(maskPersonName('')).toBe('');
    expect(maskPersonName('   ')).toBe('');
    expect(maskPersonName('张')).toBe('张');
    expect(maskPersonName('阿卜杜·热合曼')).toBe('阿******');
    expect(maskPersonName('Li')).toBe('L*');
    expect(maskPersonName('Tom')).toBe('T**');
    expect(maskPersonName('John Smith')).toBe('J***');
  });
});

describe('scrubText', () => {
  const id18 = `11010519491231002X`;

  it('removes 18-digit and 15-digit identity numbers', () => {
    expect(scrubText(`身份证号${id18}，住址东风村`)).toBe('身份证号***，住址东风村');
    expect(scrubText('身份证号11010519491231002x。')).toBe('身份证号***。');
    expect(scrubText('身份证号：110105194912310021')).toBe('身份证号：***');
    expect(scrubText('旧证 110105491231002 已换')).toBe('旧证 *** 已换');
  });

  it('removes mobile numbers, also in 3-4-4 form and with +86', () => {
    expect(scrubText('联系电话13812345678')).toBe('联系电话***');
    expect(scrubText('电话 138 1234 5678，')).toBe('电话 ***，');
    expect(scrubText('电话 138-1234-5678')).toBe('电话 ***');
    expect(scrubText('电话+86 13812345678')).toBe('电话***');
    expect(scrubText('电话+8613812345678')).toBe('电话***');
    expect(scrubText('Tel13912345678')).toBe('Tel***');
    expect(scrubText('13812345678和19987654321')).toBe('***和***');
  });

  it('leaves numbers of other shapes alone', () => {
    for (const text of [
      '金额123456.78元',
      '合同金额 13812345678.00 元',
      '信用代码91330100MA2XXXXXX2',
      '信用代码91440300708461136T',
      '信用代码9Y330100716105852F',
      '编号 138123456789',
      '编号 1381234567',
      '固定电话 0571-87654321',
      '12812345678',
      '日期20260930',
      '账号 1101051949123100211',
      '1101051949123100',
      '11010519491231002Xa',
    ]) {
      expect(scrubText(text), text).toBe(text);
    }
  });

  it('never leaves an embedded mobile or identity number in the output', () => {
    const digits = (min: number, max: number) =>
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
        .map((ds) => ds.join(''));
    const mobile = fc
      .tuple(fc.integer({ min: 3, max: 9 }), digits(1, 1), digits(4, 4), digits(4, 4))
      .chain(([second, third, middle, last]) =>
        fc
          .constantFrom('', ' ', '-')
          .map((sep) => ({ text: `1${second}${third}${sep}${middle}${sep}${last}` })),
      );
    const id = fc.oneof(
      digits(17, 17).chain((body) =>
        fc.constantFrom(idNumberCheckChar(body), 'x', '0').map((check) => ({ text: body + check })),
      ),
      digits(15, 15).map((text) => ({ text })),
    );
    const filler = fc
      .array(fc.constantFrom('东', '风', '村', '，', '。', ' ', '：', '号', '电', '话', '\n'))
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(filler, fc.oneof(mobile, id), filler, (before, { text }, after) => {
        const out = scrubText(before + text + after);
        expect(out).not.toContain(text);
        expect(out.replace(/[\s-]/g, '')).not.toContain(text.replace(/[\s-]/g, ''));
        expect(out).toBe(`${before}***${after}`);
      }),
    );
  });
});
