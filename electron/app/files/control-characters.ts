// C0 control characters and DEL: never part of a name a person typed, and trouble in files, folders and CSV.

// The whole point of this pattern is to match control characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
