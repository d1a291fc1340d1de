package org.npg4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and directories written atomically carry the permissions of the process umask (0666 &amp; ~umask and 0777
 * &amp; ~umask), so results can be shared. The umask is a property of the process: each case runs a child JVM
 * started by {@code sh -c 'umask U; exec java ...'}.
 */
class AtomicFilesUmaskTest {
    /** The child: writes {@code <dir>/a/b/file.txt} atomically and creates a temporary directory in {@code <dir>}. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        AtomicFiles.writeString(dir.resolve("a/b/file.txt"), "x");
        Path tmp = AtomicFiles.createTempDirectory(dir, ".tmp-run-");
        AtomicFiles.writeString(dir.resolve("tmpdir.txt"), tmp.getFileName().toString());
    }

    private static Set<PosixFilePermission> masked(int mode, int umask) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
        for (int i = 0; i < 9; i++) {
            if (((mode & ~umask) & (0400 >> i)) != 0) {
                s.add(bits[i]);
            }
        }
        return s;
    }

    private static void writeUnder(String umask, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"", java,
                System.getProperty("java.class.path"), AtomicFilesUmaskTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void atomicWritesAndDirectoriesFollowTheUmask(@TempDir Path root) throws Exception {
        for (String umask : List.of("022", "027", "002")) {
            int u = Integer.parseInt(umask, 8);
            Path dir = root.resolve("u" + umask);
            writeUnder(umask, dir);
            Path tmp = dir.resolve(Files.readString(dir.resolve("tmpdir.txt")));
            assertEquals(PosixFilePermissions.toString(masked(0666, u)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/file.txt"))), umask);
            assertEquals(PosixFilePermissions.toString(masked(0777, u)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))), umask);
            assertEquals(PosixFilePermissions.toString(masked(0777, u)),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)), umask);
        }
    }
}
