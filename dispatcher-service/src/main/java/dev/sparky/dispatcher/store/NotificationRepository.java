package dev.sparky.dispatcher.store;

import java.util.List;

/** Webhook notifications waiting to be sent. */
public interface NotificationRepository {

    /** @return the new row's id */
    long insertNotification(long buildId, String url, byte[] body, long at);

    /** Pending notifications with an id above {@code afterId}, oldest first. */
    List<NotificationRow> notificationsAfter(long afterId, int limit);

    void deleteNotification(long id);
}
