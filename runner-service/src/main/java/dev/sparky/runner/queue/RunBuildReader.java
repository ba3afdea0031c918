package dev.sparky.runner.queue;

import dev.sparky.contracts.Json;
import dev.sparky.contracts.MalformedEventException;
import dev.sparky.contracts.Names;
import dev.sparky.contracts.events.RunBuild;
import java.nio.file.Path;

/** Reads a job record and checks what the runner relies on before anything touches the disk. */
final class RunBuildReader {
    private RunBuildReader() {}

    /** @throws MalformedEventException naming the field that is wrong */
    static RunBuild read(byte[] value) {
        RunBuild job = Json.read(value, RunBuild.class).validate();
        if (job.buildId() <= 0) {
            throw new MalformedEventException("run-build command: buildId must be positive, got " + job.buildId());
        }
        if (job.attempt() < 1) {
            throw new MalformedEventException("run-build command for build " + job.buildId()
                    + ": attempt must be 1 or more, got " + job.attempt());
        }
        if (!Names.isValidProject(job.project())) {
            throw new MalformedEventException(
                    "run-build command for build " + job.buildId() + ": invalid project name in field 'project'");
        }
        if (!Names.isValidJobId(job.jobId())) {
            throw new MalformedEventException(
                    "run-build command for build " + job.buildId() + ": invalid job id in field 'jobId'");
        }
        if (!safeScript(job.script())) {
            throw new MalformedEventException("run-build command for build " + job.buildId()
                    + ": field 'script' must be a relative path inside the project folder");
        }
        return job;
    }

    private static boolean safeScript(String script) {
        if (script == null || script.isBlank() || script.indexOf('\0') >= 0) {
            return false;
        }
        Path p = Path.of(script);
        if (p.isAbsolute()) {
            return false;
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                return false;
            }
        }
        return true;
    }
}
