/** Times leave the service as ISO 8601 in UTC ("Z" is the offset). */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
