package dev.sparky.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sparky.contracts.Json;
import dev.sparky.contracts.api.BuildView;
import dev.sparky.contracts.api.Page;
import dev.sparky.testkit.SparkyApi;
import dev.sparky.testkit.SparkyApi.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the soak's builds through the public JSON API, every page of them. */
final class BuildLister {
    private static final TypeReference<Page<BuildView>> PAGE = new TypeReference<>() {};
    private final SparkyApi api;

    BuildLister(SparkyApi api) {
        this.api = api;
    }

    /** Every build of the soak's projects, newest first. */
    List<BuildView> all() {
        List<BuildView> out = new ArrayList<>();
        Long before = null;
        do {
            Page<BuildView> page =
                    read(get("/api/v1/builds?limit=500" + (before == null ? "" : "&before=" + before)), PAGE);
            page.items().stream()
                    .filter(b -> ChaosProjects.of(b.project()).isPresent())
                    .forEach(out::add);
            before = page.next();
        } while (before != null);
        return out;
    }

    /** One build with all its attempts. */
    BuildView detail(long id) {
        return read(get("/api/v1/builds/" + id), new TypeReference<BuildView>() {});
    }

    private Answer get(String path) {
        Answer a = api.get(path);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a;
    }

    private static <T> T read(Answer a, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(a.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("not the expected JSON: " + a.body(), e);
        }
    }
}
