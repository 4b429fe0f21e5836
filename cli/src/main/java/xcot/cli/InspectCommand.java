package xcot.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufValue;
import xcot.gguf.rules.LoadRules;
import xcot.modelcheck.CheckResult;
import xcot.modelcheck.ModelCheck;
import xcot.profiles.Detection;
import xcot.profiles.ModelProfile;
import xcot.profiles.ProfileDetector;
import xcot.profiles.ReasoningEffort;
import xcot.profiles.RenderOptions;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.TaskPrompt;

/** {@code xcot models inspect FILE}: the profile detected for a GGUF, why, and what it renders. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = {
        "Show the prompt profile xcot detects for a GGUF model and why (architecture, name, chat template, marker "
                + "tokens), with its thinking markers, insertion strings, sampling defaults and a rendered prompt.",
        "Reads the file's header only; nothing is loaded. Says whether llama.cpp can load the file: xcot's checks of "
                + "what llama.cpp asserts, and the cached result of 'xcot models check'. Exits with 1 for a file "
                + "llama.cpp cannot load."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "GGUF model file")
    private Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GgufFile gguf = GgufReader.read(file);
        out.printf(Locale.ROOT, "file            %s (%.1f MB)%n", file, Files.size(file) / 1e6);
        Optional<String> problem = LoadRules.problem(gguf);
        if (problem.isPresent()) {
            out.printf(Locale.ROOT, "architecture    %s%n", gguf.metadata().find(GgufKeys.ARCHITECTURE)
                    .map(v -> v instanceof GgufValue.StringValue(String a) ? a : "(not a string)").orElse("(none)"));
            out.printf(Locale.ROOT, "loadable        no: %s%n", problem.get());
            out.flush();
            LoadRules.check(gguf); // the same problem, as the command's one-line error
        }
        out.printf(Locale.ROOT, "loadable        %s%n", checkStatus());
        try {
            describe(out, gguf);
        } catch (RuntimeException e) {
            // Rendering with the file's own chat template can fail (llama.cpp does not know it): say which file.
            String message = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(message.startsWith(file.toString()) ? message : file + ": " + message, e);
        }
        return 0;
    }

    private void describe(PrintWriter out, GgufFile gguf) throws GgufException {
        Detection d = ProfileDetector.detect(gguf);
        out.printf(Locale.ROOT, "architecture    %s%n", d.architecture());
        out.printf(Locale.ROOT, "name            %s%n", d.name().orElse("(none)"));
        out.printf(Locale.ROOT, "chat template   %s%n", d.chatTemplate().map(InspectCommand::describeTemplate)
                .orElse("(none: raw completion)"));
        out.printf(Locale.ROOT, "marker tokens   %s%n", d.specialTokens().isEmpty() ? "(none)"
                : String.join(" ", d.specialTokens()));
        out.printf(Locale.ROOT, "add BOS         %s%n", gguf.metadata().findBool(GgufKeys.ADD_BOS)
                .map(String::valueOf).orElse("(not set)"));
        out.printf(Locale.ROOT, "profile         %s: %s%n", d.family().id(), d.family().description());
        for (String reason : d.reasons()) {
            out.printf(Locale.ROOT, "  because       %s%n", reason);
        }
        ModelProfile profile = d.profile();
        out.printf(Locale.ROOT, "sampling        temperature %s, top-k %d, top-p %s (%s)%n",
                profile.sampling().temperature(), profile.sampling().topK(), profile.sampling().topP(),
                profile.sampling().source());
        for (BenchmarkKind kind : new BenchmarkKind[] {BenchmarkKind.MEDCALC, BenchmarkKind.INDUCTION}) {
            for (Quirks flags : new Quirks[] {Quirks.fixed(), Quirks.referenceCompat()}) {
                ThinkingFormat f = profile.thinking(kind, flags);
                String mode = flags.equals(Quirks.fixed()) ? "fixed" : "reference-compat";
                String rendered = render(profile, kind, flags);
                out.printf(Locale.ROOT, "%-9s %-16s thinking %s ... %s, answer after %s, insertion %s%n",
                        kind.name().toLowerCase(Locale.ROOT), mode, show(f.open()), show(f.close()),
                        show(f.answerStart()), show(profile.insertion(rendered, "{CoT}", kind, flags)));
            }
        }
        String rendered = render(profile, BenchmarkKind.MEDCALC, Quirks.fixed());
        out.println("rendered prompt (MedCalc, fixed), own CoT:");
        out.println(show(rendered + profile.ownCotOpening(rendered)));
        out.flush();
    }

    /** What the isolated check found, if it ran; inspect itself loads nothing. */
    private String checkStatus() {
        Optional<CheckResult> r;
        try {
            r = ModelCheck.standard().cached(file);
        } catch (RuntimeException e) {
            // no llama.cpp build here (the cache is keyed by its commit): inspecting needs none
            return "passes xcot's checks; no check result (" + e.getMessage() + ")";
        }
        if (r.isEmpty()) {
            return "passes xcot's checks; not yet loaded by llama.cpp (xcot models check " + file + ")";
        }
        if (!r.get().passed()) {
            return "no: " + r.get().reason() + " (xcot models check, " + r.get().checkedAt() + ")";
        }
        return "yes: loaded and decoded in a child process" + (r.get().deep() ? ", every tensor's data valid" : "")
                + " (xcot models check, " + r.get().checkedAt() + ")";
    }

    private static String render(ModelProfile profile, BenchmarkKind kind, Quirks flags) {
        TaskPrompt prompt = kind == BenchmarkKind.MEDCALC ? TaskPrompt.of("{system}", "{user}")
                : TaskPrompt.userOnly("{user}");
        return profile.render(prompt, new RenderOptions(LocalDate.now(), ReasoningEffort.LOW, flags));
    }

    private static String describeTemplate(String template) {
        String sha = HexFormat.of().formatHex(sha256(template.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return template.length() + " chars, sha256 " + sha + "..." + (template.contains("<|im_start|>") ? ", ChatML" : "");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Newlines shown as \n so each string stays on one line. */
    private static String show(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
