package dev.sparky.runner.exec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The forms in which a secret commonly reaches a log besides its plain value: base64 (standard and URL-safe,
 * with and without padding, as {@code printf %s "$V" | base64} prints it) and URL-encoded (form style with
 * {@code +} and RFC 3986 style with {@code %20}). Base64 wrapped over several lines and the secret embedded in a
 * larger encoded blob are not covered.
 */
final class SecretVariants {
    private SecretVariants() {}

    /** The value itself first, then each encoding that differs from it. */
    static Set<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        String standard = Base64.getEncoder().encodeToString(raw);
        String urlSafe = Base64.getUrlEncoder().encodeToString(raw);
        forms.add(standard);
        forms.add(unpadded(standard));
        forms.add(urlSafe);
        forms.add(unpadded(urlSafe));
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
        return forms;
    }

    private static String unpadded(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }
}
