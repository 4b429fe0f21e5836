package xcot.runs.folder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.export.RunFiles;

/** The run folder's lock: one holder at a time, gone with its holder, a stale lock file no obstacle. */
class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockRefusesTheNextHolderWithOneLine() {
        try (RunLock first = RunLock.acquire(dir)) {
            assertTrue(RunLock.isHeld(dir));
            RunFolderException e = assertThrows(RunFolderException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith(dir + ": another xcot process is writing this folder (pid "
                    + ProcessHandle.current().pid() + ", since "), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve(RunFiles.LOCK)), "released and removed");
        assertFalse(RunLock.isHeld(dir));
    }

    @Test
    void theLockFileOfAKilledRunDoesNotStopTheNext() throws Exception {
        Files.writeString(dir.resolve(RunFiles.LOCK), "pid 1, since 2026-01-01T00:00:00Z\n");
        assertFalse(RunLock.isHeld(dir), "nobody holds it");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertTrue(Files.readString(dir.resolve(RunFiles.LOCK)).startsWith("pid " + ProcessHandle.current().pid()));
        }
    }
}
