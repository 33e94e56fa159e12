import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
} from './identifiers.js';

describe('credit code (统一社会信用代码)', () => {
  it('computes the check character of a hand-worked example', () => {
    // 9 1 3 3 0 1 0 0 M A 2 X X X X X X, values M=21 A=10 X=29, weights as in GB 32100:
    // 9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 10·29 + 2·25
    //   + 29·(13 + 8 + 24 + 10 + 30 + 28) = 536 + 290 + 50 + 29·113 = 4183
    // 4183 mod 31 = 29, (31 − 29) mod 31 = 2 → charset[2] = '2'.
    expect(creditCodeCheckChar('91330100MA2XXXXXX')).toBe('2');
    expect(isValidCreditCode('91330100MA2XXXXXX2')).toBe(true);
  });

  it('accepts published codes of well-known companies', () => {
    expect(isValidCreditCode('91440300708461136T')).toBe(true);
    expect(isValidCreditCode('914403001922038216')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidCreditCode('91330100MA2XXXXXX3')).toBe(false);
    expect(isValidCreditCode('91440300708461136Y')).toBe(false);
  });

  it('rejects a wrong length', () => {
    expect(isValidCreditCode('')).toBe(false);
    expect(isValidCreditCode('91330100MA2XXXXXX')).toBe(false);
    expect(isValidCreditCode('91330100MA2XXXXXX22')).toBe(false);
  });

  it('rejects the letters I, O, Z, S and V and lower case', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      const body = `91330100MA2${letter}XXXXX`;
      expect(() => creditCodeCheckChar(body)).toThrow(RangeError);
      for (const check of CREDIT_CODE_CHARSET) {
        expect(isValidCreditCode(body + check)).toBe(false);
      }
      expect(isValidCreditCode(`91330100MA2XXXXXX${letter}`)).toBe(false);
    }
    expect(isValidCreditCode('91330100ma2xxxxxx2')).toBe(false);
  });

  it('accepts exactly the computed check character for any 17 valid characters', () => {
    const body = fc
      .array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 17, maxLength: 17 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(body, fc.constantFrom(...CREDIT_CODE_CHARSET), (first17, other) => {
        const check = creditCodeCheckChar(first17);
        expect(isValidCreditCode(first17 + check)).toBe(true);
        if (other !== check) expect(isValidCreditCode(first17 + other)).toBe(false);
      }),
    );
  });
});

describe('identity number (身份证号)', () => {
  it('computes the check character of the GB 11643 example', () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10
    //   + 1·5 + 0·8 + 0·4 + 2·2 = 167; 167 mod 11 = 2 → '10X98765432'[2] = 'X'.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002Y')).toBe(false);
  });

  it('rejects a wrong length and non-digits', () => {
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002X0')).toBe(false);
    expect(isValidIdNumber('110105491231002')).toBe(false); // old 15-digit form
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
    expect(() => idNumberCheckChar('1101051949123100A')).toThrow(RangeError);
  });

  it('requires a real birth date from 1900 to 2100', () => {
    const withCheck = (first17: string): string => first17 + idNumberCheckChar(first17);
    expect(isValidIdNumber(withCheck('11010520000229001'))).toBe(true); // leap day
    expect(isValidIdNumber(withCheck('11010519000229001'))).toBe(false); // 1900 is no leap year
    expect(isValidIdNumber(withCheck('11010519490231001'))).toBe(false);
    expect(isValidIdNumber(withCheck('11010519491301001'))).toBe(false);
    expect(isValidIdNumber(withCheck('11010519490100001'))).toBe(false);
    expect(isValidIdNumber(withCheck('11010518991231001'))).toBe(false);
    expect(isValidIdNumber(withCheck('11010521010101001'))).toBe(false);
    expect(isValidIdNumber(withCheck('11010521001231001'))).toBe(true);
  });

  it('accepts exactly the computed check character for any 17 valid digits', () => {
    const pad = (n: number, width: number): string => String(n).padStart(width, '0');
    const body = fc
      .record({
        region: fc.integer({ min: 110000, max: 659999 }),
        birth: fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        sequence: fc.integer({ min: 0, max: 999 }),
      })
      .map(({ region, birth, sequence }) => {
        const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
        return `${region}${date}${pad(sequence, 3)}`;
      });
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789X'), (first17, other) => {
        const check = idNumberCheckChar(first17);
        expect(isValidIdNumber(first17 + check)).toBe(true);
        if (other !== check) expect(isValidIdNumber(first17 + other)).toBe(false);
      }),
    );
  });
});
