/**
 * C0 control characters other than tab, line feed and carriage return. PostgreSQL refuses NUL in text,
 * and none of them is ever typed on purpose: they arrive by pasting from broken documents or by probing.
 */
// eslint-disable-next-line no-control-regex
const UNWANTED_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(UNWANTED_CONTROLS, "");
}

export function hasControlCharacters(text: string): boolean {
  return withoutControlCharacters(text) !== text;
}

/** A form with every text value cleaned; files pass through untouched. */
export function cleanFormData(form: FormData): FormData {
  const cleaned = new FormData();
  for (const [name, value] of form) {
    const cleanName = withoutControlCharacters(name);
    if (typeof value === "string") cleaned.append(cleanName, withoutControlCharacters(value));
    else cleaned.append(cleanName, value);
  }
  return cleaned;
}

/** Search parameters with every name and value cleaned. */
export function cleanSearchParams(params: URLSearchParams): URLSearchParams {
  const cleaned = new URLSearchParams();
  for (const [name, value] of params) cleaned.append(withoutControlCharacters(name), withoutControlCharacters(value));
  return cleaned;
}
