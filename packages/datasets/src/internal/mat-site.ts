import { DatasetError } from '../dataset-error';

/** Where the reader is in a MAT-file, for error messages: file, element index (from 0), variable name once read. */
export interface MatSite {
  readonly file: string;
  readonly index: number;
  name?: string;
}

/** Throws `<file>: element <index> ('<name>'): <detail>` as a {@link DatasetError}. */
export function failAt(site: MatSite, detail: string): never {
  const name = site.name === undefined ? '' : ` ('${site.name}')`;
  throw new DatasetError(`${site.file}: element ${site.index}${name}: ${detail}`);
}

/** A variable name safe to print on one line: non-printable characters become `?`, long names are cut. */
export function printableName(bytes: Uint8Array): string {
  let name = '';
  const length = Math.min(bytes.length, 64);
  for (let i = 0; i < length; i++) {
    const code = bytes[i];
    name += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '?';
  }
  return bytes.length > length ? `${name}…` : name;
}
