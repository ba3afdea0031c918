package dev.sparky.dispatcher.engine;

import dev.sparky.dispatcher.notify.NotifyChannel;
import dev.sparky.dispatcher.notify.NotifyResult;
import dev.sparky.dispatcher.notify.PendingNotification;
import dev.sparky.dispatcher.store.BuildAttemptRepository;
import dev.sparky.dispatcher.store.NotificationRepository;
import dev.sparky.dispatcher.store.NotificationRow;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The engine's side of the notifier: after each commit, hands newly recorded notify calls to the notifier
 * thread; in each batch, turns the outcomes it reported into system-log lines and deletes their rows. Every
 * row is handed over once per process: at start (last id 0) that includes the calls a crash left pending.
 */
final class NotifyRelay {
    private static final Logger LOG = Logger.getLogger(NotifyRelay.class);
    private static final int HAND_OVER_BATCH = 500;

    private final NotificationRepository notifications;
    private final BuildAttemptRepository builds;
    private final Effects fx;
    private final NotifyChannel channel;
    private long lastHandedOver;
    private List<NotifyResult> applying = List.of();

    NotifyRelay(
            NotificationRepository notifications, BuildAttemptRepository builds, Effects fx, NotifyChannel channel) {
        this.notifications = notifications;
        this.builds = builds;
        this.fx = fx;
        this.channel = channel;
    }

    /** Inside the batch's transaction. */
    void applyResults() {
        applying = channel.drainResults();
        for (NotifyResult r : applying) {
            notifications.deleteNotification(r.id());
            if (builds.build(r.buildId()).isPresent()) {
                fx.syslog(r.buildId(), r.syslogLine());
            } else {
                LOG.infof("build %d (removed by keep_builds): %s", r.buildId(), r.syslogLine());
            }
        }
    }

    /** The transaction rolled back: the outcomes are applied again with the next batch. */
    void rolledBack() {
        channel.requeue(applying);
        applying = List.of();
    }

    /** After the commit: the outcomes are written, the new calls go to the notifier. */
    void committed() {
        applying = List.of();
        List<NotificationRow> rows;
        do {
            rows = notifications.notificationsAfter(lastHandedOver, HAND_OVER_BATCH);
            for (NotificationRow r : rows) {
                channel.send(new PendingNotification(r.id(), r.buildId(), r.url(), r.body()));
                lastHandedOver = r.id();
            }
        } while (rows.size() == HAND_OVER_BATCH);
    }
}
