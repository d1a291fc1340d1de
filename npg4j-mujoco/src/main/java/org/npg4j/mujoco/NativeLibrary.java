package org.npg4j.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds and loads the JNI shim {@code libnpg4j_mujoco.so}: from the path in the system property {@value #PROPERTY}
 * when it is set, otherwise from the jar ({@code native/linux-<os.arch>/}), extracted to a temporary file. Loading
 * the shim loads libmujoco, which the shim links against; then the library's version must be the one the shim was
 * compiled for, since the shim reads MuJoCo's structs directly.
 */
final class NativeLibrary {
    /** System property naming the shim to load instead of the one in the jar. */
    static final String PROPERTY = "npg4j.mujoco.library";
    static final String FILE_NAME = "libnpg4j_mujoco.so";

    private NativeLibrary() {
    }

    /** The jar resource holding the shim for this platform. */
    static String resource() {
        return "/native/linux-" + System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT) + "/" + FILE_NAME;
    }

    /**
     * Loads the shim from {@code override} (a file path) or, when it is null, from the jar. Returns null when the shim
     * and libmujoco are loaded and their versions agree, otherwise the exception explaining why MuJoCo is not
     * available (nothing is thrown, so that a failed load can be reported where MuJoCo is used).
     */
    static MujocoNotAvailableException load(String override) {
        try {
            Path file;
            if (override != null) {
                file = Path.of(override);
                if (!Files.isRegularFile(file)) {
                    return new MujocoNotAvailableException("no library at " + file + ", set by -D" + PROPERTY);
                }
            } else {
                file = extract();
                if (file == null) {
                    return new MujocoNotAvailableException("this npg4j-mujoco was built without its native shim "
                            + resource().substring(1) + "; rebuild it where libmujoco-dev is installed");
                }
            }
            System.load(file.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError | IOException | SecurityException e) {
            return new MujocoNotAvailableException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int library;
        int header;
        try {
            library = MujocoNative.libraryVersion();
            header = MujocoNative.headerVersion();
        } catch (UnsatisfiedLinkError e) {
            return new MujocoNotAvailableException("the loaded library is not npg4j's MuJoCo shim: " + e.getMessage());
        }
        if (library != header) {
            return new MujocoNotAvailableException("libmujoco is version " + library + " but the shim was compiled "
                    + "against the headers of version " + header);
        }
        return null;
    }

    /** Copies the shim out of the jar into a temporary file (deleted on exit); null when the jar has none. */
    private static Path extract() throws IOException {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource())) {
            if (in == null) {
                return null;
            }
            Path file = Files.createTempFile("npg4j-mujoco-", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
