import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../../shared/msel/csv';

const fields = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.message);
  return result.records.map((r) => r.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it('reads plain and quoted fields, doubled quotes, commas and line breaks inside quotes', () => {
    expect(fields('a,b,c\r\n1,"two, three","say ""hi"""\r\n"multi\nline",,x\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, three', 'say "hi"'],
      ['multi\nline', '', 'x'],
    ]);
  });

  it('ignores a byte-order mark and a missing final line break', () => {
    expect(fields('\uFEFFtime,title\nT+00:00,Page')).toEqual([['time', 'title'], ['T+00:00', 'Page']]);
  });

  it('numbers records like spreadsheet rows and remembers their first line', () => {
    const result = parseCsv('h\n"a\nb"\nc\n');
    expect(result.ok && result.records.map((r) => [r.row, r.line])).toEqual([[1, 1], [2, 2], [3, 4]]);
  });

  it('says where a quoted field is never closed, and when text follows a closing quote', () => {
    expect(parseCsv('a\n"open\nstill open')).toEqual({ ok: false, line: 2, message: expect.stringContaining('never closed') });
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, line: 1 });
  });
});

describe('formatCsv', () => {
  it('quotes only what needs quoting and reads back unchanged', () => {
    const rows = [['time', 'body'], ['T+01:00', 'plain'], ['T+02:00', 'has, comma'], ['T+03:00', 'has "quotes"\nand a break'], ['T+04:00', ' edge ']];
    const text = formatCsv(rows);
    expect(text.split('\r\n')[1]).toBe('T+01:00,plain');
    expect(fields(text)).toEqual(rows);
  });
});
