package dev.sparky.dispatcher.store;

import dev.sparky.contracts.RunnerPools;

/** {@link RunnerRepository} over the write connection. */
final class SqliteRunners implements RunnerRepository {
    private final Sql sql;

    SqliteRunners(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void upsertRunner(RunnerRow r) {
        sql.update(
                "INSERT INTO runners (runner_id, host, state, build_id, attempt, last_seen, started_at, pool) "
                        + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (runner_id) DO UPDATE SET host = excluded.host, "
                        + "state = excluded.state, build_id = excluded.build_id, attempt = excluded.attempt, "
                        + "last_seen = MAX(last_seen, excluded.last_seen), started_at = excluded.started_at, "
                        + "pool = excluded.pool",
                r.runnerId(),
                r.host(),
                r.state(),
                r.buildId(),
                r.attempt(),
                r.lastSeen(),
                r.startedAt(),
                RunnerPools.orDefault(r.pool()));
    }

    @Override
    public int deleteRunnersSeenBefore(long before) {
        return sql.update("DELETE FROM runners WHERE last_seen < ?", before);
    }
}
