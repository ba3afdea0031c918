package dev.sparky.dispatcher.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparky.contracts.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The HTTP API writes the contract records exactly as the Kafka side does. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
