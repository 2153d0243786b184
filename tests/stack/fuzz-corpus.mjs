// The fixed corpus of hostile values for tests/stack/fuzz.mjs.
//
// Every string entry has the text put into a JSON string field (`json`, encoded by JSON.stringify, so a
// lone surrogate travels as the escape "\ud800") and the text put verbatim into a URL path segment or
// query value (`url`: already percent-encoded where a real client would encode, raw where the point is
// the raw form, e.g. "%00", "%ED%A0%80", "%zz", ".."). An entry without `json` is used in URLs only.

export const TEN_K = 'x'.repeat(10_000);
export const HUGE_DIGITS = `9${'8'.repeat(4_999)}`; // a 5,000-digit number
export const DEEP_ARRAYS = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
export const DEEP_OBJECTS = `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`;

const enc = encodeURIComponent;

/** String values: each replaces one path parameter, query parameter or JSON string field. */
export const STRINGS = [
  { name: 'empty', json: '', url: '' },
  { name: 'NUL', json: '\u0000', url: '%00' },
  { name: 'NUL inside', json: 'a\u0000b', url: 'a%00b' },
  { name: 'lone surrogate', json: '\ud800', url: '%ED%A0%80' },
  { name: 'lone low surrogate inside', json: 'x\udfffy', url: 'x%ED%BF%BFy' },
  { name: '10k chars', json: TEN_K, url: TEN_K },
  { name: '..', json: '..', url: '..' },
  { name: '.', json: '.', url: '.' },
  { name: '%2e%2e%2f', json: '%2e%2e%2f', url: '%2e%2e%2f' },
  { name: '%zz', json: '%zz', url: '%zz' },
  { name: 'raw trailing %', url: '100%' },
  { name: 'internal', json: 'internal', url: 'internal' },
  { name: 'internal/../x', json: 'internal/../x', url: 'internal/../x' },
  { name: 'internal%2F..%2Fx', url: 'internal%2F..%2Fx' },
  { name: 'SQL quote', json: "' OR 1=1 --", url: enc("' OR 1=1 --") },
  { name: 'SQL %', json: '%', url: '%25' },
  { name: 'SQL _', json: '_', url: '_' },
  { name: 'HTML', json: '<script>alert(1)</script>', url: enc('<script>alert(1)</script>') },
  { name: 'emoji', json: '😀👍🏽', url: enc('😀👍🏽') },
  { name: 'RTL override', json: '\u202Egnp.exe', url: enc('\u202Egnp.exe') },
  // Numeric oddities, for ids, limit and offset (and harmless text anywhere else).
  { name: '5000-digit number', url: HUGE_DIGITS },
  { name: '-1', url: '-1' },
  { name: '1e999', url: '1e999' },
  { name: '2^63', url: '9223372036854775808' },
];

/**
 * Raw JSON texts of the wrong type, by the type the schema expects. Each replaces one field, so a
 * string field gets a number, a boolean, an array, ... and the wrapper object gets a string, ...
 */
const NUMBER = { name: 'number', raw: '42' };
const HUGE = { name: '5000-digit number', raw: HUGE_DIGITS };
const BOOLEAN = { name: 'boolean', raw: 'true' };
const ARRAY = { name: 'array', raw: '["a"]' };
const OBJECT = { name: 'object', raw: '{"a":"b"}' };
const NULL = { name: 'null', raw: 'null' };
const STRING = { name: 'string', raw: '"x"' };
// Deeper than parsers allow (Jackson stops at 1,000 levels): a 400 is a fair answer to it.
const DEEP = { name: '2000 nested arrays', raw: DEEP_ARRAYS, parserLimit: true };

export const WRONG_TYPES = {
  string: [HUGE, NUMBER, BOOLEAN, ARRAY, OBJECT, NULL, DEEP],
  array: [STRING, HUGE, NUMBER, BOOLEAN, OBJECT, DEEP], // null is a valid tagList
  object: [STRING, HUGE, NUMBER, BOOLEAN, ARRAY, NULL, DEEP],
};
