package dev.sparky.dispatcher.store;

import java.util.function.Supplier;

/** The write connection's transactions: the engine applies a whole batch in one. */
public interface Transactions {

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} inside a savepoint of the current transaction: when it throws, only its writes are undone. */
    void isolated(Runnable work);
}
