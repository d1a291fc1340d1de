package org.npg4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.npg4j.train.RunSummary;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.npg4j.util.AtomicFiles;

/**
 * A sweep output on a Hadoop-compatible filesystem: each run is trained into a local temporary directory, copied to
 * a hidden {@code .tmp-<id>-<uuid>} directory next to its final place, and renamed to {@code <id>} (atomic on HDFS
 * and on local filesystems; on object stores rename is a copy, see docs/distributed.md).
 */
record HadoopRunStore(String root) implements RunStore {
    private FileSystem fs() {
        try {
            return FileSystem.get(java.net.URI.create(root), new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot open the filesystem (" + e.getMessage() + ")", e);
        }
    }

    private org.apache.hadoop.fs.Path path(String child) {
        return new org.apache.hadoop.fs.Path(root, child);
    }

    @Override
    public void init() {
        try {
            fs().mkdirs(new org.apache.hadoop.fs.Path(root));
        } catch (IOException e) {
            throw new IllegalArgumentException(root + ": cannot create the output directory (" + e.getMessage() + ")");
        }
    }

    @Override
    public RunSummary readSummary(String id) {
        org.apache.hadoop.fs.Path f = new org.apache.hadoop.fs.Path(path(id), "summary.json");
        try {
            FileSystem fs = fs();
            if (!fs.exists(f)) {
                return null;
            }
            try (var in = fs.open(f)) {
                return RunStore.parseSummary(new String(in.readAllBytes(), StandardCharsets.UTF_8), f.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String readRunFile(String id, String name) {
        org.apache.hadoop.fs.Path f = new org.apache.hadoop.fs.Path(path(id), name);
        try {
            FileSystem fs = fs();
            if (!fs.exists(f)) {
                return null;
            }
            try (var in = fs.open(f)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public java.nio.file.Path newWorkDirectory(String id) {
        return AtomicFiles.createTempDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
                "npg4j-" + id + "-");
    }

    @Override
    public boolean publish(java.nio.file.Path work, String id) {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path tmp = path(".tmp-" + id + "-" + UUID.randomUUID());
        org.apache.hadoop.fs.Path target = path(id);
        try {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(work.toUri()), tmp);
            if (fs.exists(target) && !fs.exists(new org.apache.hadoop.fs.Path(target, "summary.json"))) {
                // A partial directory left by a crash during a non-atomic rename (object stores): replace it.
                fs.delete(target, true);
            }
            boolean moved = !fs.exists(target) && fs.rename(tmp, target);
            if (!moved) {
                fs.delete(tmp, true);
            }
            return moved;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot publish the run (" + e.getMessage() + ")", e);
        } finally {
            SweepTask.deleteTree(work);
        }
    }

    @Override
    public void writeText(String name, String text) {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path tmp = path("." + name + "-" + UUID.randomUUID() + ".tmp");
        org.apache.hadoop.fs.Path target = path(name);
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.hsync();
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename of " + tmp + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String readText(String name) {
        org.apache.hadoop.fs.Path f = path(name);
        try {
            FileSystem fs = fs();
            if (!fs.exists(f)) {
                return null;
            }
            try (var in = fs.open(f)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean createMarker(String name) {
        try {
            return fs().createNewFile(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String name) {
        try {
            return fs().exists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(path(name) + ": cannot check (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            fs().delete(path(name), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int deleteStaleWork() {
        try {
            FileSystem fs = fs();
            int n = 0;
            for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(new org.apache.hadoop.fs.Path(root))) {
                if (st.isDirectory() && st.getPath().getName().startsWith(".tmp-")) {
                    fs.delete(st.getPath(), true);
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public java.nio.file.Path localRoot() {
        return null;
    }
}
