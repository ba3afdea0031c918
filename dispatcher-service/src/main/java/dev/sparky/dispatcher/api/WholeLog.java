package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;

/**
 * A build's whole log (every attempt joined) as it was when asked: its size, the build's state, and the bytes as a
 * response entity: a {@link org.jboss.resteasy.reactive.PathPart} of the finished log's file (sent by the event
 * loop straight from the file) or a {@link jakarta.ws.rs.core.StreamingOutput} that writes the joined pieces.
 */
record WholeLog(long size, BuildState state, Object body) {}
