package dev.sparky.ui.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparky.contracts.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The HTTP API and the dispatcher client speak the contracts' JSON mapping (ISO times, no nulls). */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
