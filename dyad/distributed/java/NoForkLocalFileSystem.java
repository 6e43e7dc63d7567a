// dyad: Hadoop's local file system for Spark local mode, setting permissions without a process.
//
// Without Hadoop's native library (pip-installed pyspark has none), RawLocalFileSystem sets the
// permissions of every file and directory it creates by running `chmod` in a child process:
// a few milliseconds each, several per Parquet file. A job writing one folder per publication
// day spends most of its write time there. This subclass sets the same bits with java.nio.
// Built and used by dyad.distributed.localfs, for local masters only.
package dyad.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

public class NoForkLocalFileSystem extends RawLocalFileSystem {
  // Bit i of the mode (least significant first) is BITS[i].
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ};

  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    short mode = permission.toShort();
    Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << i)) != 0) {
        bits.add(BITS[i]);
      }
    }
    Files.setPosixFilePermissions(pathToFile(p).toPath(), bits);
  }
}
