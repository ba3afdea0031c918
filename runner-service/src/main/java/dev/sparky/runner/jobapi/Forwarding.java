package dev.sparky.runner.jobapi;

import java.net.URI;
import java.util.Locale;

/** When a runner serves Sparky's job API on its own loopback ({@code sparky.runner.job-api-forwarder}). */
public enum Forwarding {
    /** Only when the job API URL is not on this machine's loopback (on Kubernetes: the UI's Service). */
    AUTO,
    /** Always, also when the UI answers on the runner's loopback. */
    ALWAYS,
    /** Never: a sparrowfile's Sparky::JobApi calls reach the UI only if it listens on the runner's loopback. */
    NEVER;

    /** Whether builds of sparrowfiles on a runner whose job API is {@code apiUrl} need the forwarder. */
    public boolean needed(String apiUrl) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !onLoopback(apiUrl);
        };
    }

    static boolean onLoopback(String apiUrl) {
        String host = URI.create(apiUrl).getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
