import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * Extensions the migrations create (`CREATE EXTENSION`), loaded into every embedded database we open:
 * PGlite can create only the extensions it was given when it started, and an index built with one
 * (the trigram search indexes) needs it each time the data directory is opened again.
 */
export const PGLITE_OPTIONS = { extensions: { pg_trgm } };
