-- The run store, as SQLite's V1 with PostgreSQL's types (BYTEA for token blobs, BIGINT for nanoseconds and sizes).
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS file_hashes(path TEXT NOT NULL, size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL,
    sha256 TEXT NOT NULL, PRIMARY KEY(path, size, mtime_ns));
CREATE TABLE IF NOT EXISTS generations(key TEXT PRIMARY KEY, model_sha256 TEXT NOT NULL, params TEXT NOT NULL,
    tokens BYTEA NOT NULL, text TEXT NOT NULL, stop_reason TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
    budget_tokens INTEGER NOT NULL, decode_nanos BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts(key TEXT PRIMARY KEY, slot TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sanitized(remover TEXT NOT NULL, kind TEXT NOT NULL, input_sha256 TEXT NOT NULL,
    output TEXT NOT NULL, PRIMARY KEY(remover, kind, input_sha256));
CREATE TABLE IF NOT EXISTS ensemble_cots(key TEXT PRIMARY KEY, record TEXT NOT NULL);
