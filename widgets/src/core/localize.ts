/**
 * Language and formats. A widget speaks the language of its `lang` attribute, else of the page's
 * `<html lang>` (`vi…` → Vietnamese, anything else → English), and follows later changes of either.
 * Numbers, money (VND) and dates go through `Intl` with vi-VN or en-US. Business dates are plain
 * dates (`YYYY-MM-DD`) and are never shifted by a time zone (DOMAIN.md §5 item 26); instants are
 * shown in Asia/Ho_Chi_Minh, the business calendar.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { en, type Messages } from "../i18n/en.js";
import { vi } from "../i18n/vi.js";

export type Language = "vi" | "en";

const MESSAGES: Record<Language, Messages> = { en, vi };
const BUSINESS_TIME_ZONE = "Asia/Ho_Chi_Minh";

type LocalizedHost = ReactiveControllerHost & HTMLElement;

const connected = new Set<LocalizedHost>();
let documentObserver: MutationObserver | undefined;

export class LocalizeController implements ReactiveController {
  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this.host);
    documentObserver ??= observeDocumentLanguage();
  }

  hostDisconnected(): void {
    connected.delete(this.host);
  }

  get language(): Language {
    return languageOf(this.host);
  }

  get messages(): Messages {
    return MESSAGES[this.language];
  }

  get locale(): string {
    return this.messages.locale;
  }

  number(value: number | null | undefined, maximumFractionDigits = 1): string {
    if (value === null || value === undefined || Number.isNaN(value)) return this.messages.notAvailable;
    return numberFormat(this.locale, { maximumFractionDigits }).format(value);
  }

  /** `percent` is 0–100, as the API returns it. */
  percent(percent: number | null | undefined): string {
    if (percent === null || percent === undefined) return this.messages.notAvailable;
    return numberFormat(this.locale, { style: "percent", maximumFractionDigits: 1 }).format(percent / 100);
  }

  days(value: number | null | undefined, maximumFractionDigits = 1): string {
    if (value === null || value === undefined) return this.messages.notAvailable;
    return this.messages.days(this.number(value, maximumFractionDigits));
  }

  vnd(amount: number | null | undefined): string {
    if (amount === null || amount === undefined) return this.messages.notAvailable;
    return numberFormat(this.locale, { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(amount);
  }

  /** Kilograms, whole by default. */
  kg(value: number | null | undefined, maximumFractionDigits = 0): string {
    if (value === null || value === undefined || Number.isNaN(value)) return this.messages.notAvailable;
    return this.messages.kg(this.number(value, maximumFractionDigits));
  }

  /** VND in the compact notation of the language (axis labels: `19 tỷ ₫`, `₫19B`). */
  vndCompact(amount: number | null | undefined): string {
    if (amount === null || amount === undefined) return this.messages.notAvailable;
    return numberFormat(this.locale, { style: "currency", currency: "VND", notation: "compact", maximumFractionDigits: 1 }).format(amount);
  }

  /** A change in percent (0–100 scale) with its sign: `+12.3%`, `−4%`. */
  signedPercent(percent: number | null | undefined): string {
    if (percent === null || percent === undefined) return this.messages.notAvailable;
    return numberFormat(this.locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(percent / 100);
  }

  /** A plain business date `YYYY-MM-DD`, shown as that same calendar day. */
  date(value: string | null | undefined): string {
    if (!value) return this.messages.notAvailable;
    return dateFormat(this.locale, { dateStyle: "medium", timeZone: "UTC" }).format(plainDate(value));
  }

  /** An instant (ISO date-time), in the business time zone. */
  dateTime(value: string | null | undefined): string {
    if (!value) return this.messages.notAvailable;
    return dateFormat(this.locale, { dateStyle: "medium", timeStyle: "short", timeZone: BUSINESS_TIME_ZONE }).format(new Date(value));
  }
}

/** The language of an element: its `lang` attribute, else the page's, else the browser's. */
export function languageOf(element: Element): Language {
  const declared = element.getAttribute("lang") || document.documentElement.lang || navigator.language;
  return declared.toLowerCase().startsWith("vi") ? "vi" : "en";
}

/** The `Intl` locale of a language. */
export function localeOf(language: Language): string {
  return MESSAGES[language].locale;
}

/**
 * `Intl` formatters are slow to create (a date formatter costs about as much as a thousand
 * formats): one per locale and options, made when first asked for.
 */
const formats = new Map<string, unknown>();

function cachedFormat<F>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (format === undefined) formats.set(key, (format = make()));
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cachedFormat(`n ${locale} ${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedFormat(`d ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** Midnight UTC of a `YYYY-MM-DD` date (so that formatting in UTC shows the same day). */
export function plainDate(value: string): Date {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** Whole days from one plain date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((plainDate(to).getTime() - plainDate(from).getTime()) / 86_400_000);
}

function observeDocumentLanguage(): MutationObserver {
  const observer = new MutationObserver(() => {
    for (const host of connected) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  return observer;
}
