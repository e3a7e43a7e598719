import { sm3 } from 'sm-crypto';

const utf8 = new TextEncoder();

/**
 * SM3 (GB/T 32905-2016) of a text's UTF-8 bytes, as 64 lowercase hex digits. The bytes are made
 * here rather than by sm-crypto: its own string encoder writes wrong bytes for characters above
 * U+3FFFF (e.g. the variation selectors U+E0100… that pin a rare character's glyph in a name).
 */
export function sm3Hex(text: string): string {
  return sm3(Array.from(utf8.encode(text)));
}
