/** Only same-site paths: `/x` but not `//evil.example` or `/\evil`. */
export function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}
