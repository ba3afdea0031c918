package dev.sparky.ui.internalapi;

import dev.sparky.contracts.ServiceToken;
import dev.sparky.internalapi.ApiTokensApi;
import dev.sparky.internalapi.ArtifactsApi;
import dev.sparky.internalapi.BuildsApi;
import dev.sparky.internalapi.DashboardApi;
import dev.sparky.internalapi.JobStashApi;
import dev.sparky.internalapi.JobTokensApi;
import dev.sparky.internalapi.ProjectsApi;
import dev.sparky.internalapi.ScmApi;
import dev.sparky.internalapi.StashApi;
import dev.sparky.ui.config.UiConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * The typed REST clients of the services this one calls, built from the shared internal API interfaces: one base
 * URL, one service token filter, one error mapping ({@link InternalApiErrors}) and the timeouts of
 * {@code sparky.dispatcher.*} / {@code sparky.scheduler.*} per called service.
 */
@ApplicationScoped
public class InternalApiClients {
    private final String dispatcherUrl;
    private final BuildsApi builds;
    private final BuildsApi logStreams;
    private final ProjectsApi projects;
    private final DashboardApi dashboard;
    private final ArtifactsApi artifacts;
    private final StashApi stash;
    private final JobStashApi jobStash;
    private final JobTokensApi jobTokens;
    private final ApiTokensApi apiTokens;
    private final ScmApi scm;

    public InternalApiClients(UiConfig config, ServiceToken token) {
        UiConfig.Dispatcher d = config.dispatcher();
        this.dispatcherUrl = d.url().replaceAll("/+$", "");
        Service dispatcher = new Service(dispatcherUrl, token, d.connectTimeout());
        this.builds = dispatcher.client(BuildsApi.class, d.readTimeout());
        this.logStreams = dispatcher.streamingClient(BuildsApi.class, d.transferTimeout());
        this.projects = dispatcher.client(ProjectsApi.class, d.readTimeout());
        this.dashboard = dispatcher.client(DashboardApi.class, d.readTimeout());
        this.artifacts = dispatcher.client(ArtifactsApi.class, d.transferTimeout());
        this.stash = dispatcher.client(StashApi.class, d.readTimeout());
        this.jobStash = dispatcher.client(JobStashApi.class, d.readTimeout());
        this.jobTokens = dispatcher.client(JobTokensApi.class, d.readTimeout());
        this.apiTokens = dispatcher.client(ApiTokensApi.class, d.readTimeout());
        UiConfig.Scheduler s = config.scheduler();
        this.scm = new Service(s.url().replaceAll("/+$", ""), token, s.timeout()).client(ScmApi.class, s.timeout());
    }

    /** One called service: where it answers and how long to wait for a connection. */
    private record Service(String url, ServiceToken token, Duration connectTimeout) {
        /**
         * The HTTP decoder cuts a response body into pieces of at most 8 KB by default, each handed to the reading
         * thread on its own: a 200 MB log was 25,000 hand-overs and most of this service's CPU in the download. A
         * piece is now what one network read brought (up to 64 KB), never held longer than before.
         */
        static final int STREAM_PIECE = 256 * 1024;

        <T> T client(Class<T> api, Duration readTimeout) {
            return builder(readTimeout).build(api);
        }

        <T> T streamingClient(Class<T> api, Duration readTimeout) {
            return builder(readTimeout)
                    .property(QuarkusRestClientProperties.MAX_CHUNK_SIZE, STREAM_PIECE)
                    .build(api);
        }

        private QuarkusRestClientBuilder builder(Duration readTimeout) {
            return QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(url))
                    .register(new ServiceTokenFilter(token))
                    .register(new InternalApiErrors(url))
                    .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The dispatcher's base URL, for messages. */
    public String dispatcherUrl() {
        return dispatcherUrl;
    }

    public BuildsApi builds() {
        return builds;
    }

    /** {@link BuildsApi} with the transfer timeout, for the whole log. */
    public BuildsApi logStreams() {
        return logStreams;
    }

    public ProjectsApi projects() {
        return projects;
    }

    public DashboardApi dashboard() {
        return dashboard;
    }

    /** With the transfer timeout: uploads and downloads stream whole files. */
    public ArtifactsApi artifacts() {
        return artifacts;
    }

    public StashApi stash() {
        return stash;
    }

    public JobStashApi jobStash() {
        return jobStash;
    }

    public JobTokensApi jobTokens() {
        return jobTokens;
    }

    public ApiTokensApi apiTokens() {
        return apiTokens;
    }

    public ScmApi scm() {
        return scm;
    }
}
