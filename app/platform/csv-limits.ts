// Kept apart from the CSV parser so pages can show the limits without bundling the parser.
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 5000;
