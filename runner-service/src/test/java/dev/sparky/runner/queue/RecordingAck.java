package dev.sparky.runner.queue;

import java.util.List;

/** Remembers how the record was answered. */
final class RecordingAck implements JobAck {
    final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean acceptWorks = true;

    @Override
    public boolean accept() {
        answers.add("ACCEPT");
        return acceptWorks;
    }

    @Override
    public void reject() {
        answers.add("REJECT");
    }

    @Override
    public void release() {
        answers.add("RELEASE");
    }
}
