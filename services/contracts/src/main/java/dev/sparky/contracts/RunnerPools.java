package dev.sparky.contracts;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runner pools: a project names the pool it runs on ({@code pool:} in sparky.yaml) and only that pool's runners
 * take its builds. Each pool has its own job topic, share group and runner Kafka user, derived here from the pool
 * name so that the dispatcher, the runners, the broker's ACLs and the manifests agree. The default pool keeps the
 * names the product had before pools.
 */
public final class RunnerPools {
    /** The pool of a project that names none, and of a runner given none. */
    public static final String DEFAULT = "default";
    /**
     * A pool name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 32
     * characters. It becomes part of a topic, a group, a Kafka user and Kubernetes object names and labels, whose
     * rules this satisfies together.
     */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    private RunnerPools() {}

    public static boolean isValid(String pool) {
        return pool != null && NAME.matcher(pool).matches();
    }

    /** @throws InvalidNameException with a message that says what a valid pool name looks like */
    public static String require(String pool) {
        if (!isValid(pool)) {
            throw new InvalidNameException("invalid runner pool name '" + Names.printable(pool) + "': " + RULE);
        }
        return pool;
    }

    /** What a valid pool name looks like, for error messages. */
    public static final String RULE = "use lower-case letters, digits and '-', starting and ending with a letter or "
            + "digit, at most 32 characters (e.g. gpu, trusted, arm64)";

    /** The pool's job topic: {@code jobsTopic} itself for the default pool, {@code <jobsTopic>.<pool>} else. */
    public static String jobsTopic(String jobsTopic, String pool) {
        return DEFAULT.equals(pool) ? jobsTopic : jobsTopic + "." + require(pool);
    }

    /** The pool's job topic under the default topic name. */
    public static String jobsTopic(String pool) {
        return jobsTopic(Topics.JOBS, pool);
    }

    /** The pool's share group: {@code sparky-runners} for the default pool, {@code sparky-runners.<pool>} else. */
    public static String shareGroup(String pool) {
        return DEFAULT.equals(pool) ? Topics.RUNNER_SHARE_GROUP : Topics.RUNNER_SHARE_GROUP + "." + require(pool);
    }

    /**
     * The Kafka user of the pool's runners: {@code sparky-runner} for the default pool, {@code sparky-runner-<pool>}
     * else. One user per pool, so a runner of one pool cannot read another pool's jobs.
     */
    public static String kafkaUser(String pool) {
        return DEFAULT.equals(pool) ? "sparky-runner" : "sparky-runner-" + require(pool);
    }

    /**
     * The pools checked, trimmed, without repeats, the default pool always first (projects without {@code pool:}
     * run on it in every set-up).
     *
     * @throws InvalidNameException naming the first bad one
     */
    public static List<String> withDefault(Collection<String> pools) {
        Set<String> out = new LinkedHashSet<>();
        out.add(DEFAULT);
        for (String pool : pools) {
            out.add(require(pool == null ? null : pool.trim()));
        }
        return List.copyOf(out);
    }

    /** A pool name as given, or the default pool for null or blank. */
    public static String orDefault(String pool) {
        return pool == null || pool.isBlank() ? DEFAULT : pool;
    }
}
