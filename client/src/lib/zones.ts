/** Every IANA zone the browser knows (empty where it cannot list them). */
export function browserZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

let names: string[] | undefined;

/** `browserZones()`, read once: forms that offer them as suggestions re-render on every
 * keystroke. The server has the final say on a name. */
export function knownZones(): string[] {
  names ??= browserZones();
  return names;
}
