package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.io.TrainedPolicy;

/**
 * The README's Java examples compile and run exactly as printed: each {@code java} block (its imports, then its
 * statements) becomes the body of a class compiled against npg4j-core alone, then run.
 */
class ReadmeExampleTest {
    static final Path README = Path.of("..", "README.md");

    /** One java block of the README: its import lines and its statements. */
    record Snippet(int index, List<String> imports, List<String> statements) {
        String source() {
            StringBuilder s = new StringBuilder();
            s.append("package readme;\n");
            imports.forEach(i -> s.append(i).append('\n'));
            s.append("public final class Snippet").append(index).append(" {\n");
            s.append("    public static void run() throws Exception {\n");
            statements.forEach(l -> s.append("        ").append(l).append('\n'));
            s.append("    }\n}\n");
            return s.toString();
        }
    }

    static List<Snippet> snippets() throws Exception {
        List<Snippet> out = new ArrayList<>();
        List<String> imports = null;
        List<String> statements = null;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("```java")) {
                imports = new ArrayList<>();
                statements = new ArrayList<>();
            } else if (line.startsWith("```") && imports != null) {
                out.add(new Snippet(out.size(), imports, statements));
                imports = null;
            } else if (imports != null) {
                if (line.startsWith("import ")) {
                    imports.add(line);
                } else if (!line.isBlank()) {
                    statements.add(line);
                }
            }
        }
        return out;
    }

    @Test
    void readmeJavaBlocksCompileAndRunAsPrinted(@TempDir Path dir) throws Exception {
        List<Snippet> snippets = snippets();
        assertTrue(snippets.size() >= 3, "the README has its Java examples");
        Path src = Files.createDirectories(dir.resolve("src/readme"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-Xlint:none"));
        for (Snippet s : snippets) {
            assertTrue(!s.imports().isEmpty(), "snippet " + s.index() + " names its imports");
            Path file = src.resolve("Snippet" + s.index() + ".java");
            Files.writeString(file, s.source());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, args.toArray(String[]::new));
        assertEquals(0, rc, "the README's Java does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            for (Snippet s : snippets) {
                loader.loadClass("readme.Snippet" + s.index()).getMethod("run").invoke(null);
            }
        } finally {
            System.setOut(stdout);
        }
        try {
            // The typed example printed its progress and saved a policy that balances the pole for a whole episode.
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("steps, mean return"));
            TrainedPolicy policy = TrainedPolicy.load(Path.of("model.npg"));
            Env env = Envs.make("CartPole-v1");
            int steps = 0;
            for (var r = env.reset(0); !r.done(); steps++) {
                r = env.step(policy.act(r.observation().clone()));
            }
            assertEquals(500, steps);
            // The custom env's walker heads for the origin from either side.
            TrainedPolicy walker = TrainedPolicy.load(Path.of("walk.npg"));
            assertEquals(0, walker.act(new double[] {3.0}));
            assertEquals(2, walker.act(new double[] {-3.0}));
        } finally {
            Files.deleteIfExists(Path.of("model.npg"));
            Files.deleteIfExists(Path.of("walk.npg"));
        }
    }

    @Test
    void aSnippetBecomesOneClassWithItsImports() {
        Snippet s = new Snippet(7, List.of("import java.util.List;"), List.of("List<Integer> x = List.of(1);"));
        assertEquals("package readme;\nimport java.util.List;\npublic final class Snippet7 {\n"
                + "    public static void run() throws Exception {\n        List<Integer> x = List.of(1);\n    }\n}\n",
                s.source());
        assertTrue(new File(README.toString()).exists());
    }
}
