package dev.sparky.contracts.api;

/** Counters for the dashboard header and autoscaling: queue length, builds in flight, runners busy and idle. */
public record Overview(int queued, int running, int runnersBusy, int runnersIdle) {}
