package dev.sparky.ui.trigger;

/** Counts trigger outcomes (metric sparky_triggers_total{source,result}); kept apart so tests need no registry. */
@FunctionalInterface
public interface TriggerCounter {
    TriggerCounter NONE = (source, result) -> {};

    /** @param result accepted, invalid, not_found, conflict or unavailable */
    void count(String source, String result);
}
