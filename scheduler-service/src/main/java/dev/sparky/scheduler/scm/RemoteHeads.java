package dev.sparky.scheduler.scm;

import java.time.Duration;

/** Reads the commit a branch of a remote repository points at. One process implementation, fakes in tests. */
public interface RemoteHeads {

    /**
     * @param branch a branch name, or null for the remote's HEAD
     * @return the full SHA of the branch's commit
     * @throws ScmException when the remote cannot be read within {@code timeout}
     */
    String headSha(String url, String branch, Duration timeout) throws ScmException;
}
