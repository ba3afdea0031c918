package dev.sparky.dispatcher.kafka;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/** Tells the lease clock when the engine's consumer holds its partitions, and so can see the heartbeats. */
final class LeaseGate implements ConsumerRebalanceListener {
    private final KafkaWatch watch;

    LeaseGate(KafkaWatch watch) {
        this.watch = watch;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            watch.assigned();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        watch.unassigned();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        watch.unassigned();
    }
}
