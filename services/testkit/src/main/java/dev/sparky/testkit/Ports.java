package dev.sparky.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on 127.0.0.1 and waiting for a port to accept connections. */
public final class Ports {
    /**
     * Ports are picked below Linux's ephemeral range (32768-60999 by default). A port the kernel hands out for
     * "any free port" is ephemeral, and between picking it and the service binding it, any outgoing connection
     * (a service's Kafka client, say) may get it as its local port: the service then fails with "port in use".
     */
    private static final int FIRST = 20_000;

    private static final int COUNT = 12_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    public static int free() {
        for (int tries = 0; tries < 1000; tries++) {
            int port = FIRST + ThreadLocalRandom.current().nextInt(COUNT);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + (FIRST + COUNT));
    }

    /** Free on every address: services bind 0.0.0.0, the broker 127.0.0.1. */
    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws IllegalStateException when the port did not open in time */
    public static void awaitOpen(int port, Duration timeout, String what) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (isOpen(port)) {
                return;
            }
            Waits.sleep(100);
        }
        throw new IllegalStateException(what + " did not open port " + port + " within " + timeout.toSeconds() + " s");
    }
}
