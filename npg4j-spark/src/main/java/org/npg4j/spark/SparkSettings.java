package org.npg4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.npg4j.nn.Kernels;

/**
 * The Spark configuration of a sweep, and the checks that turn a cluster's late, buried failures into one line before
 * Spark starts: the master (the {@code --master} option, else the one {@code spark-submit} configured, else
 * {@code local[*]}), whether its cluster manager is on the class path, whether a standalone master answers, the jars
 * executors need, and the JVM options of executors.
 */
final class SparkSettings {
    /** The default master: embedded, every core. */
    static final String DEFAULT_MASTER = "local[*]";
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    /**
     * The packages Spark needs opened on Java 17 (the list of Spark's launcher, {@code JavaModuleOptions}), for JVMs
     * Spark's launcher does not start itself: executors and a driver in cluster deploy mode.
     */
    static final List<String> JAVA_17_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");
    /** One class of each jar an executor needs beyond Spark: npg4j's modules and npg4j-core's dependencies. */
    private static final List<String> NEEDED_ON_EXECUTORS = List.of("org.npg4j.spark.SweepTask", "org.npg4j.train.Trainer",
            "org.npg4j.cli.Main", "picocli.CommandLine", "org.ejml.data.DMatrixRMaj", "org.ejml.data.DMatrixSparseCSC",
            "org.ojalgo.OjAlgoUtils", "com.fasterxml.jackson.dataformat.yaml.YAMLFactory", "org.yaml.snakeyaml.Yaml",
            "org.jbox2d.dynamics.World", "org.apache.commons.math3.distribution.TDistribution");

    private SparkSettings() {
    }

    /** The master: {@code option} when given, else the configured {@code spark.master} (spark-submit), else local[*]. */
    static String master(String option, SparkConf conf) {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        return conf.contains("spark.master") ? conf.get("spark.master").trim() : DEFAULT_MASTER;
    }

    static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }

    /** Local masters get 4 attempts per task ({@code local[N,4]}), as a cluster does by default. */
    static String withRetries(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches() || m.group(3) != null) {
            return master;
        }
        return "local[" + (m.group(2) == null ? "1" : m.group(2)) + ",4]";
    }

    /**
     * Fails with one line when the master's cluster manager is not on the class path (YARN and Kubernetes support
     * are separate Spark modules that npg4j does not bundle) or when a standalone master does not answer.
     */
    static void checkMaster(String master) {
        String module = null;
        String manager = null;
        if (master.equals("yarn") || master.startsWith("yarn-")) {
            module = "spark-yarn_2.13";
            manager = "org.apache.spark.deploy.yarn.YarnClusterManager";
        } else if (master.startsWith("k8s://")) {
            module = "spark-kubernetes_2.13";
            manager = "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager";
        } else if (master.startsWith("mesos://")) {
            module = "spark-mesos_2.13";
            manager = "org.apache.spark.scheduler.cluster.mesos.MesosClusterManager";
        }
        if (manager != null && !onClassPath(manager)) {
            throw new IllegalArgumentException("--master " + master + " needs Spark's " + module + " module, which "
                    + "npg4j does not bundle: submit with the spark-submit of a Spark " + org.apache.spark.package$.MODULE$
                    .SPARK_VERSION() + " distribution for Scala 2.13 that includes it (see docs/distributed.md)");
        }
        Matcher m = STANDALONE.matcher(master);
        if (m.matches()) {
            checkReachable(master, m.group(1));
        } else if (manager == null && !isLocal(master)) {
            throw new IllegalArgumentException("unknown Spark master '" + master
                    + "' (expected local[*], local[N], spark://host:port, yarn or k8s://...)");
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, SparkSettings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A standalone master (one or several, for high availability) must accept a connection. */
    private static void checkReachable(String master, String hosts) {
        List<String> failures = new ArrayList<>();
        for (String hostPort : hosts.split(",")) {
            java.net.URI uri;
            try {
                uri = new java.net.URI("spark://" + hostPort.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--master " + master + ": not a host:port list (" + e.getMessage()
                        + ")");
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("--master " + master + ": expected spark://host:port, found '"
                        + hostPort + "'");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                return;
            } catch (IOException e) {
                failures.add(uri.getHost() + ":" + uri.getPort() + " (" + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + master + ": " + String.join(", ",
                failures));
    }

    /**
     * The jars of this JVM that executors need (npg4j's and npg4j-core's dependencies), as local paths, leaving out
     * any whose file name {@code spark.jars} already lists (spark-submit's {@code --jars} and application jar).
     * Classes loaded from directories (a development build) cannot be shipped and are left out.
     */
    static List<String> driverJars(String configuredJars) {
        Set<String> names = new LinkedHashSet<>();
        for (String j : configuredJars == null ? new String[0] : configuredJars.split(",")) {
            if (!j.isBlank()) {
                names.add(Path.of(j.trim().replaceFirst("^[a-z]+:", "")).getFileName().toString());
            }
        }
        Set<String> jars = new LinkedHashSet<>();
        for (String c : NEEDED_ON_EXECUTORS) {
            try {
                Class<?> k = Class.forName(c, false, SparkSettings.class.getClassLoader());
                var source = k.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    continue;
                }
                Path p = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(p) && names.add(p.getFileName().toString())) {
                    jars.add(p.toAbsolutePath().toString());
                }
            } catch (ClassNotFoundException | URISyntaxException | LinkageError e) {
                // Not on this class path: then the executors cannot need it from us either.
            }
        }
        return new ArrayList<>(jars);
    }

    /**
     * JVM options for executors (and a cluster-deploy driver): the options already configured, then the Vector API
     * module (npg4j's SIMD kernels, twice as fast as the scalar ones and equal to them bit for bit) and the packages
     * Spark needs opened on Java 17.
     */
    static String javaOptions(String configured) {
        StringBuilder sb = new StringBuilder(configured == null ? "" : configured.trim());
        List<String> wanted = new ArrayList<>(List.of(String.join(" ", Kernels.SIMD_JVM_OPTIONS)));
        for (String p : JAVA_17_OPENS) {
            wanted.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        for (String w : wanted) {
            if (!sb.toString().contains(w)) {
                sb.append(sb.length() == 0 ? "" : " ").append(w);
            }
        }
        return sb.toString();
    }

    /** The Spark configuration of a sweep on {@code master}. */
    static SparkConf configure(SparkConf conf, String master) {
        conf.setAppName("npg4j sweep").setMaster(withRetries(master))
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", conf.get("spark.task.maxFailures", "4"));
        if (isLocal(master)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            return conf;
        }
        List<String> jars = new ArrayList<>();
        String configured = conf.get("spark.jars", "");
        if (!configured.isBlank()) {
            jars.add(configured);
        }
        jars.addAll(driverJars(configured));
        if (!jars.isEmpty()) {
            conf.set("spark.jars", String.join(",", jars));
        }
        conf.set("spark.executor.extraJavaOptions", javaOptions(conf.get("spark.executor.extraJavaOptions", "")));
        conf.set("spark.driver.extraJavaOptions", javaOptions(conf.get("spark.driver.extraJavaOptions", "")));
        return conf;
    }
}
