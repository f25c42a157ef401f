let names: string[] | undefined;

/** Every IANA zone the browser knows (empty where it cannot list them), read once: forms that
 * offer them re-render on every keystroke. The server has the final say on a name. */
export function knownZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  names ??= intl.supportedValuesOf?.("timeZone") ?? [];
  return names;
}
