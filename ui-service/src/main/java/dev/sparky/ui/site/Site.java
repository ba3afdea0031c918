package dev.sparky.ui.site;

import dev.sparky.ui.config.UiConfig;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

/**
 * Where the UI lives under its {@link HttpRoot}: {@code {inject:site.root}} in the templates (links, assets,
 * forms, and the page script's base in a meta tag) and {@link #seeOther} for every redirect.
 */
@Singleton
@Named("site")
public class Site {
    private final HttpRoot root;

    public Site(UiConfig config) {
        this.root = HttpRoot.of(config.http().root().orElse(""));
    }

    /** {@code ""} or {@code /sparky}: put in front of every absolute path a page writes. */
    public String root() {
        return root.prefix();
    }

    public HttpRoot httpRoot() {
        return root;
    }

    /** An absolute path of the UI as the browser must ask for it. */
    public String to(String path) {
        return root.to(path);
    }

    /** {@code 303 See Other} to a path of the UI (a path only: the browser keeps the host it used). */
    public Response seeOther(String path) {
        return redirect(path).build();
    }

    /** As {@link #seeOther}, for adding headers (cookies) first. */
    public Response.ResponseBuilder redirect(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", root.to(path));
    }
}
