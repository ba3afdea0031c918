package dev.sparky.contracts.api;

/**
 * What the dispatcher knows of a project's builds: the newest one, and how many run and wait.
 */
public record ProjectStatus(String project, BuildView lastBuild, int running, int queued) {}
