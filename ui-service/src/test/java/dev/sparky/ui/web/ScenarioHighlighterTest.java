package dev.sparky.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sparky.ui.web.ScenarioHighlighter.Language;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScenarioHighlighterTest {

    @Test
    void marksShellCommentsStringsVariablesAndKeywords() {
        assertEquals(
                "<span class=\"hl-keyword\">if</span> [ <span class=\"hl-var\">$X</span> ]; "
                        + "<span class=\"hl-keyword\">then</span> <span class=\"hl-string\">&quot;a\\&quot;b&quot;</span>; "
                        + "<span class=\"hl-keyword\">fi</span> <span class=\"hl-comment\"># done</span>\n",
                ScenarioHighlighter.toHtml("if [ $X ]; then \"a\\\"b\"; fi # done\n", Language.SHELL));
        assertEquals(
                "<span class=\"hl-var\">${A:-x}</span>-b <span class=\"hl-var\">$1</span> x#y",
                ScenarioHighlighter.toHtml("${A:-x}-b $1 x#y", Language.SHELL));
    }

    @Test
    void marksRakuSigilsAndDashedNames() {
        assertEquals(
                "<span class=\"hl-keyword\">my</span> <span class=\"hl-var\">%h</span> = "
                        + "<span class=\"hl-keyword\">task-run</span> <span class=\"hl-var\">$my-var</span>, "
                        + "<span class=\"hl-var\">@list</span>, <span class=\"hl-var\">$*ENV</span>;",
                ScenarioHighlighter.toHtml("my %h = task-run $my-var, @list, $*ENV;", Language.RAKU));
        assertEquals("a % b", ScenarioHighlighter.toHtml("a % b", Language.RAKU));
    }

    @Test
    void everythingLeavesEscapedEvenUnclosed() {
        String html = ScenarioHighlighter.toHtml("echo '<script>\n\"</pre>& ${<x", Language.SHELL);
        assertFalse(html.contains("<script") || html.contains("</pre") || html.contains("<x"), html);
        Random random = new Random(7);
        String alphabet = "<>&\"'#$@%{}\\ \nabif-";
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (Language l : Language.values()) {
                String out = ScenarioHighlighter.toHtml(sb.toString(), l);
                String text = out.replaceAll("<span class=\"hl-[a-z]+\">", "").replace("</span>", "");
                assertFalse(text.contains("<") || text.contains(">"), out);
                assertEquals(
                        sb.toString(),
                        text.replace("&lt;", "<")
                                .replace("&gt;", ">")
                                .replace("&quot;", "\"")
                                .replace("&#39;", "'")
                                .replace("&amp;", "&"),
                        "the text is kept whole");
            }
        }
    }

    @Test
    void theLanguageFollowsTheFileName() {
        assertEquals(Language.RAKU, ScenarioHighlighter.languageOf("sparrowfile"));
        assertEquals(Language.SHELL, ScenarioHighlighter.languageOf("job.sh"));
    }
}
