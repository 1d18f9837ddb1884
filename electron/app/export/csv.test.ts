// CSV as RFC 4180 writes it, and parsing it back unchanged.
import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from './csv.ts';

describe('csv', () => {
  it('quotes only the fields that need it, ending each record with CRLF', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 42, null, ''])).toBe('plain,"a,b","say ""hi""","two\nlines",42,,\r\n');
  });

  it('parses what it writes', () => {
    const records = [
      ['path', 'class'],
      ['train/a_b_ c_/x.jpg', 'a/b: c?'],
      ['q', 'comma, "quote"\r\nand break'],
      ['', ''],
      ['猫', '🐈'],
    ];
    expect(parseCsv(records.map(csvLine).join(''))).toEqual(records);
  });

  it('accepts LF line ends, a BOM and a missing final line break', () => {
    expect(parseCsv('\ufeffa,b\nc,"d\ne"')).toEqual([['a', 'b'], ['c', 'd\ne']]);
  });

  it('refuses a text that ends inside quotes', () => {
    expect(() => parseCsv('a,"b')).toThrow(/quoted field/);
  });
});
