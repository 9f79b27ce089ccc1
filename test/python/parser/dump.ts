/** A compact AST dump matching the format of the CPython-side generator used to record expectations. */
import type { AnyNode } from '../../../src/python/index.js';

const SKIP = new Set(['nodeType', 'start', 'end', 'type_comment']);
const ENUMS = new Set(['ctx', 'op']);

function pyFloat(x: number): string {
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Number.isNaN(x)) return 'nan';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  return String(x).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** JSON string with non-ASCII escaped, like Python's json.dumps. */
function str(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function value(v: unknown, key: string): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return ENUMS.has(key) ? v : str(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return key === 'value' ? 'f' + pyFloat(v) : String(v);
  if (Array.isArray(v)) return '[' + v.map((x) => (key === 'ops' ? String(x) : value(x, key))).join(', ') + ']';
  const o = v as Record<string, unknown>;
  if (o.pyType === 'ellipsis') return '...';
  if (o.pyType === 'bytes') return 'b' + str(o.value as string);
  if (o.pyType === 'complex') return 'j' + pyFloat(o.imag as number);
  return dump(v as AnyNode);
}

export function dump(node: AnyNode): string {
  const rec = node as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(rec)) {
    if (SKIP.has(k)) continue;
    parts.push(`${k}=${value(v, k)}`);
  }
  return `${node.nodeType}(${parts.join(', ')})`;
}
