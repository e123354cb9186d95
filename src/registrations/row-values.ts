/** A numeric column that may be NULL (pg returns bigint and numeric as strings). */
export const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
