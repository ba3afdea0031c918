package dev.sparky.ui.trigger;

import dev.sparky.project.TagString;
import dev.sparky.ui.error.RequestRefusedException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tags} field of Sparky's build form ({@code k=v,k2=v2}). Sparky's form sends one pair per
 * selected value of a multi-select; those are joined with ',' so no choice is lost (plain
 * {@link TagString} keeps only the last).
 */
public final class TagForm {
    private TagForm() {}

    /** @throws RequestRefusedException (400) naming the bad pair */
    public static Map<String, String> parse(String tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null) {
            return out;
        }
        for (String pair : tags.split("[,\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            Map<String, String> one;
            try {
                one = TagString.parse(pair);
            } catch (IllegalArgumentException e) {
                throw RequestRefusedException.invalid("tags: " + e.getMessage());
            }
            one.forEach((k, v) -> out.merge(k, v, (a, b) -> a + "," + b));
        }
        return out;
    }
}
