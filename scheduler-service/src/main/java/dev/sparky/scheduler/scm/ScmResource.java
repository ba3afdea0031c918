package dev.sparky.scheduler.scm;

import dev.sparky.internalapi.ScmApi;
import dev.sparky.internalapi.ScmStatus;
import java.util.List;

/** The health of every project's SCM polling, for operators and the UI (path: {@link ScmApi}). */
public class ScmResource implements ScmApi {
    private final ScmPoller poller;

    ScmResource(ScmPoller poller) {
        this.poller = poller;
    }

    @Override
    public List<ScmStatus> list() {
        return poller.status();
    }
}
