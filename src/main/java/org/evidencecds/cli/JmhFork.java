package org.evidencecds.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lets JMH fork a fresh JVM per benchmark from the Spring Boot fat jar. JMH starts its forks with
 * {@code -cp $java.class.path}; from the fat jar that is the jar alone, whose classes sit in nested jars
 * (BOOT-INF/lib) that a plain class path cannot read. So the nested jars and BOOT-INF/classes are unpacked
 * once into a folder under java.io.tmpdir (keyed by the jar's size and time, reused by later runs) and
 * java.class.path names them while JMH runs. A fork per benchmark keeps one benchmark's JIT profile and
 * garbage out of the next one's figure, which one shared in-process JVM (forks = 0) did not.
 */
final class JmhFork {

    private JmhFork() {
    }

    /** Runs the JMH call with java.class.path set to a class path a forked JVM can use, then restores it. */
    static <T> T withForkableClassPath(Callable<T> jmh) throws Exception {
        String original = System.getProperty("java.class.path");
        String forkable = forkableClassPath(original);
        System.setProperty("java.class.path", forkable);
        try {
            return jmh.call();
        } finally {
            System.setProperty("java.class.path", original);
        }
    }

    private static String forkableClassPath(String classPath) throws IOException {
        // loaded by the application class loader (tests, an IDE, a plain class path): the path already works
        if (JmhFork.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            return classPath;
        }
        Path jar = Path.of(classPath.split(File.pathSeparator)[0]).toAbsolutePath();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "evidence-cds-jmh-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
        if (!Files.isRegularFile(dir.resolve("complete"))) {
            if (Files.exists(dir)) {
                delete(dir); // left half-written by a run that was killed
            }
            unpack(jar, dir);
        }
        List<String> entries = new ArrayList<>();
        entries.add(dir.resolve("classes").toString());
        try (Stream<Path> libs = Files.list(dir.resolve("lib"))) {
            libs.sorted().forEach(p -> entries.add(p.toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Unpacks into a private folder and renames it into place, so two runs never see a half-written one. */
    private static void unpack(Path jar, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                String name = e.getName();
                Path target;
                if (name.startsWith("BOOT-INF/classes/")) {
                    target = tmp.resolve("classes").resolve(name.substring("BOOT-INF/classes/".length()));
                } else if (name.startsWith("BOOT-INF/lib/")) {
                    target = tmp.resolve("lib").resolve(name.substring("BOOT-INF/lib/".length()));
                } else {
                    continue;
                }
                if (!target.normalize().startsWith(tmp)) {
                    throw new IOException("unexpected entry in " + jar + ": " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.createDirectories(tmp.resolve("lib"));
            Files.writeString(tmp.resolve("complete"), jar + "\n");
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException raced) {
                // another run unpacked the same jar first: use its copy
                delete(tmp);
            }
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            throw e;
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> all = Files.walk(tree)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
