/**
 * A tiny PDF text reader for Chromium's PDFs, enough to check what a printed page says: it inflates the
 * streams, reads each font's ToUnicode map, and decodes the hex strings of the text operators (Tj, TJ) with
 * the font selected by Tf. Not a general PDF parser: no encryption, object streams or literal-string fonts,
 * which Chromium does not use for page text.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject { dict: string; stream?: Buffer }

function objects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(src))) {
    const start = m.index + m[0].length;
    const streamAt = src.indexOf('stream', start);
    const endAt = src.indexOf('endobj', start);
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = src.slice(start, streamAt);
      const length = Number(/\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1] ?? NaN);
      const dataStart = streamAt + (src[streamAt + 6] === '\r' ? 8 : 7);
      const dataEnd = Number.isFinite(length) ? dataStart + length : src.indexOf('endstream', dataStart);
      let data: Buffer = pdf.subarray(dataStart, dataEnd);
      if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
      out.set(Number(m[1]), { dict, stream: data });
      head.lastIndex = src.indexOf('endobj', dataEnd);
    } else {
      out.set(Number(m[1]), { dict: src.slice(start, endAt) });
    }
  }
  return out;
}

/** A ToUnicode CMap: character code (hex) → text. */
function readCmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code.toUpperCase(), utf16(uni));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = lo.length;
      for (let c = parseInt(lo, 16), u = parseInt(uni, 16); c <= parseInt(hi, 16); c++, u++) map.set(c.toString(16).toUpperCase().padStart(width, '0'), String.fromCharCode(u));
    }
  }
  return map;
}

/** All text shown in the PDF, in stream order; text objects (BT…ET) separated by spaces. */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const fonts = new Map<string, Map<string, string>>();
  for (const { dict } of objs.values()) {
    for (const block of dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const [, name, ref] of block[1].matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
        const font = objs.get(Number(ref));
        const cmapRef = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
        const cmap = cmapRef ? objs.get(Number(cmapRef))?.stream : undefined;
        if (cmap) fonts.set(name, readCmap(cmap.toString('latin1')));
      }
    }
  }
  let out = '';
  for (const { stream } of objs.values()) {
    if (!stream) continue;
    const content = stream.toString('latin1');
    if (!/\bBT\b/.test(content) || !/T[jJ]\b/.test(content)) continue;
    let cmap: Map<string, string> | undefined;
    const ops = /\/([\w.+-]+)\s+[\d.]+\s+Tf|(\[[^\]]*\])\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bET\b/g;
    let op: RegExpExecArray | null;
    const decode = (hex: string) => {
      const width = cmap && [...cmap.keys()][0]?.length === 2 ? 2 : 4;
      return (hex.match(new RegExp(`.{${width}}`, 'g')) ?? []).map((code) => cmap?.get(code.toUpperCase()) ?? '').join('');
    };
    while ((op = ops.exec(content))) {
      if (op[1]) cmap = fonts.get(op[1]);
      else if (op[2]) out += [...op[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((h) => decode(h[1])).join('');
      else if (op[3] !== undefined) out += decode(op[3]);
      else out += ' ';
    }
  }
  return out;
}
