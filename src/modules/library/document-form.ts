/**
 * A document's fields from a form (the API's multipart or the library's
 * page): text fields as they come, lists as repeated fields or values
 * separated by commas, empty fields left out.
 */
import { parseOr400 } from '../../http/pages.ts';
import { FileDocumentFields, LinkDocumentInput } from './document.schema.ts';

/** Every value of a field as sent. */
export type FormValues = (name: string) => string[];

const LISTS = ['languages', 'countries', 'actors', 'items', 'meetings'] as const;
const TEXTS = ['title', 'summary', 'type', 'issuedOn', 'visibility', 'url'] as const;

export function formValues(lists: Record<string, string[] | undefined>): FormValues {
  return (name) => lists[name] ?? [];
}

const listOf = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The raw object the schemas read: the last value of a text field, every value of a list. */
export function documentFormObject(values: FormValues): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const name of TEXTS) {
    const value = values(name).at(-1)?.trim();
    if (value) object[name] = value;
  }
  for (const name of LISTS) object[name] = listOf(values(name));
  return object;
}

/** A file's fields (no link), refused naming the first wrong field. */
export const fileDocumentFields = (values: FormValues) =>
  parseOr400(FileDocumentFields, documentFormObject(values), '');

/** A link's fields with its address. */
export const linkDocumentFields = (values: FormValues) => parseOr400(LinkDocumentInput, documentFormObject(values), '');
