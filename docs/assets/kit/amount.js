// Reading a number typed into a calculator form, exactly as the visitor wrote it, or refusing it.
//
// One pure function, readNumber(text, kind, unit), used by calculator.js for every number field and
// tested through real Node from tests/js/test_amount_input.py (a table of examples); and
// its counterparts formatAmount(value, plain) and wanNumber(value), which write an amount back for
// the calculator and the finder pages.
//
// kind: "money" (yuan: "1.8万", "1.8万元", "18,000", "１８０００", "18000元", "¥18000" all mean 18000),
//       "int" (a whole count or year: "15", "１５", "15人"), or "number" (a rate or a length: "4.35", "1.5").
// unit: the field's unit as shown beside it ({zh, en}), which may follow the number ("15人", "12 个月").
//
// Returns {ok: true, value, text} where value is the JSON number to send and text is the same value
// written plainly ("18000"), or {ok: false, problem} where problem is one of:
//   "unreadable"  the text is not a number this form reads exactly (hex, exponents, two signs, 亿, ...);
//   "grouping"    a thousands separator in the wrong place ("1,8000");
//   "decimals"    money with more than two decimals of a yuan (the fen is the smallest unit);
//   "whole"       a count or year that is not a whole number.
// Empty text (after trimming) gives {ok: true, value: null, text: ""}: the field is left out.
// Nothing is ever rounded or guessed: the value is computed on the decimal digits, not in floating point.

const WAN_DIGITS = 4; // 万 = 10^4

/** Full-width digits and punctuation to ASCII (NFKC), then trimmed. */
function normalise(text) {
  return String(text ?? "").normalize("NFKC").replace(/\s+/g, " ").trim();
}

function stripSuffix(text, suffixes) {
  for (const suffix of suffixes) {
    if (suffix && text.endsWith(suffix)) return text.slice(0, -suffix.length).trimEnd();
  }
  return text;
}

/** "12,345.6" -> "12345.6" when the commas group thousands exactly; null when they do not. */
function ungroup(digits) {
  if (!digits.includes(",")) return digits;
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits) ? digits.replace(/,/g, "") : null;
}

/** Multiply a plain decimal string by 10^shift, on the digits. "1.8", 4 -> "18000". */
function shiftDecimal(plain, shift) {
  const [whole, fraction = ""] = plain.split(".");
  const digits = whole + fraction;
  const point = whole.length + shift;
  const padded = point > digits.length ? digits + "0".repeat(point - digits.length) : digits;
  const intPart = padded.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = padded.slice(point).replace(/0+$/, "");
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

function canonical(plain) {
  return shiftDecimal(plain, 0);
}

/**
 * @typedef {object} Reading  what readNumber made of a text
 * @property {boolean} ok
 * @property {number | null} [value]  when ok: the JSON number to send (null: the field is left out)
 * @property {string} [text]          when ok: the same value written plainly ("18000")
 * @property {"unreadable" | "grouping" | "decimals" | "whole"} [problem]  when not ok
 */

/**
 * What `text`, typed into a field of this kind and unit, says: read exactly, or refused.
 * @param {unknown} text
 * @param {"money" | "int" | "number"} [kind]
 * @param {{zh: string, en?: string} | null} [unit]
 * @returns {Reading}
 */
export function readNumber(text, kind = "number", unit = null) {
  let value = normalise(text);
  if (value === "") return { ok: true, value: null, text: "" };
  // A trailing full stop typed by a Chinese input method ("15。") ends the sentence, not the number.
  value = value.replace(/[。.]$/, "").trimEnd();

  const units = [];
  if (unit) units.push(unit.zh, unit.en);
  let shift = 0;
  if (kind === "money") {
    value = value.replace(/^[¥￥]\s*/, "");
    // "1.8万元/年", "18000元", "18000 yuan": the unit, then 万.
    value = stripSuffix(value, [...units, "元", "yuan", "RMB"].filter(Boolean).sort((a, b) => b.length - a.length));
    if (value.endsWith("万")) {
      shift = WAN_DIGITS;
      value = value.slice(0, -1).trimEnd();
    }
  } else {
    value = stripSuffix(value, units.filter(Boolean).sort((a, b) => b.length - a.length));
  }

  if (!/^[0-9][0-9,]*(\.[0-9]+)?$/.test(value)) return { ok: false, problem: "unreadable" };
  const plain = ungroup(value);
  if (plain === null) return { ok: false, problem: "grouping" };
  if (shift && value.includes(",")) return { ok: false, problem: "unreadable" }; // "1,000万": say it plainly
  const exact = shiftDecimal(plain, shift);

  const fraction = exact.split(".")[1] ?? "";
  if (kind === "int" && fraction) return { ok: false, problem: "whole" };
  if (kind === "money" && fraction.length > 2) return { ok: false, problem: "decimals" };
  const number = Number(exact);
  // Sent as a JSON number: it must print back as the same digits, or it is not sent at all.
  if (!Number.isFinite(number) || canonical(String(number)) !== exact) return { ok: false, problem: "unreadable" };
  return { ok: true, value: number, text: exact };
}

/** 80000 -> "80,000"; 6187.5 -> "6,187.50" (as the site's Python money filter writes them).
 * With plain = true, a count or rate keeps its own decimals: 4.35 -> "4.35", 1500 -> "1,500".
 * @param {number | string} value
 * @param {boolean} [plain]
 */
export function formatAmount(value, plain = false) {
  const number = Number(value);
  const digits = plain ? String(Math.abs(number)) : Math.abs(number).toFixed(2);
  const [whole, cents = ""] = digits.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = plain ? (cents ? "." + cents : "") : (cents === "00" ? "" : "." + cents);
  return (number < 0 ? "-" : "") + grouped + fraction;
}

/** 204560 -> "20.456"; 80000 -> "8": the amount in 万 (10,000 yuan), exact, from the fen.
 * @param {number | string} value
 */
export function wanNumber(value) {
  const fen = BigInt(Math.round(Number(value) * 100));
  const whole = fen / 1000000n;
  const rest = (fen % 1000000n).toString().padStart(6, "0").replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : `${whole}`;
}
