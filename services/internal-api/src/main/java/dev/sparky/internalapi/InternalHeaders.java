package dev.sparky.internalapi;

/** Headers of the internal API that carry part of an answer. */
public final class InternalHeaders {
    /** The whole log's size in bytes, on a log answer: a tailing reader knows whether more is there. */
    public static final String LOG_SIZE = "X-Log-Size";
    /** The build's state (wire name) when a log answer was read. */
    public static final String BUILD_STATE = "X-Build-State";
    /** Set on a project statuses answer that is a {@code ProjectStatusesDelta} rather than the whole list. */
    public static final String STATUSES_DELTA = "X-Statuses-Delta";

    private InternalHeaders() {}
}
