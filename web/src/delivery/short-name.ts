/**
 * A delivery's name, shortened for display: its last 12 characters. Names start with the event's time
 * (20 digits), so their beginnings are shared by every delivery of the same moment; their end is a digest.
 */
export function shortName(name: string): string {
  return name.length > 12 ? `…${name.slice(-12)}` : name;
}
