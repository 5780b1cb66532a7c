// Money arrives as decimal strings ("12.34"); sums are done in BigInt minor units, never in binary floats.

/** "12.34" → {minor: 1234n, scale: 2}. */
export function parse(amount) {
  const negative = amount.startsWith('-');
  const [units, fraction = ''] = amount.replace(/^[-+]/, '').split('.');
  const minor = BigInt(units + fraction);
  return {minor: negative ? -minor : minor, scale: fraction.length};
}

/** Sums decimal strings of one currency (all with the same number of decimals, as the API writes them). */
export function sum(amounts) {
  let scale = 0;
  let total = 0n;
  for (const amount of amounts) {
    const value = parse(amount);
    scale = value.scale;
    total += value.minor;
  }
  return format(total, scale);
}

export function format(minor, scale) {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}
