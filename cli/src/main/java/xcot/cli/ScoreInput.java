package xcot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import xcot.formats.GenexMedCalcFiles;
import xcot.formats.XcotJsonl;
import xcot.io.InputProblem;
import xcot.io.LineSink;
import xcot.metrics.AnswerCollector;
import xcot.metrics.ScoredAnswer;

/**
 * Reads {@code xcot score}'s answer files (the line formats: xcot, genex-medcalc) as they stream, one line in memory
 * at a time, into an {@link AnswerCollector} that keeps only what scoring needs of the selected answers. Bad lines
 * are warned about on stderr as they are found (the first {@value #SHOWN_PROBLEMS}, then a count).
 */
final class ScoreInput {
    /** Bad lines warned about one by one and listed in the JSON; the rest are counted. */
    static final int SHOWN_PROBLEMS = 100;

    /**
     * @param problems     the first {@link #SHOWN_PROBLEMS} bad lines
     * @param problemCount all bad lines
     */
    record Read(List<ScoredAnswer> answers, List<InputProblem> problems, long problemCount) {}

    private ScoreInput() {}

    static Read read(List<Path> files, boolean genexMedCalc, Predicate<ScoredAnswer> keep, PrintWriter err,
            ScoreProgress progress) {
        AnswerCollector collector = new AnswerCollector(keep);
        List<InputProblem> shown = new ArrayList<>();
        long[] problemCount = {0};
        progress.reading(files.size(), totalSize(files));
        long bytesBefore = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            progress.file(name, bytesBefore);
            long[] bytesOfFile = {0};
            LineSink<ScoredAnswer> sink = new LineSink<>() {
                @Override
                public void value(ScoredAnswer answer, long line) {
                    collector.add(answer, name, line);
                }

                @Override
                public void problem(InputProblem problem) {
                    if (++problemCount[0] <= SHOWN_PROBLEMS) {
                        shown.add(problem);
                        progress.clearLine();
                        err.println("xcot: warning: " + problem + " (line skipped)");
                    }
                }

                @Override
                public void progress(long bytesRead, long sizeBytes) {
                    bytesOfFile[0] = bytesRead;
                    progress.read(bytesRead, collector.answers().size());
                }
            };
            if (genexMedCalc) {
                GenexMedCalcFiles.readScored(file, sink);
            } else {
                XcotJsonl.read(file, sink);
            }
            bytesBefore += bytesOfFile[0];
        }
        if (problemCount[0] > SHOWN_PROBLEMS) {
            progress.clearLine();
            err.println(String.format(Locale.ROOT, "xcot: warning: %,d more bad lines skipped, not shown",
                    problemCount[0] - SHOWN_PROBLEMS));
        }
        err.flush();
        return new Read(collector.answers(), shown, problemCount[0]);
    }

    /** The files' sizes on disk; 0 when one is unknown (a pipe) or missing (its read then says so). */
    private static long totalSize(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                if (!Files.isRegularFile(f)) {
                    return 0;
                }
                total += Files.size(f);
            } catch (IOException e) {
                return 0;
            }
        }
        return total;
    }
}
