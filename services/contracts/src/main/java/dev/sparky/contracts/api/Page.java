package dev.sparky.contracts.api;

import java.util.List;

/**
 * One page of a list, newest first. {@code next} is the cursor for the following page (pass it as
 * {@code before}); null on the last page. Keyset paging keeps pages fast with a million builds.
 */
public record Page<T>(List<T> items, Long next) {}
