package dev.sparky.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the ui-service says who may call it: an endpoint without a security annotation would be
 * closed at run time ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}), and this test names it at
 * build time. {@code @PermitAll} is kept to the endpoints that check their own credential, so that opening a
 * new one is a decision this test makes someone write down.
 */
class SecuredEndpointsTest {
    private static final List<Class<? extends Annotation>> SECURITY =
            List.of(PermissionsAllowed.class, PermitAll.class, RolesAllowed.class, Authenticated.class, DenyAll.class);
    /** Login forms (their own form tokens), the OIDC login (quarkus-oidc's path policy), the job API (build tokens). */
    private static final Set<String> OWN_CREDENTIAL = Set.of(
            "dev.sparky.ui.auth.LoginResource",
            "dev.sparky.ui.auth.OidcLoginResource",
            "dev.sparky.ui.jobapi.JobBuildsResource",
            "dev.sparky.ui.jobapi.JobStorageResource",
            "dev.sparky.ui.jobapi.SparkyJobApiResource");

    private static final Set<String> PER_PROJECT =
            Set.of(AccessChecks.READ_PROJECT, AccessChecks.RUN_PROJECT, AccessChecks.CANCEL_PROJECT);

    @Test
    void everyEndpointNamesWhoMayCallIt() throws Exception {
        List<String> open = new ArrayList<>();
        List<Class<?>> resources = resources();
        assertTrue(resources.size() >= 15, "found the resource classes: " + resources);
        for (Class<?> type : resources) {
            for (Method m : endpoints(type)) {
                if (security(m).isEmpty() && security(type).isEmpty()) {
                    open.add(type.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(
                List.of(),
                open,
                "endpoints without a security annotation (add @PermissionsAllowed with an "
                        + "AccessChecks permission, or @PermitAll if the endpoint checks its own credential)");
    }

    @Test
    void onlyEndpointsWithTheirOwnCredentialArePermitAll() throws Exception {
        List<String> permitted = new ArrayList<>();
        for (Class<?> type : resources()) {
            boolean classPermits = type.isAnnotationPresent(PermitAll.class);
            for (Method m : endpoints(type)) {
                if ((m.isAnnotationPresent(PermitAll.class)
                                || classPermits && security(m).isEmpty())
                        && !OWN_CREDENTIAL.contains(type.getName())) {
                    permitted.add(type.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(List.of(), permitted, "@PermitAll on an endpoint that checks no credential of its own");
    }

    @Test
    void perProjectPermissionsReadTheProjectParameter() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> type : resources()) {
            for (Method m : endpoints(type)) {
                PermissionsAllowed p = m.getAnnotation(PermissionsAllowed.class);
                boolean perProject = p != null && Arrays.stream(p.value()).anyMatch(PER_PROJECT::contains);
                if (perProject
                        && Arrays.stream(m.getParameters())
                                .map(Parameter::getName)
                                .noneMatch("project"::equals)) {
                    wrong.add(type.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertEquals(List.of(), wrong, "per-project permissions need the path parameter named 'project'");
    }

    private static List<Annotation> security(AnnotatedElement e) {
        return SECURITY.stream()
                .<Annotation>map(e::getAnnotation)
                .filter(a -> a != null)
                .toList();
    }

    private static List<Method> endpoints(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Arrays.stream(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class)
                                || a.annotationType() == Path.class))
                .toList();
    }

    /** The server resources among the main classes (REST client interfaces are not endpoints). */
    private static List<Class<?>> resources() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(AccessChecks.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path f :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("dev.sparky.ui.") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, SecuredEndpointsTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class) && !type.isInterface()) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
