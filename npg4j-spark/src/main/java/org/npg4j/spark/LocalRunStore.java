package org.npg4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.npg4j.util.AtomicFiles;
import org.npg4j.train.RunSummary;

/** A sweep output in a local (or mounted shared) directory: runs are trained beside it and renamed into place. */
record LocalRunStore(String root) implements RunStore {
    Path dir() {
        return Path.of(root);
    }

    @Override
    public void init() {
        try {
            Files.createDirectories(dir());
        } catch (IOException e) {
            throw new IllegalArgumentException(root + ": cannot create the output directory (" + e.getMessage() + ")");
        }
    }

    @Override
    public RunSummary readSummary(String id) {
        Path f = dir().resolve(id).resolve("summary.json");
        return Files.isRegularFile(f) ? RunStore.parseSummary(RunStore.read(f), f.toString()) : null;
    }

    @Override
    public String readRunFile(String id, String name) {
        Path f = dir().resolve(id).resolve(name);
        return Files.isRegularFile(f) ? RunStore.read(f) : null;
    }

    @Override
    public Path newWorkDirectory(String id) {
        return AtomicFiles.createTempDirectory(dir(), ".tmp-" + id + "-");
    }

    @Override
    public boolean publish(Path work, String id) {
        try {
            Files.move(work, dir().resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            SweepTask.deleteTree(work);
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException(root + ": the output directory must support atomic renames", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeText(String name, String text) {
        AtomicFiles.writeString(dir().resolve(name), text);
    }

    @Override
    public String readText(String name) {
        Path f = dir().resolve(name);
        return Files.isRegularFile(f) ? RunStore.read(f) : null;
    }

    @Override
    public boolean createMarker(String name) {
        Path marker = dir().resolve(name);
        if (Files.exists(marker)) {
            return false;
        }
        AtomicFiles.writeString(marker, "");
        return true;
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(dir().resolve(name));
    }

    @Override
    public void delete(String name) {
        try {
            Files.deleteIfExists(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int deleteStaleWork() {
        try (java.util.stream.Stream<Path> s = Files.list(dir())) {
            List<Path> stale = s.filter(p -> p.getFileName().toString().startsWith(".tmp-") && Files.isDirectory(p))
                    .toList();
            stale.forEach(SweepTask::deleteTree);
            return stale.size();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Path localRoot() {
        return dir();
    }
}
