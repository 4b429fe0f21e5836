package xcot.bindgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs clang on a header or probe file in C mode against one include directory. */
final class Clang {
    private final String executable;
    private final Path includeDir;

    /** What one run printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {}

    Clang(String executable, Path includeDir) {
        this.executable = executable;
        this.includeDir = includeDir;
    }

    /** {@code -E -dD}: the preprocessed text with every #define kept in place, after its file's line marker. */
    String macroDefinitions(Path source) {
        return checked(run(source, "-E", "-dD"), source);
    }

    /** {@code -ast-dump=json}, optionally only declarations whose name contains {@code filter}. */
    Result astJson(Path source, String filter) {
        List<String> args = new ArrayList<>(List.of("-fsyntax-only", "-Xclang", "-ast-dump=json"));
        if (filter != null) {
            args.addAll(List.of("-Xclang", "-ast-dump-filter=" + filter));
        }
        return run(source, args.toArray(String[]::new));
    }

    /** {@code -fdump-record-layouts-simple}: size, alignment and field offsets (bits) of every laid-out record. */
    String recordLayouts(Path source) {
        return checked(run(source, "-fsyntax-only", "-Xclang", "-fdump-record-layouts-simple"), source);
    }

    String checked(Result result, Path source) {
        if (result.exitCode() != 0) {
            throw new BindgenException("clang failed on " + source + " (exit " + result.exitCode() + "): "
                    + firstLines(result.stderr(), 5));
        }
        return result.stdout();
    }

    private Result run(Path source, String... extra) {
        List<String> command = new ArrayList<>(List.of(executable, "-x", "c", "-std=gnu11", "-w",
                "-I" + includeDir.toAbsolutePath()));
        command.addAll(List.of(extra));
        command.add(source.toAbsolutePath().toString());
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process, true));
            String stdout = readAll(process, false);
            return new Result(process.waitFor(), stdout, stderr.join());
        } catch (IOException e) {
            throw new BindgenException("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BindgenException("interrupted while running clang", e);
        }
    }

    private static String readAll(Process process, boolean error) {
        try {
            byte[] bytes = (error ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BindgenException("cannot read clang output: " + e.getMessage(), e);
        }
    }

    static String firstLines(String text, int n) {
        return String.join(" | ", text.lines().limit(n).toList());
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BindgenException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
