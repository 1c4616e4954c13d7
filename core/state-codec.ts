/**
 * Game states are plain data plus typed arrays (grids). JSON cannot hold a Uint8Array, so the codec
 * writes one as {"$bytes": [...]} and reads it back, so a state survives a round trip exactly.
 */
const TYPED = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, i32: Int32Array, u32: Uint32Array } as const;
type TypedKind = keyof typeof TYPED;

export function encodeState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  for (const kind of Object.keys(TYPED) as TypedKind[]) {
    if (value instanceof TYPED[kind]) return { $typed: kind, data: Array.from(value as ArrayLike<number>) };
  }
  if (Array.isArray(value)) return value.map(encodeState);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = encodeState(v);
  return out;
}

export function decodeState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeState);
  const o = value as Record<string, unknown>;
  if (typeof o.$typed === 'string' && o.$typed in TYPED && Array.isArray(o.data)) {
    return TYPED[o.$typed as TypedKind].from(o.data as number[]);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = decodeState(v);
  return out;
}
