package dev.sparky.runner.config;

import dev.sparky.contracts.RunnerPools;
import dev.sparky.kafka.KafkaSettings;
import dev.sparky.runner.exec.LogStreamer;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The runner's Kafka client settings, on top of the shared {@link KafkaSettings}: what only the runner needs.
 */
public final class RunnerKafka {
    /** A build may run for hours and the runner does not poll meanwhile: never count that as a dead member. */
    static final String MAX_POLL_INTERVAL_MS = String.valueOf(7L * 24 * 3600 * 1000);
    /** Log chunks and finishes must survive a short broker outage: wait for it instead of failing. */
    static final String OUTAGE_MS = String.valueOf(5 * 60 * 1000);
    /** A log chunk and its record headers. */
    static final int BATCH_BYTES = LogStreamer.MAX_CHUNK + 16 * 1024;
    /** Log bytes the producer holds while the broker has not taken them yet: a few chunks in flight, a few queued. */
    static final long QUEUED_BYTES = 16L * BATCH_BYTES;

    /** How long the broker holds an empty fetch of the control topic. */
    static final String CONTROL_FETCH_WAIT_MS = "5000";

    private RunnerKafka() {}

    /** The job queue: one record at a time, acknowledged one by one, nothing locked that is not running. */
    public static Properties shareConsumer(KafkaSettings settings, String runnerId) {
        return shareConsumer(settings, runnerId, RunnerPools.DEFAULT);
    }

    /** The job queue of a runner pool: that pool's share group. */
    public static Properties shareConsumer(KafkaSettings settings, String runnerId, String pool) {
        Properties p = settings.shareConsumer(RunnerPools.shareGroup(pool), "sparky-runner-jobs-" + runnerId);
        p.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        p.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, MAX_POLL_INTERVAL_MS);
        return p;
    }

    /** The control topic: no group (every runner reads everything), assigned partitions, no commits. */
    public static Properties controlConsumer(KafkaSettings settings, String runnerId) {
        Properties p = settings.consumer("unused", "sparky-runner-control-" + runnerId);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // A stop is answered as soon as it is written (fetch.min.bytes 1); the wait only paces the empty fetches of
        // an idle runner, which were its largest idle cost at the default 500 ms (two a second, each also work for
        // the broker). Below the request timeout (30 s), so a waiting fetch is never taken for a lost one.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, CONTROL_FETCH_WAIT_MS);
        return p;
    }

    /** Log chunks and finishes: acks=all and idempotent (shared settings), patient through a broker outage. */
    public static Properties patientProducer(KafkaSettings settings, String runnerId) {
        Properties p = settings.producer("sparky-runner-log-" + runnerId);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, OUTAGE_MS);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, OUTAGE_MS);
        // No linger (the shared setting): the finish is awaited and the next build waits for it, and a chunk is
        // already a batch of output (up to LogStreamer.MAX_CHUNK); chunks queue up on their own while one is sent.
        // A batch holds a whole chunk, so the producer reuses its batch buffers instead of allocating one per chunk,
        // and at most QUEUED_BYTES wait for the broker before the log pump (and so the build's pipe) waits: a build
        // that prints faster than the broker takes keeps the runner's heap small instead of queueing 32 MB in it.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_BYTES));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(QUEUED_BYTES));
        return p;
    }

    /** Starts and heartbeats: the shared settings, which fail within seconds while the broker is away. */
    public static Properties promptProducer(KafkaSettings settings, String runnerId) {
        return settings.producer("sparky-runner-events-" + runnerId);
    }
}
