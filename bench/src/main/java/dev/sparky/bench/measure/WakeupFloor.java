package dev.sparky.bench.measure;

import dev.sparky.bench.sys.Stats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What one hop between processes costs on this machine, to show where the floor under trigger-to-start is: a
 * start is a chain of hops through the broker (the trigger, the hand-out, the runner's start report, each an
 * acknowledged produce), and the latency benchmark leaves every service idle between two builds. Measured with
 * the same pause between two sends as the latency benchmark (50 ms) and back to back: an acknowledged produce
 * on the cluster's broker (acks=all, as the services send), and a one-byte round trip between two threads
 * over a loopback socket (no broker, no Sparky).
 */
public final class WakeupFloor {
    private static final String TOPIC = "sparky.bench-floor";
    private static final int WARMUP = 20;

    /** Milliseconds per round trip, p50 and p90, after a pause and back to back. */
    public record Result(
            double produceIdleP50,
            double produceIdleP90,
            double produceBusyP50,
            double socketIdleP50,
            double socketBusyP50) {}

    private WakeupFloor() {}

    /** @param admin client settings of the broker's admin user (the floor topic is the bench's own) */
    public static Result measure(Properties admin, int samples, long pauseMillis) {
        createTopic(admin);
        Properties p = new Properties();
        p.putAll(admin);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Double> idle = produce(producer, samples, pauseMillis);
            List<Double> busy = produce(producer, samples, 0);
            double[] socket = socketRoundTrips(samples, pauseMillis);
            return new Result(
                    Stats.percentile(idle, 50),
                    Stats.percentile(idle, 90),
                    Stats.percentile(busy, 50),
                    socket[0],
                    socket[1]);
        }
    }

    private static List<Double> produce(KafkaProducer<byte[], byte[]> producer, int samples, long pauseMillis) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < samples + WARMUP; i++) {
            long t0 = System.nanoTime();
            try {
                producer.send(new ProducerRecord<>(TOPIC, new byte[] {1})).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused a record: " + e.getCause(), e);
            }
            if (i >= WARMUP) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            LatencyBench.sleep(pauseMillis);
        }
        return ms;
    }

    /** p50 of a one-byte echo between two threads of this process, after a pause and back to back. */
    private static double[] socketRoundTrips(int samples, long pauseMillis) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(
                    () -> {
                        try (Socket s = server.accept();
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            s.setTcpNoDelay(true);
                            int b;
                            while ((b = in.read()) != -1) {
                                out.write(b);
                                out.flush();
                            }
                        } catch (IOException ignored) {
                            // the client closed the connection: done
                        }
                    },
                    "bench-echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                c.setTcpNoDelay(true);
                return new double[] {
                    Stats.percentile(echo(c, samples, pauseMillis), 50), Stats.percentile(echo(c, samples, 0), 50)
                };
            }
        } catch (IOException e) {
            throw new IllegalStateException("loopback socket: " + e.getMessage(), e);
        }
    }

    private static List<Double> echo(Socket c, int samples, long pauseMillis) throws IOException {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < samples + WARMUP; i++) {
            long t0 = System.nanoTime();
            c.getOutputStream().write(1);
            c.getOutputStream().flush();
            if (c.getInputStream().read() == -1) {
                throw new IOException("echo closed");
            }
            if (i >= WARMUP) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            LatencyBench.sleep(pauseMillis);
        }
        return ms;
    }

    private static void createTopic(Properties settings) {
        try (Admin admin = Admin.create(settings)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + TOPIC + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
