// Imported first by every bench that loads the portal: a session secret (the portal refuses to start
// without one) and quiet logs, unless the environment says otherwise.
process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret";
process.env.LOG_LEVEL ??= "warn";
