package dev.sparky.dispatcher.store;

/**
 * Everything the engine writes and reads while it applies a batch, over the single write connection; used by the
 * engine thread only. Each part depends on the narrowest of these interfaces it needs.
 */
public interface BuildRepository
        extends Transactions,
                BuildAttemptRepository,
                QueueRepository,
                RunnerRepository,
                TokenRepository,
                NotificationRepository,
                HealthRepository {}
