/** The blocklist of common passwords (about 49,000, from zxcvbn's list), loaded on the first password set. */
let list: Promise<ReadonlySet<string>> | undefined;

export function commonPasswords(): Promise<ReadonlySet<string>> {
  list ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p: string) => p.toLowerCase())),
  );
  return list;
}
