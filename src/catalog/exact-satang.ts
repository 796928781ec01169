/**
 * Money from decimals without binary rounding: each number is read as the decimal it prints as (`1.005`
 * is 1005 × 10⁻³, not 1.00499…), multiplied exactly in bigint, then rounded once.
 */
interface Decimal {
  n: bigint;
  scale: number;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

function decimalOf(x: number): Decimal {
  const m = DECIMAL.exec(String(x));
  if (!m) throw new RangeError(`not a finite number: ${x}`);
  const [, sign = "", whole = "0", fraction = "", exponent = "0"] = m;
  let n = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { n, scale };
}

/**
 * PY-1: the product of `factors` in satang, rounded half-up to the satang (half a satang away from zero,
 * as a cashier rounds); `unit` says whether the product is in baht (× 100) or already in satang.
 * Undefined when a factor is not finite or the result is not a safe integer.
 */
export function exactSatang(factors: number[], unit: "baht" | "satang"): number | undefined {
  if (!factors.every(Number.isFinite)) return undefined;
  let n = unit === "baht" ? 100n : 1n;
  let scale = 0;
  for (const f of factors) {
    const d = decimalOf(f);
    n *= d.n;
    scale += d.scale;
  }
  const divisor = 10n ** BigInt(scale);
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const rounded = (2n * magnitude + divisor) / (2n * divisor);
  const result = Number(negative ? -rounded : rounded);
  return Number.isSafeInteger(result) ? result : undefined;
}
