/**
 * Requests the malformed-input properties once found answered wrongly, sent
 * again by `npm test` on every run, whatever its seeds draw. When
 * `npm run test:fuzz` finds a counterexample it prints it in this form: fix
 * what it found, then paste it at the end of the list and say in `found` what
 * it was and what fixed it.
 */

/** A file of a multipart body, its bytes in base64. */
type CaseFile = { file: string; type?: string; base64: string };

export type RegressionCase = {
  /** The route table's key: its row gives the caller and the ids the request is made with. */
  route: string;
  /** What the request found, and what fixed it. */
  found: string;
  /**
   * Where it is sent. Ids differ from one run to the next, so the row's are
   * written as placeholders: `{:id}` for the value of the path parameter `id`,
   * `{query.x}`, `{body.x.0}`, `{form.x}` for one of the row's query, body or form
   * (in the URL, the headers and the body alike).
   */
  url: string;
  /** Sent with the credentials of the row's caller besides `headers`; else with `headers` alone. */
  asCaller: boolean;
  headers: Record<string, string>;
  /** Text, bytes (written as UTF-8 text, sent without a content type's help) or multipart parts. */
  body?: string | { bytes: string } | { multipart: [string, string | CaseFile][] };
  /** What was wrong with the request, and what the answer must be (as in the properties' `Fault`). */
  note: string;
  field?: string | null;
  status?: number;
  mayPass?: boolean;
  wholeBody?: boolean;
  label?: string;
  /** The language the answer must be in; null when the request's is junk. */
  locale: 'es' | 'en' | null;
};

export const REGRESSIONS: RegressionCase[] = [
  {
    route: 'GET /calendar',
    found:
      'A 500 (seed drawn by a CI run, issue 10): the item filter reached SQL with its NUL. ' +
      'Fixed in src/http/nul-guard.ts: a NUL in any query parameter is a 400 naming it.',
    url: '/calendar?when=all&item=%00',
    asCaller: true,
    headers: { 'accept-language': 'es' },
    note: '?item="\\u0000"',
    field: 'item',
    status: 400,
    locale: 'es',
  },
  {
    route: 'DELETE /api/v1/cycles/:id/addressees/:actor',
    found:
      'A 409 instead of a 400 naming the actor (seed 1000601, issue 13): the cycle state was checked before the actor. ' +
      'Fixed in src/modules/reporting/addressees.ts: the actor is checked first.',
    url: '/api/v1/cycles/{:id}/addressees/%C2%BF',
    asCaller: true,
    headers: { 'accept-language': 'es' },
    note: 'actor = %C2%BF',
    field: 'actor',
    status: 400,
    locale: 'es',
  },
  {
    route: 'DELETE /api/v1/cycles/:id/addressees/:actor',
    found:
      'A 500 (seed 1000601, issue 13): a NUL in the actor reached SQL. ' +
      'Fixed in src/modules/reporting/addressees.ts: a reference that cannot name an actor is refused first.',
    url: '/api/v1/cycles/{:id}/addressees/%00',
    asCaller: true,
    headers: { 'accept-language': 'es' },
    note: 'actor = %00',
    field: 'actor',
    status: 400,
    locale: 'es',
  },
  {
    route: 'POST /meetings',
    found:
      'A 303 (seed 1000601, issue 13): a field given twice was read by its first value, so a bad second one passed. ' +
      'Fixed in src/modules/meetings/meeting-form.ts: a repeated field is read by its last value, as other forms.',
    url: '/meetings',
    asCaller: true,
    headers: { 'accept-language': 'es', 'content-type': 'application/x-www-form-urlencoded' },
    body: `kind=seminar&title=Seminario&startsAt=2027-07-01&endsAt=2027-07-01&visibility=public&body=cam&body=${'x'.repeat(121)}`,
    note: 'body = x × 121',
    field: 'body',
    status: 400,
    locale: 'es',
  },
  {
    route: 'POST /meetings/:id/edit',
    found:
      'A 303 (seed 1000601, issue 13): a field given twice was read by its first value, so a bad second one passed. ' +
      'Fixed in src/modules/meetings/meeting-form.ts: a repeated field is read by its last value, as other forms.',
    url: '/meetings/{:id}/edit',
    asCaller: true,
    headers: { 'accept-language': 'es', 'content-type': 'application/x-www-form-urlencoded' },
    body: "title=Sesi%C3%B3n&startsAt=2027-02-10&endsAt=2027-02-10&visibility=public&kind=informal_session&kind=1'%20OR%20'1'%3D'1",
    note: "kind = 1' OR '1'='1",
    field: 'kind',
    status: 400,
    locale: 'es',
  },
  {
    route: 'POST /account/tokens',
    found:
      'A 200 (seed 424242, issue 13): a lifetime written "0x10" was read as 16 days (z.coerce.number). ' +
      'Fixed in src/modules/accounts/account.schema.ts: the API takes a number; the form sends its digits as one.',
    url: '/account/tokens',
    asCaller: true,
    headers: { 'accept-language': 'es' },
    body: {
      multipart: [
        ['name', 'x'],
        ['expiresInDays', '0x10'],
        ['x-unknown', 'ignored'],
      ],
    },
    note: 'expiresInDays = "0x10" (multipart)',
    field: 'expiresInDays',
    locale: 'es',
  },
];
