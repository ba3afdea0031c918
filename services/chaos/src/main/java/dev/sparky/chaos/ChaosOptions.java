package dev.sparky.chaos;

import java.time.Duration;

/**
 * What a chaos soak does: how many builds, on how many runners, and how many faults of each kind. The fault
 * counts follow from the number of builds unless a caller (a test) sets them.
 *
 * @param builds builds triggered over the HTTP API
 * @param runners runner processes kept alive (a killed one is replaced)
 * @param seed seed of every random choice (build mix, pacing, fault times and victims)
 * @param runnerKills runners killed with SIGKILL mid-build, each replaced by a new one
 * @param runnerPauses runners hung with SIGSTOP for longer than the lease, then resumed with SIGCONT
 * @param dispatcherKills dispatcher SIGKILLs, each followed by a restart
 * @param brokerOutages broker stops (orderly), each for a random time in [brokerDownMin, brokerDownMax]
 * @param lease the dispatcher's lease (silence after which an attempt is lost)
 */
public record ChaosOptions(
        int builds,
        int runners,
        long seed,
        int runnerKills,
        int runnerPauses,
        int dispatcherKills,
        int brokerOutages,
        Duration brokerDownMin,
        Duration brokerDownMax,
        Duration lease) {

    static final String USAGE = "usage: chaos [--builds N] [--runners R] [--seed S]";

    /** The soak of {@code bin/sparky chaos}: faults scale with the number of builds. */
    public static ChaosOptions forBuilds(int builds, int runners, long seed) {
        boolean big = builds >= 100;
        return new ChaosOptions(
                builds,
                runners,
                seed,
                Math.max(1, Math.min(12, builds / 40)),
                1,
                big ? 3 : 1,
                1,
                Duration.ofSeconds(10),
                Duration.ofSeconds(big ? 30 : 10),
                Duration.ofSeconds(5));
    }

    /** Reads {@code --builds N --runners R --seed S} (also {@code --builds=N}); defaults 200, 3, random. */
    public static ChaosOptions parse(String... args) {
        int builds = 200;
        int runners = 3;
        long seed = System.nanoTime() % 100_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
            }
            switch (arg) {
                case "--builds" -> builds = positive(arg, value);
                case "--runners" -> runners = positive(arg, value);
                case "--seed" -> seed = number(arg, value);
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
            }
        }
        return forBuilds(builds, runners, seed);
    }

    private static int positive(String option, String value) {
        long n = number(option, value);
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException(option + " must be between 1 and 100000, not " + value);
        }
        return (int) n;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, not '" + value + "'");
        }
    }
}
