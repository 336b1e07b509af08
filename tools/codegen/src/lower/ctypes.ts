// C spellings of dialect types and identifiers.
import { type IrType, typeKey } from '../ir.js';

const C_KEYWORDS = new Set(
  ('auto break case char const continue default do double else enum extern float for goto if inline int long ' +
    'register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while ' +
    '_Bool _Complex _Imaginary bool true false NULL main self env errno asm typeof').split(' '),
);

export function cIdent(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_');
  const t = /^[0-9]/.test(s) ? '_' + s : s;
  return C_KEYWORDS.has(t) ? t + '_' : t;
}

/** A C declaration of `name` with type `t` (name may be empty for an abstract type). */
export function cType(t: IrType, name: string): string {
  const sp = name ? ' ' + name : '';
  switch (t.k) {
    case 'num':
      return `int64_t${sp}`;
    case 'bool':
      return `bool${sp}`;
    case 'void':
    case 'never':
      return `void${sp}`;
    case 'str':
      return `rt_str${sp}`;
    case 'int':
      return `${t.signed ? 'int' : 'uint'}${t.bits}_t${sp}`;
    case 'big':
      return `uint64_t${sp}`;
    case 'obj':
      return `${t.cls.cname} *${name}`;
    case 'iface':
    case 'null':
      return `void *${name}`;
    case 'fixed':
      return `rt_fixed *${name}`;
    case 'table':
      return `const ${cType(t.elem, '')} *${name}`;
    case 'fn':
      return `rt_closure${sp}`;
  }
}

export function closureKey(t: IrType): string {
  return typeKey(t);
}
