/**
 * Strict JSON syntax check with the offset of the first mistake. The YAML parser reads JSON too, but it also
 * accepts things JSON forbids (trailing commas, comments, single quotes), and `JSON.parse` only sometimes says
 * where it failed; a scenario written as JSON should stay JSON that every other tool can read.
 */

/** The first JSON syntax mistake: where it is (character offset) and what to do about it. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Fail extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$-]*/y;

/** Returns the first syntax error of `text` as JSON, or undefined when it is well-formed JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
    if (text[i] === '/' || text[i] === '#') throw new Fail(i, 'JSON does not allow comments; remove it, or write the scenario as YAML');
  };
  const end = (what: string) => new Fail(text.length, `the JSON ends in the middle of ${what}; a closing bracket or quote may be missing`);

  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      const c = text[i];
      if (c === '\\') {
        if (!/["\\/bfnrtu]/.test(text[i + 1] ?? '')) throw new Fail(i, `"\\${text[i + 1] ?? ''}" is not an escape JSON knows; write "\\\\" for a backslash`);
        if (text[i + 1] === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail(i, 'a "\\u" escape needs four hex digits');
        i += 2;
      } else if (c < ' ') {
        throw new Fail(i, c === '\n' ? 'a JSON string cannot span lines; write "\\n" for a line break' : 'a JSON string cannot hold control characters; escape them');
      } else i++;
    }
    if (i >= text.length) throw new Fail(start, 'this string is never closed; add the closing double quote');
    i++;
  };

  const value = (): void => {
    space();
    if (i >= text.length) throw end('a value');
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    if (c === "'") throw new Fail(i, 'JSON strings use double quotes, not single quotes');
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      i += word.length;
      return;
    }
    if (word && ['true', 'false', 'null'].includes(word.toLowerCase())) throw new Fail(i, `write ${word.toLowerCase()} in lower case`);
    throw new Fail(i, word ? `"${word}" needs double quotes in JSON` : `unexpected "${c}" where a value should be`);
  };

  const container = (close: '}' | ']', isObject: boolean): void => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (isObject) {
        space();
        if (i >= text.length) throw end('a map');
        if (text[i] === "'") throw new Fail(i, 'JSON strings use double quotes, not single quotes');
        if (text[i] !== '"') throw new Fail(i, 'a key in JSON needs double quotes');
        string();
        space();
        if (text[i] !== ':') throw i >= text.length ? end('a map') : new Fail(i, 'expected ":" after the key');
        i++;
      }
      value();
      space();
      if (i >= text.length) throw end(isObject ? 'a map' : 'a list');
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ',') throw new Fail(i, `expected "," or "${close}" after a value`);
      const comma = i++;
      space();
      if (text[i] === close) throw new Fail(comma, `JSON does not allow a comma before "${close}"; remove it`);
    }
  };

  try {
    value();
    space();
    if (i < text.length) throw new Fail(i, 'unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof Fail) return { offset: error.offset, message: error.message };
    throw error;
  }
}
