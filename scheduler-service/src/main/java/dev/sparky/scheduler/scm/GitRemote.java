package dev.sparky.scheduler.scm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code git ls-remote <url> <ref>} as a process with a time limit. Never asks for credentials (no terminal
 * prompt, ssh in batch mode) and kills the whole process tree when the remote is too slow, so a hung
 * server can only cost one poll.
 */
public final class GitRemote implements RemoteHeads {
    private static final int MAX_OUTPUT = 64 * 1024;

    private final String gitCommand;

    public GitRemote(String gitCommand) {
        this.gitCommand = gitCommand;
    }

    @Override
    public String headSha(String url, String branch, Duration timeout) throws ScmException {
        // project-model refuses these already; checked again because a leading '-' would be read as an option.
        if (url == null || url.isBlank() || url.startsWith("-") || (branch != null && branch.startsWith("-"))) {
            throw new ScmException("refused: url and branch must be set and must not start with '-'");
        }
        String ref = branch == null || branch.isBlank()
                ? "HEAD"
                : branch.startsWith("refs/") ? branch : "refs/heads/" + branch;
        String output = run(List.of(gitCommand, "ls-remote", "--", url, ref), timeout);
        return ShaLines.find(output, ref)
                .orElseThrow(() -> new ScmException(
                        (branch == null ? "the remote has no HEAD" : "branch '" + branch + "' not found on the remote")
                                + detail(output)));
    }

    private String run(List<String> command, Duration timeout) throws ScmException {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("sparky-ls-remote", ".out");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("GIT_TERMINAL_PROMPT", "0");
            env.put("GIT_ASKPASS", "true");
            env.putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=" + timeout.toSeconds());
            env.put("LC_ALL", "C");
            process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ScmException("git ls-remote timed out after " + timeout.toSeconds() + " s");
            }
            String text = read(out);
            if (process.exitValue() != 0) {
                throw new ScmException("git ls-remote exited with " + process.exitValue() + detail(text));
            }
            return text;
        } catch (IOException e) {
            throw new ScmException("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScmException("interrupted");
        } finally {
            kill(process);
            delete(out);
        }
    }

    private static void kill(Process process) {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String read(Path out) throws IOException {
        byte[] bytes = Files.readAllBytes(out);
        int n = Math.min(bytes.length, MAX_OUTPUT);
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** The last lines of git's own message, with credentials in URLs masked. */
    private static String detail(String output) {
        String text = output.lines()
                .filter(l -> !ShaLines.isRefLine(l))
                .reduce((a, b) -> a + " " + b)
                .orElse("");
        text = ScmUrls.redact(text.trim());
        if (text.length() > 300) {
            text = text.substring(text.length() - 300);
        }
        return text.isEmpty() ? "" : ": " + text;
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
        }
    }
}
