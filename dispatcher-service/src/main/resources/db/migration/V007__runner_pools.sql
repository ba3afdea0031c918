-- Runner pools: the pool a build was last queued or handed out on (its project's pool at that moment), and the
-- pool each runner reads. Rows of before pools were all on the default pool.
ALTER TABLE builds ADD COLUMN pool TEXT NOT NULL DEFAULT 'default';
ALTER TABLE runners ADD COLUMN pool TEXT NOT NULL DEFAULT 'default';
