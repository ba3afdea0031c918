package dev.sparky.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secret values never reach the log, however the output is cut into reads. */
class SecretMaskerTest {

    private static String feed(SecretMasker masker, String... reads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : reads) {
            byte[] b = r.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(masker.mask(b, 0, b.length));
        }
        out.writeBytes(masker.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void masksWholeValues() {
        assertEquals("pw=***** and *****!", feed(new SecretMasker(List.of("hunter2")), "pw=hunter2 and hunter2!"));
    }

    @Test
    void masksAValueSplitAtEveryPossiblePoint() {
        String text = "before hunter2 after";
        for (int cut = 0; cut <= text.length(); cut++) {
            String got = feed(new SecretMasker(List.of("hunter2")), text.substring(0, cut), text.substring(cut));
            assertEquals("before ***** after", got, "cut at " + cut);
        }
    }

    @Test
    void masksAValueSplitOverManyReads() {
        assertEquals("x*****y", feed(new SecretMasker(List.of("abcdefgh")), "xab", "c", "de", "fg", "hy"));
    }

    @Test
    void aPrefixThatDoesNotContinueIsPrintedAsIs() {
        assertEquals("hunt the hunter", feed(new SecretMasker(List.of("hunter2")), "hunt the hun", "ter"));
    }

    @Test
    void shortValuesAreNotMasked() {
        assertEquals("abc abc", feed(new SecretMasker(List.of("abc")), "abc abc"));
    }

    @Test
    void theLongerOfTwoOverlappingSecretsWins() {
        assertEquals("[*****]", feed(new SecretMasker(List.of("abcd", "abcdefgh")), "[abcde", "fgh]"));
    }

    @Test
    void masksTheBase64FormsOfAValue() {
        // "hunter2?>" gives different standard and URL-safe base64: aHVudGVyMj8+ and aHVudGVyMj8-
        SecretMasker masker = new SecretMasker(List.of("hunter2?>"));
        assertEquals("a ***** b ***** c", feed(masker, "a aHVudGVyMj8+ b aHVudGVyMj8- c"));
        assertEquals("[*****]\n[*****]", feed(new SecretMasker(List.of("hunter22")), "[aHVudGVyMjI=]\n[aHVudGVyMjI]"));
        assertEquals("url ***** *****", feed(new SecretMasker(List.of("abc???")), "url YWJjPz8_ YWJjPz8/"));
    }

    @Test
    void masksABase64FormSplitAcrossReads() {
        String text = "Authorization: Basic aHVudGVyMjI=\n";
        for (int cut = 0; cut <= text.length(); cut++) {
            String got = feed(new SecretMasker(List.of("hunter22")), text.substring(0, cut), text.substring(cut));
            assertEquals("Authorization: Basic *****\n", got, "cut at " + cut);
        }
    }

    @Test
    void masksTheUrlEncodedFormsOfAValue() {
        SecretMasker masker = new SecretMasker(List.of("p@ss w/rd"));
        assertEquals("?pw=*****&x=*****&y=*****", feed(masker, "?pw=p%40ss+w%2Frd&x=p%40ss%20w%2Frd&y=p@ss w/rd"));
    }

    @Test
    void everyFormIsDerivedFromTheValueOnly() {
        assertEquals(
                java.util.Set.of("a b~*", "YSBifio=", "YSBifio", "a+b%7E*", "a%20b~%2A"), SecretVariants.of("a b~*"));
    }

    /**
     * Random logs over a small alphabet (so secrets' beginnings and near misses are everywhere), secrets of
     * different lengths, overlapping ones among them, cut into random reads: the result is what a plain
     * left-to-right search gives, longest secret first at each place.
     */
    @Test
    void anyLogCutAnyWayIsMaskedAsAPlainSearchWould() {
        java.util.Random random = new java.util.Random(42);
        List<String> secrets = List.of("abca", "abcabcab", "cabba", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        for (int round = 0; round < 2000; round++) {
            StringBuilder log = new StringBuilder();
            int length = random.nextInt(300);
            while (log.length() < length) {
                if (random.nextInt(8) == 0) {
                    log.append(secrets.get(random.nextInt(secrets.size())));
                } else {
                    log.append("abc d".charAt(random.nextInt(5)));
                }
            }
            String text = log.toString();
            List<String> reads = new java.util.ArrayList<>();
            for (int at = 0; at < text.length(); ) {
                int n = 1 + random.nextInt(40);
                reads.add(text.substring(at, Math.min(text.length(), at + n)));
                at += n;
            }
            // Only the plain values: the encoded forms of these use other letters than the alphabet above.
            SecretMasker masker = new SecretMasker(secrets);
            assertEquals(plainSearch(text, secrets), feed(masker, reads.toArray(String[]::new)), text + " in " + reads);
        }
    }

    private static String plainSearch(String text, List<String> secrets) {
        List<String> longestFirst = secrets.stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .toList();
        StringBuilder out = new StringBuilder();
        int i = 0;
        next:
        while (i < text.length()) {
            for (String s : longestFirst) {
                if (text.startsWith(s, i)) {
                    out.append("*****");
                    i += s.length();
                    continue next;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }
}
