package dev.sparky.ui;

/**
 * The state a component test of the UI starts from: the test projects written, and the fake dispatcher, publisher
 * and job client emptied (they are application-scoped, so one test's builds and requests would reach the next).
 */
public final class FreshFakes {
    private FreshFakes() {}

    public static void reset(FakeDispatcher dispatcher, FakePublisher publisher, FakeJobClient jobs) {
        TestProjects.create();
        dispatcher.reset();
        publisher.reset();
        jobs.reset();
    }
}
