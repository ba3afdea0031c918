package dev.sparky.scheduler.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary folder, changed with real commits. */
public final class GitRepo {
    private final Path dir;
    private int commits;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    public static GitRepo init(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        GitRepo repo = new GitRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.email", "test@example.invalid");
        repo.git("config", "user.name", "Test");
        repo.git("config", "commit.gpgsign", "false");
        return repo;
    }

    public String url() {
        return dir.toUri().toString();
    }

    /** Commits a change on the current branch and returns the new SHA. */
    public String commit() throws IOException, InterruptedException {
        commits++;
        Files.writeString(dir.resolve("file.txt"), "change " + commits + "\n");
        git("add", "file.txt");
        git("commit", "-q", "-m", "change " + commits);
        return git("rev-parse", "HEAD").trim();
    }

    public String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
