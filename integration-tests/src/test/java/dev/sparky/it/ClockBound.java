package dev.sparky.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An integration test class that spends most of its time waiting on the clock (cron minutes, leases running out,
 * a broker held down for seconds) rather than working the CPU. These classes run one after another on a lane of
 * their own, beside the other classes (which run one after another in the main lane): on CI's 2 cores their
 * waiting then no longer adds to the suite's wall time (docs/testing.md, "Two lanes"). Each class starts its own
 * cluster, so the lanes share nothing but the machine; the lane's lock also keeps a class's own test methods in
 * one thread, in order.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ClockBound.LANE)
public @interface ClockBound {
    /** The lock that makes the clock-bound classes take turns. */
    String LANE = "the clock-bound lane";
}
