package org.npg4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.npg4j.util.AtomicFiles;

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
    public Path newWorkDirectory(String id) {
        try {
            return Files.createTempDirectory(dir(), ".tmp-" + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot create a run directory (" + e.getMessage() + ")", e);
        }
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
    public boolean createMarker(String name) {
        Path marker = dir().resolve(name);
        if (Files.exists(marker)) {
            return false;
        }
        AtomicFiles.writeString(marker, "");
        return true;
    }

    @Override
    public Path localRoot() {
        return dir();
    }
}
