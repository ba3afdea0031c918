package dev.sparky.dispatcher.api;

import dev.sparky.contracts.BuildState;
import jakarta.ws.rs.core.StreamingOutput;

/** A build's whole log (every attempt joined) as it was when asked: its size, the build's state, the bytes. */
record WholeLog(long size, BuildState state, StreamingOutput body) {}
