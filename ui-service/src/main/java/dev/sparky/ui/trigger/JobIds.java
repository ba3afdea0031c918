package dev.sparky.ui.trigger;

import dev.sparky.contracts.Names;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Makes job ids: 20 random letters for a new build (known to the caller at once, unguessable enough to be
 * unique per project), {@code <key>.<6 letters>} for a rebuild, so the origin stays visible.
 */
public final class JobIds {
    static final int NEW_LENGTH = 20;
    static final int REBUILD_SUFFIX_LENGTH = 6;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int MAX_JOB_ID = 200;

    private final RandomGenerator random;

    public JobIds() {
        this(new SecureRandom());
    }

    public JobIds(RandomGenerator random) {
        this.random = random;
    }

    public String newJobId() {
        return letters(NEW_LENGTH);
    }

    /** The original key is cut when needed so the result still fits the job id rule (200 characters). */
    public String rebuildOf(String key) {
        Names.requireJobId(key);
        int room = MAX_JOB_ID - REBUILD_SUFFIX_LENGTH - 1;
        String base = key.length() > room ? key.substring(0, room) : key;
        return base + "." + letters(REBUILD_SUFFIX_LENGTH);
    }

    private String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return sb.toString();
    }
}
