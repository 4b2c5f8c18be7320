// Offsets between Python code points (the service) and UTF-16 code units (the DOM).

/** Positions (UTF-16) of every surrogate pair's high half, so conversions are a binary search. */
export function pairPositions(text) {
  const pairs = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { pairs.push(i); i++; }
    }
  }
  return pairs;
}

function countBelow(sorted, limit, key) {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid], mid) < limit) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** A converter for one text: .toUtf16(cp) and .toCodePoint(u16), both clamped. */
export function offsetConverter(text) {
  const pairs = pairPositions(text);
  const cpLength = text.length - pairs.length;
  return {
    length: cpLength,
    toUtf16(cp) {
      const n = clamp(cp, 0, cpLength);
      // A pair at UTF-16 index p sits at code point p - (pairs before it).
      return n + countBelow(pairs, n, (p, i) => p - i);
    },
    toCodePoint(u16) {
      let n = clamp(u16, 0, text.length);
      const before = countBelow(pairs, n, (p) => p);
      // Inside a pair (between its halves): snap back to the pair's start.
      if (before > 0 && pairs[before - 1] === n - 1) return n - 1 - (before - 1);
      return n - before;
    },
  };
}

/** Code point offset -> UTF-16 offset in text (one-off; use offsetConverter for many). */
export function codePointToUtf16(text, cp) {
  return offsetConverter(text).toUtf16(cp);
}

/** UTF-16 offset -> code point offset in text (one-off; use offsetConverter for many). */
export function utf16ToCodePoint(text, u16) {
  return offsetConverter(text).toCodePoint(u16);
}

function clamp(value, lo, hi) {
  const n = Number.isFinite(value) ? Math.trunc(value) : 0;
  return Math.min(hi, Math.max(lo, n));
}
