/**
 * Phone numbers checked the way a caller would dial them, with Google's
 * libphonenumber metadata (libphonenumber-js): a number printed on a poster
 * for a frightened child must connect. A vanity number (1-800-THE-LOST)
 * keeps its published form and is checked by its keypad digits; short
 * service numbers (999, 116 123, 988) are kept as published, since the
 * metadata covers full numbers only. Numbers that regulators reserve for
 * drama and fiction are recognised, so an example pack may use them and a
 * real one is warned that they never connect.
 * https://gitlab.com/catamphetamine/libphonenumber-js
 */
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { dialString } from "./format.ts";

/** Upstander's regions and the ISO country each dials in. */
const countries: Record<string, CountryCode> = { us: "US", gb: "GB", ca: "CA", au: "AU" };

/** Short numbers (emergency, helplines such as 116 123): too short for the metadata to judge. */
const MAX_SHORT_NUMBER_DIGITS = 6;

/**
 * Ranges reserved for drama and fiction, as national significant numbers
 * (without the leading 0 or 1). Ofcom: https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama ;
 * North American 555-0100 to 555-0199; ACMA's fictional numbers.
 */
const fictional: Array<{ country: CountryCode; pattern: RegExp }> = [
  {
    country: "GB",
    pattern:
      /^(1632960|207946|113496|114496|115496|116496|117496|118496|121496|131496|141496|151496|161496|191498|289649|292018|7700900|8081570|9098790|3069990)\d*$/,
  },
  { country: "US", pattern: /^\d{3}55501\d\d$/ },
  { country: "CA", pattern: /^\d{3}55501\d\d$/ },
  { country: "AU", pattern: /^(255500|370100|755500|855500)\d*$|^491570(006|156|157|158|159|110|313|737|808)$/ },
];

export interface PhoneCheck {
  /** The number to dial, in E.164 (+441632960123), for tel: links; absent for a short number. */
  e164?: string;
  /** Digits to dial as they are (a short number). */
  digits: string;
  fictional: boolean;
  /** What is wrong, for an error message; absent when the number is valid or fictional. */
  problem?: string;
}

export function checkPhone(published: string, region: string): PhoneCheck {
  const digits = dialString(published);
  const country = countries[region];
  const national = digits.replace(/^\+/, "");
  if (!country || national.length <= MAX_SHORT_NUMBER_DIGITS) return { digits, fictional: false };
  const parsed = parsePhoneNumberFromString(digits, country);
  const significant = parsed?.nationalNumber ?? national;
  const isFictional = fictional.some((range) => range.country === country && range.pattern.test(significant));
  if (parsed?.isValid()) return { digits, e164: parsed.number, fictional: isFictional };
  if (isFictional) return { digits, e164: parsed?.number, fictional: true };
  const example = getExampleNumber(country, examples)?.formatNational();
  return {
    digits,
    fictional: false,
    problem: `"${published}" is not a valid ${country} phone number (it dials ${digits})${example ? `; a ${country} number is written like ${example}` : ""}: copy it exactly as the service publishes it`,
  };
}
