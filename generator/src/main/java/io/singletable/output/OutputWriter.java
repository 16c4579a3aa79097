package io.singletable.output;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an {@link OutputPlan} into an output directory.
 *
 * <ul>
 *   <li>Only changed files are written (unchanged files keep their modification time), each through a
 *       temporary sibling file and an atomic move.</li>
 *   <li>The manifest {@value #MANIFEST} lists the paths the generator owns. Files owned by the previous
 *       run but no longer planned are deleted, with the directories that became empty; files the
 *       manifest does not list (user files) are never touched unless planned.</li>
 *   <li>Before anything is written, every planned location is checked: a directory (or a file where a
 *       parent directory is needed) fails the whole write.</li>
 * </ul>
 */
public final class OutputWriter {

  /** Name of the manifest file in the output directory. */
  public static final String MANIFEST = ".singletable-manifest";
  /**
   * Names temporary files apart from those of another generator writing at the same time; a name taken all the same
   * is skipped ({@link #writeTemp}). From the clocks, not from a {@code SecureRandom}, whose start costs a fresh JVM
   * some 25 ms.
   */
  private static final String RUN = Long.toString(mix(System.nanoTime() ^ Long.rotateLeft(System.currentTimeMillis(),
      32)) >>> 24, 36);
  private static final AtomicLong TEMP_FILES = new AtomicLong();

  /**
   * Writes {@code plan} into {@code outputDirectory}, creating it when missing.
   *
   * @return which planned files were written or unchanged, and which stale files were deleted
   * @throws IOException when a planned location is blocked or the file system fails
   */
  public WriteReport write(Path outputDirectory, OutputPlan plan) throws IOException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    List<GeneratedFile> files = plan.files();
    BasicFileAttributes[] found = checkLocations(root, files);
    Files.createDirectories(root);
    Path manifest = root.resolve(MANIFEST);
    Set<String> owned = Manifest.read(manifest);
    Set<String> planned = new TreeSet<>();
    List<String> written = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    Set<Path> directories = new TreeSet<>();
    files.forEach(file -> directories.add(root.resolve(file.path()).getParent()));
    for (Path dir : directories) {
      Files.createDirectories(dir);
    }
    boolean[] changed = writeAll(root, files, found);
    for (int i = 0; i < files.size(); i++) {
      String path = files.get(i).path();
      planned.add(path);
      (changed[i] ? written : unchanged).add(path);
    }
    List<String> deleted = deleteStale(root, owned, planned);
    writeIfChanged(manifest, Manifest.render(planned));
    return new WriteReport(written, unchanged, deleted);
  }

  /** Threads writing files: creating a file is mostly the kernel's work, which every core can do. */
  private static final int WRITERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /**
   * {@link #writeIfChanged} for every file, on {@link #WRITERS} threads; which were written, by index. After a
   * failure no further file is started, and the failure of the first failing file (in plan order) is thrown.
   */
  private static boolean[] writeAll(Path root, List<GeneratedFile> files, BasicFileAttributes[] found)
      throws IOException {
    boolean[] changed = new boolean[files.size()];
    Exception[] failures = new Exception[files.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Runnable writer = () -> {
      for (int i; !failed.get() && (i = next.getAndIncrement()) < files.size(); ) {
        GeneratedFile file = files.get(i);
        try {
          Path target = root.resolve(file.path());
          BasicFileAttributes attributes = found[i] == UNKNOWN ? attributes(target) : found[i];
          changed[i] = writeIfChanged(target, file.bytes(), attributes);
        } catch (IOException | RuntimeException e) {
          failures[i] = e;
          failed.set(true);
        }
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int t = 1; t < Math.min(WRITERS, files.size()); t++) {
      Thread thread = new Thread(writer, "singletable-writer-" + t);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    writer.run();
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // let the writers finish their file: no half-written target
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Exception e : failures) {
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
    }
    return changed;
  }

  /** Marks a planned file whose attributes could not be read in advance: they are read when it is written. */
  private static final BasicFileAttributes UNKNOWN = new BasicFileAttributes() {
    @Override
    public java.nio.file.attribute.FileTime lastModifiedTime() {
      return null;
    }

    @Override
    public java.nio.file.attribute.FileTime lastAccessTime() {
      return null;
    }

    @Override
    public java.nio.file.attribute.FileTime creationTime() {
      return null;
    }

    @Override
    public boolean isRegularFile() {
      return false;
    }

    @Override
    public boolean isDirectory() {
      return false;
    }

    @Override
    public boolean isSymbolicLink() {
      return false;
    }

    @Override
    public boolean isOther() {
      return false;
    }

    @Override
    public long size() {
      return -1;
    }

    @Override
    public Object fileKey() {
      return null;
    }
  };

  /**
   * Fails before writing anything when the output directory or a planned location is blocked. Returns what is at
   * each planned location (links not followed; null when nothing is), for {@link #writeIfChanged}: a location whose
   * directory does not exist yet is not looked up at all, so a fresh output costs no lookup per file.
   */
  private static BasicFileAttributes[] checkLocations(Path root, List<GeneratedFile> files) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new IOException("output directory " + root + " exists but is not a directory");
    }
    if (Files.isDirectory(root.resolve(MANIFEST))) {
      throw new IOException("cannot write the manifest " + root.resolve(MANIFEST) + ": it is a directory");
    }
    BasicFileAttributes[] found = new BasicFileAttributes[files.size()];
    Map<Path, Boolean> exists = new HashMap<>(); // a directory and its parents, checked once: whether it exists
    exists.put(root, Files.isDirectory(root));
    for (int i = 0; i < files.size(); i++) {
      GeneratedFile file = files.get(i);
      Path target = root.resolve(file.path());
      if (directoryExists(root, target.getParent(), exists, file)) {
        found[i] = lookUp(target, file);
      }
    }
    return found;
  }

  /** Whether {@code dir} (inside {@code root}) exists; fails when it or a parent is a file. */
  private static boolean directoryExists(Path root, Path dir, Map<Path, Boolean> exists, GeneratedFile file)
      throws IOException {
    Boolean known = exists.get(dir);
    if (known != null) {
      return known;
    }
    boolean parent = directoryExists(root, dir.getParent(), exists, file);
    boolean here = parent && Files.exists(dir);
    if (here && !Files.isDirectory(dir)) {
      throw new IOException("cannot write generated file '" + file.path() + "': " + dir
          + " is a file, but a directory is needed there; remove or rename it");
    }
    exists.put(dir, here);
    return here;
  }

  /** What is at {@code target} (null: nothing); fails when it is a directory (a link to one included). */
  private static BasicFileAttributes lookUp(Path target, GeneratedFile file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = attributes(target);
    } catch (IOException e) {
      attributes = UNKNOWN; // looked up again when written, where a failure is that file's
    }
    if (attributes != null && (attributes.isDirectory()
        || (attributes.isSymbolicLink() || attributes == UNKNOWN) && Files.isDirectory(target))) {
      throw new IOException("cannot write generated file '" + file.path() + "': " + target
          + " is a directory; remove or rename it");
    }
    return attributes;
  }

  /** Writes {@code bytes} to {@code target} (its directory exists) unless it already holds exactly them; true when written. */
  private static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
    return writeIfChanged(target, bytes, attributes(target));
  }

  /** {@link #writeIfChanged(Path, byte[])} with what is at {@code target} already looked up (null: nothing). */
  private static boolean writeIfChanged(Path target, byte[] bytes, BasicFileAttributes attributes) throws IOException {
    if (attributes != null && attributes.isRegularFile() && attributes.size() == bytes.length
        && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return false;
    }
    replace(target, bytes);
    return true;
  }

  /**
   * Writes {@code bytes} to {@code target} (its directory exists) through a new temporary sibling file moved into
   * place, atomically where the file system can.
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    Path temp = writeTemp(target, bytes);
    boolean moved = false;
    try {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) { // once moved, the temporary file is gone: no lookup per file
        Files.deleteIfExists(temp);
      }
    }
  }

  /** A new temporary sibling of {@code target} holding {@code bytes}; names another writer holds are skipped. */
  private static Path writeTemp(Path target, byte[] bytes) throws IOException {
    while (true) {
      Path temp = target.resolveSibling("." + target.getFileName() + "." + RUN + "-" + TEMP_FILES.incrementAndGet()
          + ".tmp");
      try {
        Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return temp;
      } catch (FileAlreadyExistsException e) {
        continue; // another writer's: not ours to touch
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp); // created by this call (CREATE_NEW), then failed
        throw e;
      }
    }
  }

  /** A 64-bit mix (SplitMix64's finaliser). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The file's attributes (links not followed), or null when nothing is there. */
  private static BasicFileAttributes attributes(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes owned files that are no longer planned, then the directories this left empty. */
  private static List<String> deleteStale(Path root, Set<String> owned, Set<String> planned)
      throws IOException {
    Path realRoot = root.toRealPath();
    List<String> deleted = new ArrayList<>();
    for (String path : owned) {
      Path file = root.resolve(path).normalize();
      if (planned.contains(path) || !isInside(realRoot, file)
          || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || !Files.deleteIfExists(file)) {
        continue;
      }
      deleted.add(path);
      removeEmptyDirectories(root, file.getParent());
    }
    return deleted;
  }

  /** Whether {@code file}'s parent, with links resolved, lies inside {@code realRoot}. */
  private static boolean isInside(Path realRoot, Path file) throws IOException {
    try {
      return file.getParent().toRealPath().startsWith(realRoot);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Removes {@code dir} and its ancestors below {@code root} while they are empty directories. */
  private static void removeEmptyDirectories(Path root, Path dir) throws IOException {
    for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
      if (!isEmptyDirectory(d)) {
        return;
      }
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }
}
